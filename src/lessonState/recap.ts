// The lesson's closing recap: three questions, one right answer each. Answered in the editor and never graded
// against progress: nothing here reads or writes LessonProgress. The adapter words the questions.

export const RECAP_QUESTIONS = [
  { id: 'nesting', choices: ['clerkOutside', 'convexOutside', 'either'], right: 'clerkOutside' },
  { id: 'issuer', choices: ['issuer', 'jwks', 'deployment'], right: 'issuer' },
  { id: 'anonymous', choices: ['null', 'throws', 'emptySubject'], right: 'null' },
] as const;

export type RecapQuestion = (typeof RECAP_QUESTIONS)[number];
export type RecapQuestionId = RecapQuestion['id'];

export interface RecapAnswer {
  question: RecapQuestionId;
  choice: string;
}

export function isRight(answer: RecapAnswer): boolean {
  return RECAP_QUESTIONS.some((q) => q.id === answer.question && q.right === answer.choice);
}

/** How many of the answers are right, out of the questions asked. */
export function recapScore(answers: readonly RecapAnswer[]): { right: number; total: number } {
  return { right: answers.filter(isRight).length, total: RECAP_QUESTIONS.length };
}
