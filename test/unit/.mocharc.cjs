// The unit layer (`npm run test:unit`, or a bare `npx mocha`): pure tests only (no child process or worker thread,
// socket, timing or memory measurement, harness script), the whole layer in seconds.
module.exports = { ...require('../../.mocharc.cjs'), spec: ['test/unit/**/*.test.ts'] };
