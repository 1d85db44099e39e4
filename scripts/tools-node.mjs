// `node scripts/tools-node.mjs <bin> [args…]`: runs node_modules/.bin/<bin> on the tools' Node (this Node when it
// is new enough, else the harness's Node 24; see scripts/lib/toolsNode.mjs). The npm scripts that run tests use it.
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from './lib/codeServer.mjs';
import { runToEnd, runUnderToolsNode } from './lib/toolsNode.mjs';

await runUnderToolsNode();
const [bin, ...args] = process.argv.slice(2);
const entry = bin && path.join(repoRoot, 'node_modules', '.bin', bin);
if (!entry || !fs.existsSync(entry)) {
  console.error(
    `✗ usage: node scripts/tools-node.mjs <a command in node_modules/.bin> [arguments] (got ${bin ?? 'nothing'})`,
  );
  process.exit(2);
}
process.exit(await runToEnd(process.execPath, [fs.realpathSync(entry), ...args], process.env));
