import assert from 'node:assert/strict';
import { contentSecurityPolicy, jsonForScript, panelShell } from '../../../src/protocol/shell';

const base = {
  cspSource: 'https://csp.example',
  asset: (n: string) => `https://assets.example/${n}`,
  nonce: 'abc123',
  lang: 'en',
  title: 'Token Flow',
};

describe('webview page shell', () => {
  it('allows only our assets and one nonce for scripts, and requires Trusted Types', () => {
    const csp = contentSecurityPolicy('https://csp.example', 'abc123');
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /script-src 'nonce-abc123'(;|$)/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    assert.match(csp, /require-trusted-types-for 'script'/);
    const html = panelShell(base);
    assert.equal(html.match(/<script /g)?.length, 1);
    assert.match(html, /<script nonce="abc123" src="https:\/\/assets\.example\/panel\.js"><\/script>/);
  });

  it('inlines the first state as a JSON data block that the page can parse back', () => {
    const state = {
      type: 'init',
      strings: { title: 'Token Flow' },
      view: 'token',
      animate: true,
      trusted: false,
      scenarios: ['anonymous'],
    };
    const html = panelShell({ ...base, initialState: state });
    const block = /<script type="application\/json" id="initial-state">([^<]*)<\/script>/.exec(html);
    assert.ok(block, 'no initial-state block');
    assert.deepEqual(JSON.parse(block[1]), state);
    assert.doesNotMatch(html, /<script type="application\/json" nonce=/, 'a data block needs no nonce: it never runs');
  });

  it('omits the block when there is no initial state', () => {
    assert.doesNotMatch(panelShell(base), /initial-state/);
  });

  it('keeps any string inside the data block: no early </script>, no comment opener', () => {
    const hostile = { s: '</script><script>alert(1)</script><!-- & -->', t: '\u2028' };
    const json = jsonForScript(hostile);
    assert.doesNotMatch(json, /[<>&]/);
    assert.deepEqual(JSON.parse(json), hostile);
    const html = panelShell({ ...base, initialState: hostile });
    assert.equal(html.match(/<\/script>/g)?.length, 2, 'only the data block and panel.js close a script');
  });
});
