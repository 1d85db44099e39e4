// What the "Lesson Checks" language-model tool answers: which of the lesson's steps pass in the workspace right
// now, and every finding the analyzer reports, each with its file, line, message and the titles of its fixes. Plain
// JSON in one text part, so an agent can act on it and a person can read it. Pure: the adapter
// (src/features/agentTools) supplies the localised texts and the line of each offset.
import type { MeasuredFile } from '../lessonState/checks';

/** Findings listed at most; the rest is counted. */
export const MAX_FINDINGS = 200;

export interface StepAnswer {
  step: string;
  title: string;
  status: 'pass' | 'missing' | 'not checked yet' | 'could not tell';
  /** For a missing step: what is missing and what to do. */
  detail?: string;
  /** Where to fix it: a file and line, or a command of this extension. */
  fix?: { file: string; line: number } | { command: string };
}

export interface FindingAnswer {
  file: string;
  /** 1-based, as editors show them. */
  line: number;
  column: number;
  code: string;
  severity: string;
  message: string;
  /** Titles of the quick fixes offered for it (empty: none). */
  fixes: string[];
  /** The lesson step that explains it. */
  lessonStep?: string;
}

export interface LessonChecksAnswer {
  summary: string;
  steps: StepAnswer[];
  findings: FindingAnswer[];
  /** Findings left out past MAX_FINDINGS. */
  moreFindings?: number;
  /** How Clerk hands Convex its token in this lesson (the learner's choice). */
  tokenSource: 'integration' | 'template';
}

export type PositionOf = (uri: string, offset: number) => Promise<{ line: number; character: number }>;

/** Line and character (0-based) of an offset, with the line breaks an editor counts (\r\n, \r, \n). */
export function positionInText(text: string, offset: number): { line: number; character: number } {
  const end = Math.max(0, Math.min(offset, text.length));
  let line = 0;
  let lineStart = 0;
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, character: end - lineStart };
}

/** Every finding of every analysed file, errors first, in file order. */
export async function findingAnswers(
  files: readonly MeasuredFile[],
  positionOf: PositionOf,
): Promise<{ findings: FindingAnswer[]; more: number }> {
  const rank = { error: 0, warning: 1, information: 2, hint: 3 } as Record<string, number>;
  const all = files
    .flatMap((f) => f.findings.map((finding) => ({ f, finding })))
    .sort(
      (a, b) =>
        (rank[a.finding.severity] ?? 4) - (rank[b.finding.severity] ?? 4) ||
        a.f.path.localeCompare(b.f.path) ||
        a.finding.start - b.finding.start,
    );
  const findings: FindingAnswer[] = [];
  for (const { f, finding } of all.slice(0, MAX_FINDINGS)) {
    const at = await positionOf(f.uri, finding.start);
    findings.push({
      file: f.path,
      line: at.line + 1,
      column: at.character + 1,
      code: finding.code,
      severity: finding.severity,
      message: finding.message,
      fixes: finding.fixes.map((x) => x.title),
      ...(finding.lessonStep ? { lessonStep: finding.lessonStep } : {}),
    });
  }
  return { findings, more: Math.max(0, all.length - MAX_FINDINGS) };
}

export function lessonChecksText(answer: LessonChecksAnswer): string {
  return JSON.stringify(answer, null, 1);
}
