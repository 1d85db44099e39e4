import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { RULE_LIST } from '../../../src/analysis/ruleCatalog';

// The `clerkConvex.diagnostics.rules` setting offers every rule code with completion and a description, and
// flags a code that does not exist; it must list exactly the analyzer's rules.
const root = path.resolve(__dirname, '../../..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  contributes: {
    configuration: {
      properties: Record<
        string,
        { properties?: Record<string, { enum: string[]; markdownDescription: string }>; additionalProperties?: unknown }
      >;
    };
  };
};
const nls = JSON.parse(fs.readFileSync(path.join(root, 'package.nls.json'), 'utf8')) as Record<string, string>;
const setting = manifest.contributes.configuration.properties['clerkConvex.diagnostics.rules'];

describe('analysis: the per-rule severity setting in package.json', () => {
  it('lists exactly the analyzer rule codes and refuses unknown ones', () => {
    assert.ok(setting?.properties);
    assert.deepEqual(Object.keys(setting.properties).sort(), RULE_LIST.map((r) => r.code).sort());
    assert.equal(setting.additionalProperties, false);
  });

  it('gives each rule the severities the adapter reads and a localized description naming its default', () => {
    for (const rule of RULE_LIST) {
      const entry = setting.properties![rule.code];
      assert.deepEqual(entry.enum, ['off', 'error', 'warning', 'information', 'hint'], rule.code);
      const text = nls[entry.markdownDescription.slice(1, -1)];
      assert.ok(text, `${rule.code}: ${entry.markdownDescription} is not in package.nls.json`);
      assert.ok(text.includes(`default: ${rule.severity}`), `${rule.code}: ${text}`);
    }
  });
});
