// The exercise's second half: pick one of your Convex functions, run it as anonymous, A and B, and see for each
// call the request ConvexHttpClient sent, the stand-in's response, and whether the rows were the right ones.
import {
  format,
  type OwnCallView,
  type OwnFunctionView,
  type PanelStrings,
  type WebviewMessage,
} from '../protocol/panel';
import { clear, h, icon, replaceChildren } from './dom';
import { renderValue, visibleText } from './value';

/** A bearer token is long; the request shows its start and end so the header stays readable. */
export function shortenBearer(value: string): string {
  const m = /^Bearer (.+)$/.exec(value);
  if (!m || m[1].length <= 48) return value;
  return `Bearer ${m[1].slice(0, 24)}…${m[1].slice(-16)}`;
}

export class OwnFunctionSection {
  readonly root: HTMLElement;
  // The controls live as long as the section: a redraw (the host publishes on every state change) must not take
  // keyboard focus or the learner's pick away, nor swap the element under a pointer that is about to click it.
  private readonly title = h('h3', { id: 'own-function-title' });
  private readonly intro = h('p', { class: 'hint' });
  private readonly pickLabel = h('label', { for: 'own-function-pick' });
  private readonly picker = h('select', { id: 'own-function-pick' });
  private readonly run = h('button', { type: 'button', class: 'primary', id: 'own-function-run' });
  private readonly trust = h('button', { type: 'button', id: 'own-function-trust' });
  private readonly cancel = h('button', { type: 'button', id: 'own-function-cancel' });
  private readonly controls = h('div', { class: 'buttons' }, this.pickLabel, this.picker, this.run, this.cancel);
  private readonly argsLabel = h('label', { for: 'own-function-args' });
  private readonly argsHint = h('p', { class: 'hint', id: 'own-function-args-hint' });
  private readonly argsBox = h('textarea', {
    id: 'own-function-args',
    rows: '4',
    spellcheck: 'false',
    'aria-describedby': 'own-function-args-hint',
  });
  private readonly argsReset = h('button', { type: 'button', id: 'own-function-args-reset' });
  private readonly argsPart = h(
    'div',
    { class: 'own-args' },
    this.argsLabel,
    this.argsBox,
    this.argsHint,
    this.argsReset,
  );
  private readonly body = h('div', { class: 'own-function-body' });
  private listed = '';
  private selected: string | undefined;
  /** The prefilled text last shown for a function: the learner's text counts as edited only when it differs. */
  private prefilled: { path: string; text: string } | undefined;

  constructor(
    private readonly strings: PanelStrings,
    private readonly send: (m: WebviewMessage) => void,
  ) {
    this.root = h(
      'section',
      { class: 'own-function', 'aria-labelledby': 'own-function-title', 'aria-live': 'polite' },
      this.title,
      this.intro,
      this.controls,
      this.argsPart,
      this.body,
    );
    this.run.addEventListener('click', () => {
      const text = this.argsBox.value;
      const edited =
        text.trim() !== '' && !(this.prefilled?.path === this.picker.value && this.prefilled.text === text);
      this.send({ type: 'runOwnFunction', path: this.picker.value, ...(edited ? { args: text } : {}) });
    });
    this.cancel.addEventListener('click', () => this.send({ type: 'cancelOwnFunction' }));
    this.argsReset.addEventListener('click', () => {
      if (this.prefilled) this.argsBox.value = this.prefilled.text;
    });
    this.trust.addEventListener('click', () => this.send({ type: 'trustWorkspace' }));
  }

