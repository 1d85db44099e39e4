// Debian's Chromium, launched with the flags that work on these machines (no downloads, no background traffic).
// Installed with apt by the harness when it is missing (see systemPackages.mjs).
import fs from 'node:fs';
import { SetupError } from './setupError.mjs';
import { CHROMIUM_CANDIDATES, ensureSystemPackages, NEEDS } from './systemPackages.mjs';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--disable-dev-shm-usage',
];

/** The browser to launch; installs Debian's chromium and fonts first when they are missing. */
export function chromiumPath(systemPackages = ensureSystemPackages) {
  // An explicit CHROMIUM_PATH is the only candidate: a wrong one is reported, not silently replaced.
  if (process.env.CHROMIUM_PATH) {
    if (fs.existsSync(process.env.CHROMIUM_PATH)) return process.env.CHROMIUM_PATH;
    throw new SetupError(
      `No Chromium found at ${process.env.CHROMIUM_PATH} (CHROMIUM_PATH). Point CHROMIUM_PATH at a Chromium binary, ` +
        "or unset it and the harness installs Debian's (`apt-get install -y chromium`).",
    );
  }
  systemPackages([NEEDS.chromium, NEEDS.fonts]);
  const found = CHROMIUM_CANDIDATES.find((p) => fs.existsSync(p));
  if (!found)
    throw new SetupError(
      `No Chromium found at ${CHROMIUM_CANDIDATES.join(' or ')}. Install it with \`sudo apt-get install -y chromium\` and run again.`,
    );
  return found;
}
