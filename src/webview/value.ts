// Renders untrusted values (claims, header fields, response bodies) as JSON-shaped text built from nodes.
import { type DisplayValue } from '../protocol/displayValue';
import { format, type PanelStrings } from '../protocol/panel';
import { h, visibleText } from './dom';

export { visibleText };

function quoted(text: string, cls: string): HTMLElement {
  const span = h('span', { class: cls }, '"');
  span.appendChild(visibleText(text));
  span.appendChild(document.createTextNode('"'));
  return span;
}

function renderInto(out: HTMLElement, v: DisplayValue, indent: string, strings: PanelStrings): void {
  switch (v.k) {
    case 'str':
      out.appendChild(quoted(v.v, 'v-str'));
      if (v.cut)
        out.appendChild(h('span', { class: 'v-more' }, ` ${format(strings.moreCount, v.cut.toLocaleString())}`));
      return;
    case 'num':
      out.appendChild(h('span', { class: 'v-num' }, v.v));
      return;
    case 'bool':
      out.appendChild(h('span', { class: 'v-bool' }, String(v.v)));
      return;
    case 'null':
      out.appendChild(h('span', { class: 'v-null' }, 'null'));
      return;
    case 'other':
      out.appendChild(h('span', { class: 'v-other' }, `(${v.type})`));
      return;
    case 'more':
      out.appendChild(
        h(
          'span',
          { class: 'v-more' },
          v.reason === 'depth'
            ? strings.moreDepth
            : v.count
              ? format(strings.moreCount, v.count.toLocaleString())
              : strings.moreSize,
        ),
      );
      return;
    case 'arr': {
      if (v.items.length === 0) {
        out.appendChild(document.createTextNode('[]'));
        return;
      }
      const inner = `${indent}  `;
      out.appendChild(document.createTextNode('[\n'));
      v.items.forEach((item, i) => {
        out.appendChild(document.createTextNode(inner));
        renderInto(out, item, inner, strings);
        out.appendChild(document.createTextNode(i < v.items.length - 1 ? ',\n' : '\n'));
      });
      out.appendChild(document.createTextNode(`${indent}]`));
      return;
    }
    case 'obj': {
      if (v.entries.length === 0) {
        out.appendChild(document.createTextNode('{}'));
        return;
      }
      const inner = `${indent}  `;
      out.appendChild(document.createTextNode('{\n'));
      v.entries.forEach(([key, item], i) => {
        out.appendChild(document.createTextNode(inner));
        // The last entry of a cut object says how many were left out; it has no key of its own.
        if (!(item.k === 'more' && item.count && i === v.entries.length - 1)) {
          out.appendChild(quoted(key, 'v-key'));
          out.appendChild(document.createTextNode(': '));
        }
        renderInto(out, item, inner, strings);
        out.appendChild(document.createTextNode(i < v.entries.length - 1 ? ',\n' : '\n'));
      });
      out.appendChild(document.createTextNode(`${indent}}`));
      return;
    }
  }
}

export function renderValue(v: DisplayValue, strings: PanelStrings, block = false): HTMLElement {
  const out = h(block ? 'pre' : 'code', { class: 'value' });
  renderInto(out, v, '', strings);
  return out;
}
