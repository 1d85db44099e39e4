// Findings (offsets) → vscode.Diagnostic (ranges), with the rule code linking to the lesson step that explains it.
import * as vscode from 'vscode';
import type { Finding, RelatedLocation, Severity } from '../../analysis/types';

export const DIAGNOSTIC_SOURCE = 'Clerk ↔ Convex';

export const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

/** `command:` URI opening the walkthrough on a step (the walkthrough feature's openLesson takes the step id). */
export function lessonStepUri(step: string): vscode.Uri {
  return vscode.Uri.parse(`command:clerkConvex.openLesson?${encodeURIComponent(JSON.stringify([step]))}`);
}

export function rangeOf(document: vscode.TextDocument, start: number, end: number): vscode.Range {
  return new vscode.Range(document.positionAt(start), document.positionAt(end));
}

function relatedUri(document: vscode.TextDocument, related: RelatedLocation): vscode.Uri {
  if (!related.path) return document.uri;
  if (/^[a-z][a-z0-9+.-]*:/i.test(related.path) && !/^[a-z]:[\\/]/i.test(related.path))
    return vscode.Uri.parse(related.path);
  const folder = vscode.workspace.getWorkspaceFolder(document.uri);
  return folder ? vscode.Uri.joinPath(folder.uri, related.path) : vscode.Uri.file(related.path);
}

export function toDiagnostic(document: vscode.TextDocument, finding: Finding, severity: Severity): vscode.Diagnostic {
  const d = new vscode.Diagnostic(rangeOf(document, finding.start, finding.end), finding.message, SEVERITY[severity]);
  d.source = DIAGNOSTIC_SOURCE;
  d.code = finding.lessonStep ? { value: finding.code, target: lessonStepUri(finding.lessonStep) } : finding.code;
  if (finding.related?.length) {
    d.relatedInformation = finding.related.map((r) => {
      const uri = relatedUri(document, r);
      // Offsets into another file cannot be mapped without reading it; point at its start instead.
      const p = r.position;
      const range =
        uri.toString() === document.uri.toString()
          ? rangeOf(document, r.start, r.end)
          : p
            ? new vscode.Range(p.line, p.character, p.endLine, p.endCharacter)
            : new vscode.Range(0, 0, 0, 0);
      return new vscode.DiagnosticRelatedInformation(new vscode.Location(uri, range), r.message);
    });
  }
  return d;
}

export function diagnosticCode(d: vscode.Diagnostic): string | undefined {
  const code = d.code;
  if (typeof code === 'string') return code;
  if (typeof code === 'object' && code !== null) return String(code.value);
  return undefined;
}
