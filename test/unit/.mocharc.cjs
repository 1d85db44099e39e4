// The unit layer (`npm run test:unit`): pure tests only (no child process or worker thread, socket, timing or
// memory measurement, harness script), the whole layer in seconds. The root .mocharc.json names no files, so
// `npx mocha <file>` runs that file alone.
module.exports = { ...require('../../.mocharc.json'), spec: ['test/unit/**/*.test.ts'] };
