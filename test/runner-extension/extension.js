// Runs inside code-server's Node extension host. The harness (scripts/test-integration.mjs) copies this folder
// into the extensions dir with `tests.js` (the bundled suite) and a `node_modules` link to the repo's, and tells it
// where to write results through CLERK_CONVEX_TEST_RESULTS. Without that variable it does nothing.
const fs = require('node:fs');
const path = require('node:path');

exports.activate = function activate() {
  const resultFile = process.env.CLERK_CONVEX_TEST_RESULTS;
  if (!resultFile) return;
  const write = (data) => fs.writeFileSync(resultFile + '.tmp', JSON.stringify(data, null, 2));
  const finish = (data) => {
    write(data);
    fs.renameSync(resultFile + '.tmp', resultFile);
  };
  setTimeout(() => {
    let suite;
    try {
      suite = require(path.join(__dirname, 'tests.js'));
    } catch (err) {
      finish({ error: `Could not load the test bundle: ${err && err.stack || err}` });
      return;
    }
    suite.run({ reportTo: (event) => write({ progress: event }) }).then(
      (results) => finish(results),
      (err) => finish({ error: String(err && err.stack || err) }),
    );
  }, 0);
};

exports.deactivate = function deactivate() {};
