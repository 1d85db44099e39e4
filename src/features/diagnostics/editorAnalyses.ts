// What the lesson's buttons need of the editor's analyses: to wait until open documents are analysed as they are
// now (a button acts on the text in the editor, not on a version it has moved past), and the mechanical fix of a
// finding from that analysis. Asking the workbench for code actions instead failed whenever another provider
// cancelled the call (the TypeScript server does while it starts): the button then fell back to the menu.
import * as vscode from 'vscode';
import type { Finding } from '../../analysis/types';
import { toWorkspaceEdit } from './codeActions';
import type { DiagnosticsController } from './controller';
import { effectiveSeverity } from './settings';

export type MechanicalFix =
  | { kind: 'fix'; title: string; edit: vscode.WorkspaceEdit }
  /** Why there is none: said in the log, the button opens the quick-fix menu instead. */
  | { kind: 'none'; reason: string };

export interface EditorAnalyses {
  /** Resolves once no open document waits for its debounce or its analysis. */
  settled(): Promise<void>;
  /**
   * The first mechanical fix offered for `codes` (in their order) in `document` as it is now; among findings of
   * one code, the one at `near` (the offsets the lesson last saw) first.
   */
  fixFor(
    document: vscode.TextDocument,
    codes: readonly string[],
    near?: { start: number; end: number },
  ): Promise<MechanicalFix>;
}

export function editorAnalyses(controller: DiagnosticsController): EditorAnalyses {
  return {
    settled: () => controller.settled(),
    async fixFor(document, codes, near) {
      const cached = await controller.analysisOf(document);
      if (!cached) return { kind: 'none', reason: 'the file has no analysis for its current text' };
      const active = cached.analysis.findings.filter(
        (f) => effectiveSeverity(cached.settings, f.code, f.severity) !== undefined,
      );
      for (const code of codes) {
        const ofCode = active.filter((f) => f.code === code);
        for (const finding of nearFirst(ofCode, near)) {
          const fix = finding.fixes.find((x) => x.mechanical);
          if (fix) return { kind: 'fix', title: fix.title, edit: toWorkspaceEdit(document, fix.edits) };
        }
      }
      const seen = [...new Set(active.map((f) => f.code))].join(', ') || 'none';
      return { kind: 'none', reason: `no mechanical fix for ${codes.join(', ')} (findings now: ${seen})` };
    },
  };
}

function nearFirst(findings: readonly Finding[], near: { start: number; end: number } | undefined): Finding[] {
  if (!near) return [...findings];
  const at = findings.filter((f) => f.start === near.start && f.end === near.end);
  return [...at, ...findings.filter((f) => !at.includes(f))];
}
