// Entry of the token-flow panel's webview bundle. Waits for the host's `init` (strings and settings), builds the
// page from nodes, and from then on renders what the host sends. Only the active tab is kept in webview state.
import {
  format,
  PANEL_VIEWS,
  type HostMessage,
  type PanelSnapshot,
  type PanelStrings,
  type PanelView,
  type RenderedSummary,
  type RunView,
  type WebviewMessage,
} from '../protocol/panel';
import { Diagram, type FlowResult } from './diagram';
import { h, replaceChildren } from './dom';
import { ExerciseView, flowFromRun } from './exerciseView';
import { sections } from './sections';
import { TokenView } from './tokenView';

interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
  setState(state: { view: PanelView }): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const send = (m: WebviewMessage): void => vscode.postMessage(m);
const reducedMotion = window.matchMedia('(prefers-reduced-motion: reduce)');

interface Page {
  strings: PanelStrings;
  diagram: Diagram;
  token: TokenView;
  exercise: ExerciseView;
  status: HTMLElement;
  selectView(view: PanelView, focus: boolean): void;
  animate: boolean;
  /** The diagram's last end state per tab: switching tabs shows that tab's own result. */
  flows: Record<PanelView, FlowResult | undefined>;
}

let page: Page | undefined;

function build(init: Extract<HostMessage, { type: 'init' }>): Page {
  const s = init.strings;
  const diagram = new Diagram(s);
  const token = new TokenView(s, init.trusted, send);
  const exercise = new ExerciseView(s, init.scenarios, send);
  const status = h('div', { id: 'panel-status', class: 'visually-hidden', role: 'status', 'aria-live': 'polite' });
  const labels: Record<PanelView, string> = { token: s.tabToken, exercise: s.tabExercise };
  const panels: Record<PanelView, HTMLElement> = {
    token: h('div', { id: 'panel-token', role: 'tabpanel', 'aria-labelledby': 'tab-token', tabindex: '0' }, token.root),
    exercise: h(
      'div',
      { id: 'panel-exercise', role: 'tabpanel', 'aria-labelledby': 'tab-exercise', tabindex: '0' },
      exercise.root,
    ),
  };
  const tabs = new Map<PanelView, HTMLButtonElement>();
  const tablist = h('div', { role: 'tablist', class: 'tabs' });
  let current: PanelView | undefined;
  const selectView = (view: PanelView, focus: boolean): void => {
    const changed = current !== undefined && current !== view;
    current = view;
    for (const v of PANEL_VIEWS) {
      const selected = v === view;
      const tab = tabs.get(v);
      tab?.setAttribute('aria-selected', String(selected));
      if (tab) tab.tabIndex = selected ? 0 : -1;
      panels[v].hidden = !selected;
    }
    if (focus) tabs.get(view)?.focus();
    vscode.setState({ view });
    if (changed && page) showStored(page, view);
  };
  for (const v of PANEL_VIEWS) {
    const tab = h('button', { type: 'button', role: 'tab', id: `tab-${v}`, 'aria-controls': `panel-${v}` }, labels[v]);
    tab.addEventListener('click', () => selectView(v, false));
    tab.addEventListener('keydown', (e) => {
      // Arrow keys move between tabs (WAI-ARIA tabs pattern); Tab leaves the tab list.
      const i = PANEL_VIEWS.indexOf(v);
      if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
        e.preventDefault();
        const next = PANEL_VIEWS[(i + (e.key === 'ArrowRight' ? 1 : PANEL_VIEWS.length - 1)) % PANEL_VIEWS.length];
        selectView(next, true);
      }
    });
    tabs.set(v, tab);
    tablist.appendChild(tab);
  }
  const app = document.getElementById('app') ?? document.body;
  replaceChildren(app, diagram.root, tablist, panels.token, panels.exercise, status);
  app.removeAttribute('aria-busy');
  selectView(init.view, false);
  return {
    strings: s,
    diagram,
    token,
    exercise,
    status,
    selectView,
    animate: init.animate,
    flows: { token: undefined, exercise: undefined },
  };
}

function setAnimate(p: Page, animate: boolean): void {
  p.animate = animate;
  document.body.classList.toggle('no-motion', !animate);
}

function motion(p: Page): boolean {
  return p.animate && !reducedMotion.matches;
}

let playId = 0;

/** Draws a tab's last result at once (no animation), cancelling whatever the diagram was playing. */
function showStored(p: Page, view: PanelView): void {
  playId++;
  const flow = p.flows[view];
  if (flow) void p.diagram.play(flow, false);
  else p.diagram.reset();
}

/** Says in words where the flow stopped (or that it went through), once the diagram shows it. */
function announce(p: Page, flow: FlowResult): void {
  const text = flow.stopAt
    ? `${format(p.strings.stoppedAt, p.strings.stageLabels[flow.stopAt])}: ${flow.error ?? ''}`
    : p.strings.allPassed;
  replaceChildren(p.status, text);
}

async function play(p: Page, view: PanelView, flows: FlowResult[], summary: RenderedSummary): Promise<void> {
  const id = ++playId;
  p.flows[view] = flows[flows.length - 1];
  send({ type: 'rendered', summary });
  for (const flow of flows) {
    await p.diagram.play(flow, motion(p));
    if (id !== playId) return;
  }
  const last = flows[flows.length - 1];
  if (last) announce(p, last);
}

