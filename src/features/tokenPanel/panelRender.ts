import type { DeploymentView } from '../../protocol/deployment';
import type { PanelView, ProjectCheckView, RenderedSummary, ReportView, RunView } from '../../protocol/panel';
import type { TokenCheck } from '../../token/types';

/** What the panel last showed, for tests. Lives in memory only; the token itself is left out. */
export interface PanelRender {
  view: PanelView;
  report?: Omit<ReportView, 'token'> & { tokenLength: number };
  project?: ProjectCheckView[];
  verified?: TokenCheck[];
  runs?: RunView[];
  /** The "Ask my deployment" section as last sent (no token in it). */
  deployment?: DeploymentView;
  notices: string[];
  /** What the webview reported having drawn (its own acknowledgement). */
  rendered?: RenderedSummary;
}

/** The panel's record of what it showed, and who waits for the webview's next acknowledgement of a draw. */
export class RenderRecord {
  value: PanelRender;
  private readonly waiters: ((r: RenderedSummary) => void)[] = [];

  constructor(view: PanelView) {
    this.value = { view, notices: [] };
  }

  copy(): PanelRender {
    return structuredClone(this.value);
  }

  /** Resolves with the webview's next acknowledgement of something drawn. */
  next(): Promise<RenderedSummary> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  acknowledged(summary: RenderedSummary): void {
    this.value.rendered = summary;
    for (const resolve of this.waiters.splice(0)) resolve(summary);
  }
}
