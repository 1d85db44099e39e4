// `npm run fuzz`: the property suites of the unit and system layers with many more generated cases (FUZZ_RUNS,
// default 2000) than the layers run. Extra mocha arguments pass through, e.g. `npm run fuzz -- --grep issuers`.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const mocha = require.resolve('mocha/bin/mocha.js');
const result = spawnSync(
  process.execPath,
  [
    mocha,
    '--no-config',
    '--require',
    'tsx/cjs',
    '--extension',
    'ts',
    '--timeout',
    '0',
    'test/{unit,system}/**/*.property.test.ts',
    ...process.argv.slice(2),
  ],
  {
    stdio: 'inherit',
    env: { ...process.env, FUZZ_RUNS: process.env.FUZZ_RUNS ?? '2000' },
  },
);
process.exit(result.status ?? 1);
