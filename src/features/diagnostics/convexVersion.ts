import * as vscode from 'vscode';
import { CONVEX_VERSION_RULE as RULE, EXPO_SDK_RULE, NODE_VERSION_RULE } from '../../analysis/convexVersionRule';
import type { Severity } from '../../analysis/types';
import { convexVersionNotice, type ConvexVersionNotice } from '../../project/convexVersionNotice';
import { CONVEX_ISSUE_REASONS, FIXED_CONVEX_VERSION } from '../../project/convexVersions';
import { expoSdkNotice, type ExpoSdkNotice } from '../../project/expoSdkNotice';
import { nodeNoticeOf, type NodeEngineNotice } from '../../project/nodeEngine';
import { joinPath } from '../../project/paths';
import { logFailure, type Log } from '../log';
import { nodeEngineMessage } from '../project/nodeEngineText';
import type { ProjectService } from '../project/projectService';
import { readText } from '../project/workspaceFiles';
import { DIAGNOSTIC_SOURCE, SEVERITY, diagnosticCode, lessonStepUri } from './convert';
import { effectiveSeverity, readSettings } from './settings';

/**
 * Warns on package.json when the project depends on (or has installed) a convex release whose
 * ConvexProviderWithClerk breaks Clerk sign-in (≤ 1.32, 1.33.0, < 1.42.2: src/project/convexVersions.ts).
 * Fed by the project service (which already reads package.json and node_modules/convex), not by the parser.
 */
export class ConvexVersionDiagnostics implements vscode.Disposable, vscode.CodeActionProvider {
  static readonly providedCodeActionKinds = [vscode.CodeActionKind.QuickFix];
  private readonly collection = vscode.languages.createDiagnosticCollection('clerkConvex.packages');
  private readonly notices = new Map<string, { notice: ConvexVersionNotice; text: string }>();
  private generation = 0;

  constructor(
    private readonly project: ProjectService,
    private readonly log: Log,
  ) {}

  async refresh(): Promise<void> {
    const generation = ++this.generation;
    const found = new Map<
      string,
      { uri: vscode.Uri; notice?: ConvexVersionNotice; node?: NodeEngineNotice; expo?: ExpoSdkNotice; text: string }
    >();
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      try {
        const snapshot = await this.project.getSnapshot(folder.uri);
        const uri = vscode.Uri.joinPath(folder.uri, joinPath(snapshot.convexLayout?.projectRoot ?? '', 'package.json'));
        const text = await currentText(uri, this.log);
        if (text === undefined) continue;
        const notice = convexVersionNotice(text, snapshot.packages.convexInstalled);
        const node = nodeNoticeOf(snapshot, text);
        const installedExpo = snapshot.packages.expoInstalled;
        const expo = installedExpo ? expoSdkNotice(text, installedExpo) : undefined;
        if (notice || node || expo)
          found.set(uri.toString(), {
            uri,
            text,
            ...(notice ? { notice } : {}),
            ...(node ? { node } : {}),
            ...(expo ? { expo } : {}),
          });
      } catch (err) {
        logFailure(this.log, 'convex version check', err, folder.uri.toString());
      }
    }
    if (generation !== this.generation) return; // a newer refresh is under way
    this.collection.clear();
    this.notices.clear();
    for (const [key, { uri, notice, node, expo, text }] of found) {
      const settings = readSettings(uri);
      const diagnostics: vscode.Diagnostic[] = [];
      const severity = notice && effectiveSeverity(settings, RULE.code, RULE.severity);
      if (notice && severity) {
        this.notices.set(key, { notice, text });
        diagnostics.push(diagnosticFor(notice, text, severity));
      }
      const nodeSeverity = node && effectiveSeverity(settings, NODE_VERSION_RULE.code, NODE_VERSION_RULE.severity);
      if (node && nodeSeverity) diagnostics.push(nodeDiagnosticFor(node, text, nodeSeverity));
      const expoSeverity = expo && effectiveSeverity(settings, EXPO_SDK_RULE.code, EXPO_SDK_RULE.severity);
      if (expo && expoSeverity) diagnostics.push(expoDiagnosticFor(expo, text, expoSeverity));
      if (diagnostics.length) this.collection.set(uri, diagnostics);
    }
  }

  provideCodeActions(
    document: vscode.TextDocument,
    _range: vscode.Range,
    context: vscode.CodeActionContext,
  ): vscode.CodeAction[] {
    const cached = this.notices.get(document.uri.toString());
    const fixedRange = cached?.notice.fixedRange;
    // Built from the analysis of the text as it was read; a document edited since gets no stale edit.
    if (!cached || fixedRange === undefined || document.getText() !== cached.text) return [];
    const diagnostic = context.diagnostics.find(
      (d) => d.source === DIAGNOSTIC_SOURCE && diagnosticCode(d) === RULE.code,
    );
    if (!diagnostic) return [];
    const action = new vscode.CodeAction(
      vscode.l10n.t('Change convex to {0} (then run npm install)', fixedRange),
      vscode.CodeActionKind.QuickFix,
    );
    action.edit = new vscode.WorkspaceEdit();
    action.edit.replace(document.uri, diagnostic.range, fixedRange);
    action.diagnostics = [diagnostic];
    action.isPreferred = true;
    return [action];
  }

  dispose(): void {
    this.generation++;
    this.collection.dispose();
  }
}

