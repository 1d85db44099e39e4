// "Ask my deployment", in the token tab: each deployment the project's env files name, its Clerk instance, and on
// request its own answer on the token beside the panel's prediction; then, on a second request, one of the
// learner's queries run as the token's user. The page sends ids and the learner's typed query and arguments,
// never a URL. Controls persist across redraws (the host sends the whole state on every change), so focus and
// what the learner typed stay put.
import {
  DEPLOYMENT_SECTION,
  type DeploymentRowView,
  type DeploymentView,
  type ExchangeView,
} from '../protocol/deployment';
import { MAX_ARGS_TEXT, type PanelStrings, type WebviewMessage } from '../protocol/panel';
import { h, icon, replaceChildren } from './dom';
import { shortenBearer } from './ownFunctionView';
import { registerSection } from './sections';
import { renderValue, visibleText } from './value';

interface RowControls {
  root: HTMLElement;
  ask: HTMLButtonElement;
  query: HTMLInputElement;
  args: HTMLTextAreaElement;
  run: HTMLButtonElement;
  head: HTMLElement;
  answer: HTMLElement;
  runResult: HTMLElement;
  runBox: HTMLElement;
}

export class DeploymentSection {
  readonly root: HTMLElement;
  private readonly title = h('h2', { id: 'deployment-title' });
  private readonly intro = h('p', { class: 'hint' });
  private readonly why = h('p', { class: 'deployment-why' });
  private readonly trust = h('button', { type: 'button', id: 'deployment-trust' });
  private readonly list = h('div', { class: 'deployment-list' });
  private readonly queries = h('datalist', { id: 'deployment-queries' });
  private readonly rows = new Map<string, RowControls>();
  private listedQueries = '';

  constructor(
    private readonly strings: PanelStrings,
    private readonly send: (m: WebviewMessage) => void,
  ) {
    this.root = h(
      'section',
      { class: 'deployment', 'aria-labelledby': 'deployment-title' },
      this.title,
      this.intro,
      this.why,
      this.trust,
      this.list,
      this.queries,
    );
    this.trust.addEventListener('click', () => this.send({ type: 'trustWorkspace' }));
    // The host's slice for this section, on every change and inside the whole state after a reload.
    registerSection(DEPLOYMENT_SECTION, (state) => {
      if (!isDeploymentView(state)) return;
      this.send({ type: 'rendered', summary: { what: 'deployment', rows: this.show(state) } });
    });
  }

  /** Redraws the section; returns how many deployments show an answer (the host's render acknowledgement). */
  show(view: DeploymentView): number {
    const l = view.labels;
    replaceChildren(this.title, icon('cloud'), ' ', l.title);
    this.intro.textContent = l.intro;
    this.root.setAttribute('data-state', view.state);
    this.why.hidden = !view.message;
    replaceChildren(this.why, icon(view.state === 'untrusted' ? 'lock' : 'info'), view.message ?? '');
    this.trust.hidden = view.state !== 'untrusted';
    replaceChildren(this.trust, icon('shield'), l.trust);
    this.showQueries(view.queries);
    // Restricted Mode, the browser build, no URL: no deployment is listed, so nothing can be asked.
    const shown = view.state === 'ready' ? view.deployments : [];
    for (const id of [...this.rows.keys()]) {
      if (!shown.some((d) => d.id === id)) {
        this.rows.get(id)?.root.remove();
        this.rows.delete(id);
      }
    }
    for (const d of shown) {
      const controls = this.rows.get(d.id) ?? this.createRow(d.id);
      this.list.appendChild(controls.root); // keeps the host's order
      this.showRow(controls, d, view);
    }
    return shown.filter((d) => d.answer !== undefined).length;
  }

  private showQueries(queries: string[]): void {
    const listed = JSON.stringify(queries);
    if (listed === this.listedQueries) return;
    this.listedQueries = listed;
    replaceChildren(this.queries, ...queries.map((q) => h('option', { value: q })));
  }

  private createRow(id: string): RowControls {
    const ask = h('button', { type: 'button', class: 'primary', 'data-action': 'ask' });
    const query = h('input', {
      type: 'text',
      id: `deployment-${id}-query`,
      list: 'deployment-queries',
      spellcheck: 'false',
      autocomplete: 'off',
    });
    const args = h('textarea', {
      id: `deployment-${id}-args`,
      rows: '2',
      spellcheck: 'false',
      maxlength: String(MAX_ARGS_TEXT),
      placeholder: '{}',
    });
    const run = h('button', { type: 'button', class: 'secondary', 'data-action': 'run' });
    const head = h('div', { class: 'deployment-head' });
    const answer = h('div', { class: 'deployment-answer', 'aria-live': 'polite' });
    const runResult = h('div', { class: 'deployment-run-result', 'aria-live': 'polite' });
    const runBox = h('div', { class: 'deployment-run' });
    const root = h(
      'article',
      { class: 'deployment-row', 'data-id': id },
      head,
      h('div', { class: 'buttons' }, ask),
      answer,
      runBox,
    );
    ask.addEventListener('click', () => this.send({ type: 'askDeployment', id }));
    run.addEventListener('click', () =>
      this.send({ type: 'runOnDeployment', id, path: query.value.trim(), args: args.value }),
    );
    const controls: RowControls = { root, ask, query, args, run, head, answer, runResult, runBox };
    this.rows.set(id, controls);
    return controls;
  }

