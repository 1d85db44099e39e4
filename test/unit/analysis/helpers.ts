import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { analyse } from '../../../src/analysis/analyse';
import { applyEdits } from '../../../src/analysis/edits';
import { parseSource } from '../../../src/analysis/parse';
import type { AnalysisContext, Finding } from '../../../src/analysis/types';
import type { ProjectSnapshot } from '../../../src/project/types';

export const repoRoot = path.resolve(__dirname, '..', '..', '..');

export function readRepoFile(rel: string): string {
  return fs.readFileSync(path.join(repoRoot, rel), 'utf8');
}

export function codes(fileName: string, text: string, context?: AnalysisContext): string[] {
  return analyse(fileName, text, context).findings.map((f) => f.code);
}

export function only(fileName: string, text: string, code: string, context?: AnalysisContext): Finding[] {
  return analyse(fileName, text, context).findings.filter((f) => f.code === `clerk-convex/${code}`);
}

export function project(overrides: Partial<ProjectSnapshot> = {}): ProjectSnapshot {
  return { authConfigs: [], env: [], packages: { framework: 'unknown', clerkSdks: [] }, ...overrides };
}

/** Parses without any recovered error. */
export function assertParses(fileName: string, text: string): void {
  const file = parseSource(fileName, text);
  assert.ok(file, `could not parse:\n${text}`);
  const errors = (file as unknown as { errors?: unknown[] }).errors ?? [];
  assert.equal(errors.length, 0, `syntax errors after the fix:\n${text}\n${JSON.stringify(errors)}`);
}

/**
 * Applies every fix of every finding with `code`, one at a time, and checks the result parses and that
 * finding is gone. Returns the fixed texts (one per fix) for further checks.
 */
export function assertFixesResolve(fileName: string, text: string, code: string, context?: AnalysisContext): string[] {
  const full = `clerk-convex/${code}`;
  const findings = analyse(fileName, text, context).findings.filter((f) => f.code === full);
  assert.ok(findings.length > 0, `expected ${full} before the fix`);
  const results: string[] = [];
  for (const finding of findings) {
    assert.ok(finding.fixes.length > 0, `${full} has no fix`);
    for (const fix of finding.fixes) {
      const fixed = applyEdits(text, fix.edits);
      assertParses(fileName, fixed);
      const after = analyse(fileName, fixed, context).findings.filter((f) => f.code === full);
      assert.ok(after.length < findings.length, `"${fix.title}" left ${full}:\n${fixed}`);
      results.push(fixed);
    }
  }
  return results;
}
