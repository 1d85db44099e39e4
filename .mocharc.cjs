// Options both mocha layers share (test/unit/.mocharc.cjs and test/system/.mocharc.cjs add their files). Files named
// on the command line run alone (`npx mocha test/system/token/verify.test.ts`); a bare `npx mocha` runs the unit
// layer. Mocha adds command-line files to a config's spec, so the spec is left out whenever one is named.
const base = { require: ['tsx/cjs'], extension: ['ts'], timeout: 20000, reporter: 'spec' };
const namesFiles = process.argv.slice(2).some((a) => !a.startsWith('-') && /\.[cm]?[jt]s$|[/*]/.test(a));
module.exports = namesFiles ? base : { ...base, spec: ['test/unit/**/*.test.ts'] };
