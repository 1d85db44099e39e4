// The "Your token" tab: paste box, what normalisation removed, checks, header, claims, predicted identity,
// Clerk mode and the project's own checks. Everything from the token is rendered as text.
import {
  format,
  MAX_MESSAGE_TEXT,
  type ClaimRow,
  type PanelStrings,
  type ProjectCheckView,
  type ReportView,
  type WebviewMessage,
} from '../protocol/panel';
import type { FlowStage, TokenCheck } from '../token/types';
import { earlierStage } from '../protocol/stages';
import { flowFromChecks, renderChecks } from './checks';
import { DeploymentSection } from './deploymentView';
import type { FlowResult } from './diagram';
import { h, icon, replaceChildren } from './dom';
import { renderValue, visibleText } from './value';

/** Longest stretch of the token drawn in the coloured parts view; the rest is summarised. */
const MAX_TOKEN_SHOWN = 2000;

export class TokenView {
  readonly root: HTMLElement;
  private readonly input: HTMLTextAreaElement;
  private readonly verifyButton: HTMLButtonElement;
  private readonly verifyNote: HTMLElement;
  private readonly results: HTMLElement;
  private readonly checksSection: HTMLElement;
  private readonly projectSection: HTMLElement;
  /** "Ask my deployment", below the decoded token (src/webview/deploymentView.ts). */
  readonly deployment: DeploymentSection;
  private report: ReportView | undefined;
  private verifyChecks: TokenCheck[] = [];
  private verifyFailedStage: FlowStage | undefined;
  private trusted: boolean;

  constructor(
    private readonly strings: PanelStrings,
    trusted: boolean,
    private readonly send: (m: WebviewMessage) => void,
  ) {
    this.trusted = trusted;
    this.input = h('textarea', {
      id: 'token-input',
      rows: '4',
      spellcheck: 'false',
      autocomplete: 'off',
      autocapitalize: 'off',
      placeholder: strings.pastePlaceholder,
      'aria-describedby': 'token-input-hint',
    });
    this.input.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        this.decode();
      }
    });
    // Decode as soon as something is pasted; the textarea's value is updated after the paste event.
    this.input.addEventListener('paste', () => setTimeout(() => this.decode(), 0));
    const decodeButton = h('button', { type: 'button', class: 'primary' }, icon('debug-start'), strings.decode);
    decodeButton.addEventListener('click', () => this.decode());
    const clearButton = h('button', { type: 'button', class: 'secondary' }, icon('clear-all'), strings.clear);
    clearButton.addEventListener('click', () => {
      this.input.value = '';
      this.send({ type: 'clear' });
      this.input.focus();
    });
    this.verifyButton = h(
      'button',
      { type: 'button', class: 'secondary', disabled: true, 'aria-describedby': 'verify-note' },
      icon('shield'),
      strings.verify,
    );
    this.verifyButton.addEventListener('click', () => this.send({ type: 'verify' }));
    this.verifyNote = h('p', { id: 'verify-note', class: 'hint' });
    this.results = h('div', { class: 'results' }, h('p', { class: 'hint' }, strings.emptyHint));
    this.checksSection = h('div', {});
    this.deployment = new DeploymentSection(strings, send);
    this.projectSection = h(
      'section',
      { class: 'project', 'aria-labelledby': 'project-title' },
      h('h2', { id: 'project-title' }, strings.projectTitle),
    );
    this.root = h(
      'div',
      { class: 'token-view' },
      h(
        'div',
        { class: 'paste' },
        h('label', { for: 'token-input' }, strings.pasteLabel),
        this.input,
        h('p', { id: 'token-input-hint', class: 'hint' }, strings.verifyHint),
        h('div', { class: 'buttons' }, decodeButton, clearButton, this.verifyButton),
        this.verifyNote,
      ),
      this.results,
      this.deployment.root,
      this.projectSection,
    );
    this.updateVerify();
  }

  setTrusted(trusted: boolean): void {
    this.trusted = trusted;
    this.updateVerify();
  }

  /** The diagram's end state for what is shown now, or undefined when nothing is decoded. */
  flow(): FlowResult | undefined {
    if (!this.report) return undefined;
    const checks = [...this.report.checks, ...this.verifyChecks];
    const failed = earlierStage(this.report.failedStage, this.verifyFailedStage);
    const flow = flowFromChecks(checks, failed);
    if (this.verifyChecks.length === 0 && flow.statuses.verify === 'pass') {
      (flow.notes ??= {}).verify = this.strings.signatureNotChecked;
    }
    if (!failed && this.report.identity && !flow.statuses.identity) {
      flow.statuses.identity = 'pass';
      (flow.notes ??= {}).identity = this.strings.identityPredicted;
    }
    return flow;
  }

  showReport(report: ReportView): void {
    this.report = report;
    this.verifyChecks = [];
    this.verifyFailedStage = undefined;
    const s = this.strings;
    replaceChildren(
      this.results,
      report.removed.length
        ? h('p', { class: 'notice', role: 'note' }, icon('info'), format(s.normalised, report.removed.join(', ')))
        : null,
      report.hidden.length
        ? h(
            'p',
            { class: 'notice', role: 'note' },
            icon('eye'),
            format(
              s.hiddenFound,
              report.hidden
                .slice(0, 20)
                .map((c) => `${c.path} ${c.codePoint} ${c.name}`)
                .join('; '),
            ),
          )
        : null,
      tokenParts(report.token, s),
      h(
        'section',
        { 'aria-labelledby': 'checks-title' },
        h('h2', { id: 'checks-title' }, s.checksTitle),
        this.checksSection,
      ),
      report.claims ? claimTable(report.claims, s.claimsTitle, 'claims', s) : null,
      report.header ? claimTable(report.header, s.headerTitle, 'header', s) : null,
      report.claims
        ? h(
            'section',
            { 'aria-labelledby': 'identity-title' },
            h('h2', { id: 'identity-title' }, s.identityTitle),
            report.identity ? renderValue(report.identity, s, true) : h('p', {}, s.identityNone),
          )
        : null,
      report.claims
        ? h(
            'section',
            { 'aria-labelledby': 'mode-title' },
            h('h2', { id: 'mode-title' }, s.modeTitle),
            h('p', { class: 'mode', 'data-mode': report.clerkMode }, s.modes[report.clerkMode]),
          )
        : null,
    );
    this.renderChecks();
    this.updateVerify();
  }

  showVerifying(): void {
    this.verifyButton.disabled = true;
    this.verifyNote.textContent = this.strings.verifying;
  }

  showVerified(checks: TokenCheck[], failedStage: FlowStage | undefined): void {
    this.verifyChecks = checks;
    this.verifyFailedStage = failedStage;
    this.renderChecks();
    this.updateVerify();
  }

  showCleared(): void {
    this.report = undefined;
    this.verifyChecks = [];
    replaceChildren(this.results, h('p', { class: 'hint' }, this.strings.cleared));
    this.updateVerify();
  }

  showProject(checks: ProjectCheckView[]): void {
    replaceChildren(
      this.projectSection,
      h('h2', { id: 'project-title' }, this.strings.projectTitle),
      renderChecks(checks, this.strings, this.strings.projectTitle),
    );
  }

  claimCount(): number {
    return this.report?.claims?.length ?? 0;
  }

  private decode(): void {
    const text = this.input.value;
    if (text.length > MAX_MESSAGE_TEXT) {
      // The host would drop a message this large unread: say so here instead of showing nothing.
      const mib = (n: number) => (n / (1024 * 1024)).toFixed(1);
      this.report = undefined;
      this.verifyChecks = [];
      replaceChildren(
        this.results,
        h(
          'p',
          { class: 'notice', role: 'alert', 'data-id': 'paste-too-large' },
          icon('warning'),
          format(this.strings.pasteTooLarge, mib(text.length), mib(MAX_MESSAGE_TEXT)),
        ),
      );
      this.updateVerify();
      return;
    }
    this.send({ type: 'decode', text });
  }

  private renderChecks(): void {
    if (!this.report) return;
    replaceChildren(
      this.checksSection,
      renderChecks([...this.report.checks, ...this.verifyChecks], this.strings, this.strings.checksTitle),
    );
  }

  private updateVerify(): void {
    const decoded = Boolean(this.report?.claims && this.report.header);
    this.verifyButton.disabled = !this.trusted || !decoded;
    this.verifyNote.textContent = this.trusted ? '' : this.strings.verifyUntrusted;
  }
}

