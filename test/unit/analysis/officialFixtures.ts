// The files under test/fixtures/official (see its README), shared by official.test.ts and the property tests.
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from './helpers';

const officialDir = path.join(repoRoot, 'test', 'fixtures', 'official');

export function officialFixtures(): { rel: string; text: string }[] {
  const out: { rel: string; text: string }[] = [];
  const visit = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) visit(full);
      else if (/\.(tsx?|jsx?)$/.test(entry.name))
        out.push({
          rel: path.relative(officialDir, full).split(path.sep).join('/'),
          text: fs.readFileSync(full, 'utf8'),
        });
    }
  };
  visit(officialDir);
  return out.sort((a, b) => a.rel.localeCompare(b.rel));
}
