// The webview builds every node with createElement and puts every string in with text nodes, so nothing from a
// token can become markup. Attributes are set one by one and never include event handlers or inline styles
// (the CSP forbids both; listeners are attached with addEventListener). Every string goes through `visibleText`,
// the one formatter that marks invisible and bidi characters, so no place can forget to.
import { splitHidden } from '../protocol/displayValue';

type Child = Node | string | null | undefined | false;
type Attrs = Record<string, string | boolean | undefined>;

function applyAttrs(node: Element, attrs: Attrs): void {
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    if (/^on/i.test(name) || name === 'style') throw new Error(`refusing attribute ${name}`);
    node.setAttribute(name, value === true ? '' : value);
  }
}

/** Text with invisible and bidi-control characters made visible as `⟨U+XXXX⟩` marks. */
export function visibleText(text: string): Node {
  const pieces = splitHidden(text);
  if (pieces.length <= 1 && !pieces[0]?.hidden) return document.createTextNode(text);
  const frag = document.createDocumentFragment();
  for (const piece of pieces) {
    if (!piece.hidden) {
      frag.appendChild(document.createTextNode(piece.text));
      continue;
    }
    const mark = document.createElement('span');
    mark.className = 'hidden-char';
    mark.title = piece.text;
    mark.textContent = piece.text;
    frag.appendChild(mark);
  }
  return frag;
}

function append(node: Node, children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    node.appendChild(typeof c === 'string' ? visibleText(c) : c);
  }
}

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  applyAttrs(node, attrs);
  append(node, children);
  return node;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

export function svg(tag: string, attrs: Attrs = {}, ...children: Child[]): SVGElement {
  const node = document.createElementNS(SVG_NS, tag);
  applyAttrs(node, attrs);
  append(node, children);
  return node;
}

/** A codicon glyph; decorative, so hidden from screen readers (the text beside it carries the meaning). */
export function icon(name: string, extraClass = ''): HTMLElement {
  return h('span', { class: `codicon codicon-${name} ${extraClass}`.trim(), 'aria-hidden': 'true' });
}

export function clear(node: Node): void {
  while (node.firstChild) node.removeChild(node.firstChild);
}

export function replaceChildren(node: Node, ...children: Child[]): void {
  clear(node);
  append(node, children);
}
