// The system layer (`npm run test:system`): tests that spawn child processes or worker threads, serve HTTP on
// loopback, compare timings, measure memory, load the harness and build scripts, or run long property checks.
// Slow is their normal pace, hence the higher `slow` mark.
module.exports = { ...require('../../.mocharc.cjs'), spec: ['test/system/**/*.test.ts'], slow: 2000 };