  /** Redraws the section; returns how many calls it shows (for the host's render acknowledgement). */
  show(view: OwnFunctionView): number {
    const l = view.labels;
    replaceChildren(this.title, icon('server-process'), ' ', l.title);
    this.intro.textContent = l.intro;
    this.pickLabel.textContent = l.pick;
    this.picker.setAttribute('aria-label', l.pick);
    this.showFunctions(view);
    replaceChildren(this.run, icon('run'), l.run);
    this.run.disabled =
      (view.state !== 'ready' && view.state !== 'ran' && view.state !== 'not-run') || view.functions.length === 0;
    replaceChildren(this.cancel, icon('debug-stop'), l.cancel);
    this.cancel.hidden = view.state !== 'running';
    this.controls.hidden = view.functions.length === 0;
    this.showArgs(view);
    replaceChildren(this.trust, icon('shield'), l.trust);

    const parts: (HTMLElement | null)[] = [];
    if (view.state === 'untrusted') {
      parts.push(
        h('p', { class: 'own-function-why', 'data-state': view.state }, icon('lock'), view.message ?? ''),
        this.trust,
      );
    } else if (view.message) {
      parts.push(
        h(
          'p',
          { class: 'own-function-why', 'data-state': view.state },
          icon(
            view.state === 'running' ? 'loading' : view.state === 'not-run' ? 'error' : 'info',
            view.state === 'running' ? 'codicon-modifier-spin' : '',
          ),
          view.message,
        ),
      );
    }
    const r = view.result;
    if (r) {
      parts.push(
        h(
          'p',
          { class: 'own-function-summary', 'data-status': r.verdict, 'data-passed': String(r.passed) },
          icon(r.verdict === 'pass' ? 'pass' : r.verdict === 'fail' ? 'error' : 'question', 'status-icon'),
          r.summary,
        ),
      );
      if (r.hints.length > 0)
        parts.push(h('ul', { class: 'own-hints' }, ...r.hints.map((t) => h('li', {}, icon('lightbulb'), t))));
      parts.push(h('p', { class: 'hint' }, icon('database'), r.seeded));
      r.argSets.forEach((set, i) => {
        const line = h(
          'p',
          { class: 'hint own-arg-set' },
          icon('symbol-parameter'),
          format(l.argSet, String(i + 1), set.label),
          ' ',
        );
        line.appendChild(h('code', {}, set.text));
        if (set.missing) line.appendChild(h('span', { class: 'own-arg-missing' }, ` ${set.missing}`));
        parts.push(line);
      });
      for (const c of r.calls) parts.push(this.renderCall(c, view));
      if (r.commands.length > 0) {
        const list = h('ul', { class: 'own-commands' });
        for (const c of r.commands) {
          const copy = h(
            'button',
            { type: 'button', 'data-caller': c.caller, 'data-action': 'copy' },
            icon('copy'),
            l.copy,
          );
          copy.addEventListener('click', () =>
            this.send({ type: 'ownFunctionCommand', caller: c.caller, action: 'copy' }),
          );
          const terminal = h(
            'button',
            { type: 'button', 'data-caller': c.caller, 'data-action': 'terminal' },
            icon('terminal'),
            l.terminal,
          );
          terminal.addEventListener('click', () =>
            this.send({ type: 'ownFunctionCommand', caller: c.caller, action: 'terminal' }),
          );
          list.appendChild(
            h('li', {}, h('span', {}, c.label), h('pre', { class: 'command' }, c.command), copy, terminal),
          );
        }
        parts.push(h('h4', {}, l.commandsTitle), h('p', { class: 'hint' }, l.commandsHint), list);
      }
    }
    replaceChildren(this.body, ...parts.filter((p): p is HTMLElement => p !== null));
    return r?.calls.length ?? 0;
  }

  /** The arguments box: the host's text when the function or the prefilled text changes, never over typing. */
  private showArgs(view: OwnFunctionView): void {
    const l = view.labels;
    this.argsLabel.textContent = l.args;
    this.argsHint.textContent = l.argsHint;
    replaceChildren(this.argsReset, icon('discard'), l.argsReset);
    this.argsPart.hidden = !view.args || view.functions.length === 0;
    const a = view.args;
    if (!a) return;
    if (!a.edited && (this.prefilled?.path !== a.path || this.prefilled.text !== a.text)) {
      this.prefilled = { path: a.path, text: a.text };
      if (document.activeElement !== this.argsBox) this.argsBox.value = a.text;
    } else if (a.edited && this.prefilled?.path !== a.path) {
      this.argsBox.value = a.text;
    }
  }

  /** Rebuilds the options only when the list changed, so an open or focused picker keeps its state. */
  private showFunctions(view: OwnFunctionView): void {
    const listed = JSON.stringify(view.functions);
    if (listed !== this.listed) {
      this.listed = listed;
      const keep = this.picker.value;
      clear(this.picker);
      for (const f of view.functions) this.picker.appendChild(h('option', { value: f.path }, f.label));
      if (view.functions.some((f) => f.path === keep)) this.picker.value = keep;
    }
    // The host's pick is applied when it changes (a run, a restore), not on every redraw over the learner's choice.
    if (view.selected !== this.selected) {
      this.selected = view.selected;
      if (view.selected && view.functions.some((f) => f.path === view.selected)) this.picker.value = view.selected;
    }
  }

  private renderCall(c: OwnCallView, view: OwnFunctionView): HTMLElement {
    const l = view.labels;
    const message = h(
      'p',
      { class: 'own-verdict', 'data-status': c.verdict },
      icon(c.verdict === 'pass' ? 'pass' : c.verdict === 'fail' ? 'error' : 'question', 'status-icon'),
      h('span', { class: 'status-word' }, c.verdict === 'unknown' ? l.unknown : this.strings.statusWords[c.verdict]),
      ' ',
    );
    message.appendChild(visibleText(c.message));
    const parts: HTMLElement[] = [h('h4', {}, c.title), message, renderValue(c.args, this.strings, true)];
    if (c.request) {
      const lines = h('pre', { class: 'request-lines' });
      lines.appendChild(document.createTextNode(`${c.request.method} ${c.request.url}\n`));
      for (const [name, value] of c.request.headers)
        lines.appendChild(document.createTextNode(`${name}: ${shortenBearer(value)}\n`));
      parts.push(h('h5', {}, l.request), lines, renderValue(c.request.body, this.strings, true));
    }
    if (c.response)
      parts.push(
        h('h5', {}, l.response, ` · HTTP ${c.response.status}`),
        renderValue(c.response.body, this.strings, true),
      );
    if (c.client.ok) parts.push(h('h5', {}, l.clientGot), renderValue(c.client.value, this.strings, true));
    else {
      const error = h('code', { class: 'convex-error' });
      error.appendChild(visibleText(c.client.error));
      parts.push(h('h5', {}, l.clientThrew), error);
    }
    return h('article', { class: 'run own-call', 'data-caller': c.caller, 'data-verdict': c.verdict }, ...parts);
  }
}