function diagnosticFor(notice: ConvexVersionNotice, text: string, severity: Severity): vscode.Diagnostic {
  // Why the release breaks sign-in is the core's sentence, the one the token panel shows too: written once, it
  // cannot drift between the two (it had, for 1.33.0).
  const reason = CONVEX_ISSUE_REASONS[notice.issue];
  const message =
    notice.installed !== undefined
      ? vscode.l10n.t(
          'node_modules holds convex {0}. {1} Reinstall to get {2} or later (npm install convex@latest).',
          notice.installed,
          reason,
          FIXED_CONVEX_VERSION,
        )
      : vscode.l10n.t('convex {0}: {1} {2} and later fix it.', notice.range.trim(), reason, FIXED_CONVEX_VERSION);
  const diagnostic = new vscode.Diagnostic(rangeOf(text, notice.start, notice.end), message, SEVERITY[severity]);
  diagnostic.source = DIAGNOSTIC_SOURCE;
  diagnostic.code = { value: RULE.code, target: lessonStepUri(RULE.lessonStep) };
  return diagnostic;
}

/** On the convex entry, or the file's first line when the convex dependency is declared elsewhere (a monorepo). */
function nodeDiagnosticFor(notice: NodeEngineNotice, text: string, severity: Severity): vscode.Diagnostic {
  const range =
    notice.start !== undefined && notice.end !== undefined
      ? rangeOf(text, notice.start, notice.end)
      : new vscode.Range(0, 0, 0, 1);
  const diagnostic = new vscode.Diagnostic(range, nodeEngineMessage(notice), SEVERITY[severity]);
  diagnostic.source = DIAGNOSTIC_SOURCE;
  diagnostic.code = { value: NODE_VERSION_RULE.code, target: lessonStepUri(NODE_VERSION_RULE.lessonStep) };
  return diagnostic;
}

function expoDiagnosticFor(notice: ExpoSdkNotice, text: string, severity: Severity): vscode.Diagnostic {
  const message = vscode.l10n.t(
    "@clerk/expo {0} declares support for expo {1}, and this project has expo {2}{3}. It may work, but Clerk does not promise it: check @clerk/expo's releases for one that lists this SDK, or stay on an SDK inside the range until one does.",
    notice.clerkExpoVersion,
    notice.peerRange,
    notice.expoVersion,
    notice.installed ? '' : vscode.l10n.t(' (from the declared range)'),
  );
  const diagnostic = new vscode.Diagnostic(rangeOf(text, notice.start, notice.end), message, SEVERITY[severity]);
  diagnostic.source = DIAGNOSTIC_SOURCE;
  diagnostic.code = { value: EXPO_SDK_RULE.code, target: lessonStepUri(EXPO_SDK_RULE.lessonStep) };
  return diagnostic;
}

/** Line/character of two offsets, from the text as read (the file need not be open). */
function rangeOf(text: string, start: number, end: number): vscode.Range {
  const position = (offset: number): vscode.Position => {
    const before = text.slice(0, offset);
    const line = before.split(/\r\n|\r|\n/).length - 1;
    const lineStart = Math.max(before.lastIndexOf('\n'), before.lastIndexOf('\r')) + 1;
    return new vscode.Position(line, offset - lineStart);
  };
  return new vscode.Range(position(start), position(end));
}

/** An open document's text (what the diagnostic's range must match), else the file on disk. */
async function currentText(uri: vscode.Uri, log: Log): Promise<string | undefined> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  return open ? open.getText() : readText(uri, undefined, log);
}
