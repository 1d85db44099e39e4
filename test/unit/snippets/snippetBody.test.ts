import { strict as assert } from 'node:assert';
import { expandSnippet, snippetChoices } from '../../support/snippetBody';

describe('expandSnippet', () => {
  it('fills placeholders with their defaults and drops bare tab stops', () => {
    assert.equal(expandSnippet('const ${1:x} = $2;$0'), 'const x = ;');
  });
  it('joins body lines with "\\n"', () => {
    assert.equal(expandSnippet(['a', '${1:b}', '']), 'a\nb\n');
  });
  it('mirrors a tab stop, whichever occurrence carries the default', () => {
    assert.equal(expandSnippet('<$1>${1:Provider}</$1>'), '<Provider>Provider</Provider>');
  });
  it('expands nested placeholders', () => {
    assert.equal(expandSnippet('${1:fetch(${2:api.x}, ${3:{\\}})}'), 'fetch(api.x, {})');
  });
  it('takes the first choice, or the one asked for, and mirrors it', () => {
    const body = 'from "${1|@clerk/react,@clerk/clerk-react|}"; // $1';
    assert.equal(expandSnippet(body), 'from "@clerk/react"; // @clerk/react');
    assert.equal(expandSnippet(body, { choice: () => 1 }), 'from "@clerk/clerk-react"; // @clerk/clerk-react');
    assert.equal(expandSnippet(body, { choice: () => 9 }), 'from "@clerk/clerk-react"; // @clerk/clerk-react');
    assert.deepEqual(snippetChoices(body), [{ index: 1, options: ['@clerk/react', '@clerk/clerk-react'] }]);
  });
  it('reads escaped commas and pipes in choices', () => {
    assert.equal(expandSnippet('${1|a\\,b,c|}'), 'a,b');
  });
  it('expands variables, their defaults, unknown names, and transforms', () => {
    const variables = { TM_FILENAME_BASE: 'my-page', TM_SELECTED_TEXT: '' };
    assert.equal(expandSnippet('$TM_FILENAME_BASE ${TM_FILENAME_BASE}', { variables }), 'my-page my-page');
    assert.equal(expandSnippet('${NOT_SET:fallback}', { variables }), 'fallback');
    assert.equal(expandSnippet('$UNKNOWN_VAR', { variables }), 'UNKNOWN_VAR');
    assert.equal(
      expandSnippet('${TM_FILENAME_BASE/(\\w+)-(\\w+)/${1:/capitalize}${2:/upcase}/}', { variables }),
      'MyPAGE',
    );
    assert.equal(expandSnippet('${TM_FILENAME_BASE/(page)|.*/${1:+yes}${1:?a:b}/}', { variables }), 'b');
  });
  it('keeps escaped dollars and braces, and a "$" that starts nothing', () => {
    assert.equal(expandSnippet('\\$1 \\} a $ b ${'), '$1 } a $ b ${');
  });
});