  private showRow(c: RowControls, d: DeploymentRowView, view: DeploymentView): void {
    const l = view.labels;
    c.root.setAttribute('data-environment', d.environment);
    const url = h('code', { class: 'deployment-url' });
    url.appendChild(visibleText(d.url));
    replaceChildren(
      c.head,
      h(
        'h3',
        {},
        icon('server'),
        ' ',
        url,
        ' ',
        h('span', { class: 'badge', 'data-environment': d.environment }, l.environment[d.environment]),
      ),
      h('p', { class: 'hint' }, d.source),
      d.clerk ? h('p', { class: 'hint' }, icon('key'), ' ', d.clerk) : null,
      ...d.notes.map((n) =>
        h(
          'p',
          { class: 'notice', 'data-level': n.level, role: 'note' },
          icon(n.level === 'warn' ? 'warning' : 'info'),
          n.text,
        ),
      ),
    );
    const hasToken = view.prediction !== undefined;
    replaceChildren(
      c.ask,
      icon(d.asking ? 'loading' : 'cloud-upload', d.asking ? 'codicon-modifier-spin' : ''),
      d.asking ? l.asking : l.ask,
    );
    c.ask.disabled = d.asking || !hasToken;
    c.ask.title = hasToken ? '' : l.needToken;
    replaceChildren(c.answer, d.answer ? this.renderAnswer(d, view) : null);
    // The second step appears once the deployment has answered.
    c.runBox.hidden = d.answer === undefined;
    if (d.answer) {
      c.query.setAttribute('aria-label', l.query);
      c.args.setAttribute('aria-label', l.args);
      if (!c.query.value && view.queries[0]) c.query.value = view.queries[0];
      const running = d.run?.running === true;
      replaceChildren(
        c.run,
        icon(running ? 'loading' : 'run', running ? 'codicon-modifier-spin' : ''),
        running ? l.running : l.run,
      );
      c.run.disabled = running;
      replaceChildren(c.runResult, d.run && !d.run.running ? this.renderRun(d.run, view) : null);
      if (c.runBox.childElementCount === 0)
        replaceChildren(
          c.runBox,
          h('h4', {}, l.runTitle),
          h('p', { class: 'hint' }, l.runHint),
          h('label', { for: c.query.id }, l.query),
          c.query,
          h('label', { for: c.args.id }, l.args),
          c.args,
          h('div', { class: 'buttons' }, c.run),
          c.runResult,
        );
    }
  }

  private renderAnswer(d: DeploymentRowView, view: DeploymentView): HTMLElement {
    const l = view.labels;
    const a = d.answer;
    if (!a) return h('div', {});
    const side = (title: string, verdict: string, message: string | undefined, cls: string): HTMLElement => {
      const text = h('code', { class: 'convex-error' });
      if (message) text.appendChild(visibleText(message));
      return h(
        'div',
        { class: `verdict ${cls}` },
        h('h4', {}, title),
        h('p', { class: 'verdict-line' }, verdict),
        message ? text : null,
      );
    };
    const icons = { agree: 'pass', disagree: 'warning', 'no-verdict': 'question', 'no-prediction': 'info' } as const;
    return h(
      'div',
      { class: 'deployment-verdicts', 'data-agreement': a.agreement },
      h(
        'div',
        { class: 'side-by-side' },
        side(l.predicted, view.prediction?.verdict ?? '', view.prediction?.convexMessage, 'predicted'),
        side(l.answered, a.verdict, a.convexMessage, 'answered'),
      ),
      h(
        'p',
        { class: 'agreement', 'data-agreement': a.agreement },
        icon(icons[a.agreement], 'status-icon'),
        ' ',
        l.agreement[a.agreement],
      ),
      a.lines.length ? h('ul', { class: 'deployment-lines' }, ...a.lines.map((t) => h('li', {}, t))) : null,
      a.exchange ? this.renderExchange(a.exchange, view) : null,
    );
  }

  private renderRun(run: NonNullable<DeploymentRowView['run']>, view: DeploymentView): HTMLElement {
    const l = view.labels;
    // What the query returned (or what the client threw) is shown at once; the wire exchange stays folded.
    const client = run.exchange?.client;
    const shown = client
      ? client.ok
        ? [h('h5', {}, l.clientGot), renderValue(client.value, this.strings, true)]
        : [h('h5', {}, l.clientThrew), h('code', { class: 'convex-error' }, client.error)]
      : [];
    return h(
      'div',
      { class: 'deployment-run-outcome', 'data-outcome': run.outcome ?? '' },
      h('p', {}, icon(run.outcome === 'value' ? 'pass' : 'info', 'status-icon'), ' ', run.line ?? ''),
      ...shown,
      run.exchange ? this.renderExchange(run.exchange, view) : null,
    );
  }

  private renderExchange(e: ExchangeView, view: DeploymentView): HTMLElement {
    const l = view.labels;
    const lines = h('pre', { class: 'request-lines' });
    lines.appendChild(document.createTextNode(`${e.request.method} ${e.request.url}\n`));
    for (const [name, value] of e.request.headers)
      lines.appendChild(document.createTextNode(`${name}: ${shortenBearer(value)}\n`));
    const client = e.client.ok
      ? [h('h5', {}, l.clientGot), renderValue(e.client.value, this.strings, true)]
      : [h('h5', {}, l.clientThrew), h('code', { class: 'convex-error' }, e.client.error)];
    return h(
      'details',
      { class: 'deployment-exchange' },
      h('summary', {}, e.response ? `${l.response} · HTTP ${e.response.status}` : l.request),
      h('h5', {}, l.request),
      lines,
      renderValue(e.request.body, this.strings, true),
      ...(e.response
        ? [h('h5', {}, l.response, ` · HTTP ${e.response.status}`), renderValue(e.response.body, this.strings, true)]
        : []),
      ...client,
    );
  }
}

/** The host sends this slice; a shape check keeps a malformed one from breaking the page. */
function isDeploymentView(v: unknown): v is DeploymentView {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as Partial<DeploymentView>;
  return typeof o.state === 'string' && Array.isArray(o.deployments) && Array.isArray(o.queries) && !!o.labels;
}