function handle(message: HostMessage): void {
  if (message.type === 'init') {
    if (page) {
      // The host's copy after the inlined one: keep what is on the page (typed text, results), update the rest.
      setAnimate(page, message.animate);
      page.token.setTrusted(message.trusted);
      page.selectView(message.view, false);
      return;
    }
    page = build(message);
    setAnimate(page, message.animate);
    return;
  }
  const p = page;
  if (!p) return;
  switch (message.type) {
    case 'settings':
      setAnimate(p, message.animate);
      p.token.setTrusted(message.trusted);
      return;
    case 'showView':
      p.selectView(message.view, false);
      return;
    case 'report': {
      p.selectView('token', false);
      p.token.showReport(message.report);
      const flow = p.token.flow();
      if (flow)
        void play(p, 'token', [flow], {
          what: 'report',
          rows: p.token.claimCount(),
          ...(flow.stopAt ? { stoppedAt: flow.stopAt } : {}),
        });
      return;
    }
    case 'cleared':
      playId++;
      p.flows.token = undefined;
      p.token.showCleared();
      p.diagram.reset();
      send({ type: 'rendered', summary: { what: 'cleared', rows: 0 } });
      return;
    case 'project':
      p.token.showProject(message.checks);
      return;
    case 'verifying':
      p.token.showVerifying();
      return;
    case 'verified': {
      p.token.showVerified(message.checks, message.failedStage);
      const flow = p.token.flow();
      if (flow)
        void play(p, 'token', [flow], {
          what: 'verified',
          rows: message.checks.length,
          ...(flow.stopAt ? { stoppedAt: flow.stopAt } : {}),
        });
      return;
    }
    case 'exerciseSetup':
      p.exercise.showSetup(message.notes);
      return;
    case 'exerciseRunning':
      p.selectView('exercise', false);
      p.exercise.showRunning(message.scenario);
      return;
    case 'exerciseRuns':
      p.selectView('exercise', false);
      p.exercise.showRuns(message.runs);
      playRuns(p, message.runs);
      return;
    case 'ownFunction':
      send({ type: 'rendered', summary: { what: 'ownFunction', rows: p.exercise.own.show(message.view) } });
      return;
    case 'notice':
      replaceChildren(p.status, message.text);
      return;
    case 'state':
      drawState(p, message.state);
      return;
    case 'section':
      sections.get(message.key)?.(message.state);
      return;
  }
}

/** The host's whole state after a (re)load: every part drawn at once, without replaying animations. */
function drawState(p: Page, s: PanelSnapshot): void {
  setAnimate(p, s.animate);
  p.token.setTrusted(s.trusted);
  if (s.report) {
    p.token.showReport(s.report);
    if (s.verified) p.token.showVerified(s.verified.checks, s.verified.failedStage);
    else if (s.verifying) p.token.showVerifying();
  }
  if (s.project) p.token.showProject(s.project);
  const tokenFlow = s.report ? p.token.flow() : undefined;
  p.flows.token = tokenFlow;
  if (s.exercise.setup) p.exercise.showSetup(s.exercise.setup);
  if (s.exercise.runs) {
    p.exercise.showRuns(s.exercise.runs);
    const flows = s.exercise.runs.map(flowFromRun);
    p.flows.exercise = flows[flows.length - 1];
  }
  if (s.exercise.running) p.exercise.showRunning(s.exercise.running);
  if (s.own) send({ type: 'rendered', summary: { what: 'ownFunction', rows: p.exercise.own.show(s.own) } });
  for (const [key, state] of Object.entries(s.sections)) sections.get(key)?.(state);
  if (s.notice) replaceChildren(p.status, s.notice.text);
  p.selectView(s.view, false);
  showStored(p, s.view);
  // Acknowledge what this load drew in the tab it shows, as a live message would have been: a report or a
  // verification that arrived while the page was gone (its tab hidden) is drawn here, and the host waits for that.
  const exerciseFlow = p.flows.exercise;
  if (s.view === 'exercise' && s.exercise.runs && exerciseFlow)
    send({
      type: 'rendered',
      summary: {
        what: 'exercise',
        rows: s.exercise.runs.length,
        ...(exerciseFlow.stopAt ? { stoppedAt: exerciseFlow.stopAt } : {}),
      },
    });
  if (s.view === 'token' && s.report && tokenFlow)
    send({
      type: 'rendered',
      summary: {
        what: s.verified ? 'verified' : 'report',
        rows: s.verified ? s.verified.checks.length : p.token.claimCount(),
        ...(tokenFlow.stopAt ? { stoppedAt: tokenFlow.stopAt } : {}),
      },
    });
}

/** "Run it" sends two runs: the diagram plays them one after the other, as the lesson tells it. */
function playRuns(p: Page, runs: RunView[]): void {
  const flows = runs.map(flowFromRun);
  const stop = flows[flows.length - 1]?.stopAt;
  void play(p, 'exercise', flows, { what: 'exercise', rows: runs.length, ...(stop ? { stoppedAt: stop } : {}) });
}

/** The first state the host inlined into the page (strings, settings; never a token), if it is there and sane. */
function inlinedInit(): Extract<HostMessage, { type: 'init' }> | undefined {
  const text = document.getElementById('initial-state')?.textContent;
  if (!text) return undefined;
  try {
    const value = JSON.parse(text) as unknown;
    const init = value as Partial<Extract<HostMessage, { type: 'init' }>> | null;
    if (
      init?.type === 'init' &&
      typeof init.strings === 'object' &&
      init.strings !== null &&
      Array.isArray(init.scenarios)
    ) {
      return init as Extract<HostMessage, { type: 'init' }>;
    }
  } catch {
    // A broken block only costs the early draw: the host's `init` answers `ready` below.
  }
  return undefined;
}

const inlined = inlinedInit();
if (inlined) handle(inlined);
window.addEventListener('message', (event: MessageEvent<HostMessage>) => handle(event.data));
// The host answers `ready` with `init`; after a reload it already knows the restored tab from the serializer.
send({ type: 'ready' });