function tokenParts(token: string, s: PanelStrings): HTMLElement | null {
  if (!token) return null;
  const shown = token.length > MAX_TOKEN_SHOWN ? token.slice(0, MAX_TOKEN_SHOWN) : token;
  const code = h('code', { class: 'token-parts' });
  shown.split('.').forEach((part, i) => {
    if (i > 0) code.appendChild(h('span', { class: 'dot' }, '.'));
    const span = h('span', { class: `part part-${Math.min(i, 3)}` });
    span.appendChild(visibleText(part));
    code.appendChild(span);
  });
  if (shown.length < token.length)
    code.appendChild(h('span', { class: 'v-more' }, ` … (+${token.length - shown.length})`));
  return h('section', { 'aria-labelledby': 'parts-title' }, h('h2', { id: 'parts-title' }, s.tokenParts), code);
}

function localDate(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString();
}

function claimTable(rows: ClaimRow[], title: string, id: string, s: PanelStrings): HTMLElement {
  const body = h('tbody', {});
  for (const row of rows) {
    const name = h('th', { scope: 'row' });
    name.appendChild(visibleText(row.name));
    const meaning = h('td', {}, row.explanation ?? '');
    if (row.time)
      meaning.appendChild(
        h(
          'span',
          { class: 'time' },
          h('time', { datetime: row.time.iso }, localDate(row.time.iso)),
          ` (${row.time.relative})`,
        ),
      );
    const value = h('td', {}, renderValue(row.value, s));
    const full = row.full;
    if (full !== undefined) value.appendChild(copyButton(full, s));
    body.appendChild(h('tr', {}, name, value, meaning));
  }
  return h(
    'section',
    { 'aria-labelledby': `${id}-title` },
    h('h2', { id: `${id}-title` }, title),
    h(
      'table',
      { class: 'claims', 'data-table': id },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', { scope: 'col' }, s.claimColumn),
          h('th', { scope: 'col' }, s.valueColumn),
          h('th', { scope: 'col' }, s.meaningColumn),
        ),
      ),
      body,
    ),
  );
}

/** For a value shown cut: copies the whole of it (JSON text) to the clipboard. */
function copyButton(full: string, s: PanelStrings): HTMLElement {
  const button = h('button', { type: 'button', class: 'secondary copy-value' }, icon('copy'), s.copyValue);
  button.addEventListener('click', () => {
    void navigator.clipboard.writeText(full).then(
      () => replaceChildren(button, icon('check'), s.copied),
      () => undefined,
    );
  });
  return button;
}
