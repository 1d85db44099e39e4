// Renders media/icon.svg to the 128×128 media/icon.png the Marketplace shows (run after editing the SVG).
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromiumPath, CHROMIUM_ARGS } from './lib/browser.mjs';

const media = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'media');
const svg = fs.readFileSync(path.join(media, 'icon.svg'), 'utf8');
const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
const page = await browser.newPage({ viewport: { width: 128, height: 128 } });
await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
await page.screenshot({
  path: path.join(media, 'icon.png'),
  omitBackground: true,
  clip: { x: 0, y: 0, width: 128, height: 128 },
});
await browser.close();
