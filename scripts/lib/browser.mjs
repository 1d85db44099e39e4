// Debian's Chromium, launched with the flags that work on these machines (no downloads, no background traffic).
import fs from 'node:fs';
import { SetupError } from './codeServer.mjs';

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', '--disable-dev-shm-usage'];

export function chromiumPath() {
  // An explicit CHROMIUM_PATH is the only candidate: a wrong one is reported, not silently replaced.
  const candidates = process.env.CHROMIUM_PATH ? [process.env.CHROMIUM_PATH] : ['/usr/bin/chromium', '/usr/bin/chromium-browser'];
  const found = candidates.find((p) => fs.existsSync(p));
  if (!found) {
    throw new SetupError(`No Chromium found at ${candidates.join(' or ')}. Install Debian's browser with `
      + '`apt-get install -y chromium` (or set CHROMIUM_PATH to a Chromium binary) and run again.');
  }
  return found;
}
