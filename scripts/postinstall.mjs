// After `npm install` / `npm ci`: on a Node older than the tools need (see scripts/lib/toolsNode.mjs), npm has
// skipped the optionalDependencies that declare Node 22; install them now with the tools' Node 24, so npm never
// has an engine to warn about and the tree is whole on every Node. On Node 22.13+/24 this does nothing.
import { SetupError } from './lib/setupError.mjs';
import { ensureToolsInstalled, ensureToolsNode, meetsToolsFloor, missingTools } from './lib/toolsNode.mjs';
import { repoRoot } from './lib/codeServer.mjs';

if (!meetsToolsFloor() && missingTools(repoRoot).length > 0) {
  try {
    ensureToolsInstalled(ensureToolsNode());
    // npm prints its summary after this step, about its own changes (it may say it removed these packages).
    console.error("[tools] node_modules is complete; npm's summary below counts only npm's own changes, not these.");
  } catch (err) {
    console.error(err instanceof SetupError ? `\n✗ ${err.message}` : err);
    process.exit(1);
  }
}
