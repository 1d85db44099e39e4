// The webview's page shell, shared by the host (real cspSource) and the static UI check (a local server):
// no inline script or style; a CSP that allows only our stylesheets, fonts and one nonce'd script; Trusted Types
// required, so an HTML-string sink would throw instead of running.

export interface ShellOptions {
  /** `webview.cspSource`. */
  cspSource: string;
  /** URL of an asset in dist/webview (panel.js, panel.css, codicon.css). */
  asset: (name: string) => string;
  nonce: string;
  lang: string;
  title: string;
  /** Extra nonce'd scripts loaded before panel.js (the static check's stand-in for acquireVsCodeApi). */
  preludeScripts?: string[];
  /**
   * The page's first state (strings and settings, never a token), inlined so the page draws without waiting for
   * a round trip to the extension host. A JSON data block: not executed, so the CSP has nothing to allow.
   */
  initialState?: unknown;
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `style-src ${cspSource}`,
    `font-src ${cspSource}`,
    `img-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
    "base-uri 'none'",
    "form-action 'none'",
    "require-trusted-types-for 'script'",
    "trusted-types 'none'",
  ].join('; ');
}

export function panelShell(o: ShellOptions): string {
  const script = (src: string): string => `<script nonce="${attr(o.nonce)}" src="${attr(src)}"></script>`;
  return `<!DOCTYPE html>
<html lang="${attr(o.lang)}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${attr(contentSecurityPolicy(o.cspSource, o.nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${attr(o.asset('codicon.css'))}">
<link rel="stylesheet" href="${attr(o.asset('panel.css'))}">
<title>${text(o.title)}</title>
</head>
<body>
<main id="app" aria-busy="true"></main>
${o.initialState === undefined ? '' : `<script type="application/json" id="initial-state">${jsonForScript(o.initialState)}</script>\n`}${[...(o.preludeScripts ?? []), o.asset('panel.js')].map(script).join('\n')}
</body>
</html>`;
}

/** JSON that cannot end the data block early or open a comment, whatever the strings hold. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
}

function attr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function text(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
