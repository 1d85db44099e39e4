// The token-flow panel's whole state, owned by the host (GitLens's bootstrap state): every message the host posts
// is first applied here, and when the page (re)loads it gets this state whole in one `state` message, rather than a
// replay of what it missed. The page applies the same function to the messages that follow, so the page and the
// host agree whatever order hiding, showing and reloading come in (test/unit/protocol/panelState.test.ts).
// Sections added later keep their slice under `sections` and post `{ type: 'section', key, state }`.
import type { HostMessage, PanelSnapshot, PanelView } from './panel';

export type { PanelSnapshot };

export function initialSnapshot(view: PanelView, animate: boolean, trusted: boolean): PanelSnapshot {
  return { view, animate, trusted, verifying: false, exercise: {}, sections: {} };
}

/** The state after `m`: a pure function, the same on both sides. Messages that carry no state change nothing. */
export function applyHostMessage(s: PanelSnapshot, m: HostMessage): PanelSnapshot {
  switch (m.type) {
    case 'init':
      return { ...s, view: m.view, animate: m.animate, trusted: m.trusted };
    case 'state':
      return m.state;
    case 'settings':
      return { ...s, animate: m.animate, trusted: m.trusted };
    case 'showView':
      return { ...s, view: m.view };
    case 'report': {
      const next: PanelSnapshot = { ...s, view: 'token', report: m.report, verifying: false };
      delete next.verified;
      return next;
    }
    case 'cleared': {
      const next: PanelSnapshot = { ...s, verifying: false };
      delete next.report;
      delete next.verified;
      return next;
    }
    case 'project':
      return { ...s, project: m.checks };
    case 'verifying':
      return { ...s, verifying: true };
    case 'verified':
      return {
        ...s,
        verifying: false,
        verified: { checks: m.checks, ...(m.failedStage ? { failedStage: m.failedStage } : {}) },
      };
    case 'exerciseSetup':
      return { ...s, exercise: { ...s.exercise, setup: m.notes } };
    case 'exerciseRunning':
      return { ...s, view: 'exercise', exercise: { ...s.exercise, running: m.scenario } };
    case 'exerciseRuns': {
      const exercise = { ...s.exercise, runs: m.runs };
      delete exercise.running;
      return { ...s, view: 'exercise', exercise };
    }
    case 'ownFunction':
      return { ...s, own: m.view };
    case 'notice':
      return { ...s, notice: { level: m.level, text: m.text } };
    case 'section':
      return { ...s, sections: { ...s.sections, [m.key]: m.state } };
  }
}
