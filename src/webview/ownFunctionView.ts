// The exercise's second half: pick one of your Convex functions, run it as anonymous, A and B, and see for each
// call the request ConvexHttpClient sent, the stand-in's response, and whether the rows were the right ones.
import type { OwnCallView, OwnFunctionView, PanelStrings, WebviewMessage } from '../protocol/panel';
import { h, icon, replaceChildren } from './dom';
import { renderValue, visibleText } from './value';

/** A bearer token is long; the request shows its start and end so the header stays readable. */
export function shortenBearer(value: string): string {
  const m = /^Bearer (.+)$/.exec(value);
  if (!m || m[1].length <= 48) return value;
  return `Bearer ${m[1].slice(0, 24)}…${m[1].slice(-16)}`;
}

export class OwnFunctionSection {
  readonly root: HTMLElement;

  constructor(private readonly strings: PanelStrings, private readonly send: (m: WebviewMessage) => void) {
    this.root = h('section', { class: 'own-function', 'aria-labelledby': 'own-function-title', 'aria-live': 'polite' });
  }

  /** Redraws the section; returns how many calls it shows (for the host's render acknowledgement). */
  show(view: OwnFunctionView): number {
    const l = view.labels;
    const parts: (HTMLElement | null)[] = [h('h3', { id: 'own-function-title' }, icon('server-process'), ' ', l.title), h('p', { class: 'hint' }, l.intro)];
    const picker = h('select', { id: 'own-function-pick', 'aria-label': l.pick });
    for (const f of view.functions) {
      const option = h('option', { value: f.path }, f.label);
      if (f.path === view.selected) option.selected = true;
      picker.appendChild(option);
    }
    const run = h('button', { type: 'button', class: 'primary', id: 'own-function-run' }, icon('run'), l.run);
    run.disabled = view.state !== 'ready' && view.state !== 'ran' && view.state !== 'not-run' || view.functions.length === 0;
    run.addEventListener('click', () => this.send({ type: 'runOwnFunction', path: picker.value }));
    if (view.functions.length > 0) parts.push(h('div', { class: 'buttons' }, h('label', { for: 'own-function-pick' }, l.pick), picker, run));
    if (view.state === 'untrusted') {
      const trust = h('button', { type: 'button', id: 'own-function-trust' }, icon('shield'), l.trust);
      trust.addEventListener('click', () => this.send({ type: 'trustWorkspace' }));
      parts.push(h('p', { class: 'own-function-why', 'data-state': view.state }, icon('lock'), view.message ?? ''), trust);
    } else if (view.message) {
      parts.push(h('p', { class: 'own-function-why', 'data-state': view.state },
        icon(view.state === 'running' ? 'loading' : view.state === 'not-run' ? 'error' : 'info', view.state === 'running' ? 'codicon-modifier-spin' : ''), view.message));
    }
    const r = view.result;
    if (r) {
      parts.push(h('p', { class: 'own-function-summary', 'data-status': r.passed ? 'pass' : 'fail' }, icon(r.passed ? 'pass' : 'error', 'status-icon'), r.summary));
      if (r.hints.length > 0) parts.push(h('ul', { class: 'own-hints' }, ...r.hints.map((t) => h('li', {}, icon('lightbulb'), t))));
      parts.push(h('p', { class: 'hint' }, icon('database'), r.seeded));
      for (const c of r.calls) parts.push(this.renderCall(c, view));
      if (r.commands.length > 0) {
        const list = h('ul', { class: 'own-commands' });
        for (const c of r.commands) {
          const copy = h('button', { type: 'button', 'data-caller': c.caller, 'data-action': 'copy' }, icon('copy'), l.copy);
          copy.addEventListener('click', () => this.send({ type: 'ownFunctionCommand', caller: c.caller, action: 'copy' }));
          const terminal = h('button', { type: 'button', 'data-caller': c.caller, 'data-action': 'terminal' }, icon('terminal'), l.terminal);
          terminal.addEventListener('click', () => this.send({ type: 'ownFunctionCommand', caller: c.caller, action: 'terminal' }));
          list.appendChild(h('li', {}, h('span', {}, c.label), h('pre', { class: 'command' }, c.command), copy, terminal));
        }
        parts.push(h('h4', {}, l.commandsTitle), h('p', { class: 'hint' }, l.commandsHint), list);
      }
    }
    replaceChildren(this.root, ...parts.filter((p): p is HTMLElement => p !== null));
    return r?.calls.length ?? 0;
  }

  private renderCall(c: OwnCallView, view: OwnFunctionView): HTMLElement {
    const l = view.labels;
    const message = h('p', { class: 'own-verdict', 'data-status': c.verdict }, icon(c.verdict === 'pass' ? 'pass' : 'error', 'status-icon'),
      h('span', { class: 'status-word' }, this.strings.statusWords[c.verdict]), ' ');
    message.appendChild(visibleText(c.message));
    const parts: HTMLElement[] = [h('h4', {}, c.title), message];
    if (c.request) {
      const lines = h('pre', { class: 'request-lines' });
      lines.appendChild(document.createTextNode(`${c.request.method} ${c.request.url}\n`));
      for (const [name, value] of c.request.headers) lines.appendChild(document.createTextNode(`${name}: ${shortenBearer(value)}\n`));
      parts.push(h('h5', {}, l.request), lines, renderValue(c.request.body, this.strings, true));
    }
    if (c.response) parts.push(h('h5', {}, l.response, ` · HTTP ${c.response.status}`), renderValue(c.response.body, this.strings, true));
    if (c.client.ok) parts.push(h('h5', {}, l.clientGot), renderValue(c.client.value, this.strings, true));
    else {
      const error = h('code', { class: 'convex-error' });
      error.appendChild(visibleText(c.client.error));
      parts.push(h('h5', {}, l.clientThrew), error);
    }
    return h('article', { class: 'run own-call', 'data-caller': c.caller, 'data-verdict': c.verdict }, ...parts);
  }
}
