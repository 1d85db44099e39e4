// The last step's recap: three questions in a quick pick, each answered with a word of why. Never graded
// against progress: this file is handed no progress store and records nothing.
import * as vscode from 'vscode';
import { RECAP_QUESTIONS, isRight, recapScore, type RecapAnswer, type RecapQuestionId } from '../../lessonState';

export interface RecapResult {
  answers: RecapAnswer[];
  right: number;
  total: number;
  /** False when the learner closed the recap before its end. */
  finished: boolean;
}

interface Wording {
  question: string;
  choices: Record<string, string>;
  why: string;
}

function wording(id: RecapQuestionId): Wording {
  switch (id) {
    case 'nesting':
      return {
        question: vscode.l10n.t('Which provider goes outside the other?'),
        choices: {
          clerkOutside: vscode.l10n.t('ClerkProvider, around ConvexProviderWithClerk'),
          convexOutside: vscode.l10n.t('ConvexProviderWithClerk, around ClerkProvider'),
          either: vscode.l10n.t('Either order works'),
        },
        why: vscode.l10n.t(
          "ConvexProviderWithClerk asks Clerk for the token, so it must sit inside ClerkProvider to read Clerk's auth state.",
        ),
      };
    case 'issuer':
      return {
        question: vscode.l10n.t('In convex/auth.config.ts, what must domain equal?'),
        choices: {
          issuer: vscode.l10n.t("The token's iss: your Clerk Frontend API URL"),
          jwks: vscode.l10n.t("Clerk's JWKS URL (…/.well-known/jwks.json)"),
          deployment: vscode.l10n.t("Your Convex deployment's URL"),
        },
        why: vscode.l10n.t("Convex compares domain with the token's iss claim, and finds the signing keys from there."),
      };
    case 'anonymous':
      return {
        question: vscode.l10n.t(
          'A request without a token reaches your query. What does ctx.auth.getUserIdentity() return?',
        ),
        choices: {
          null: vscode.l10n.t('null'),
          throws: vscode.l10n.t('Nothing: Convex rejects the request before your code runs'),
          emptySubject: vscode.l10n.t('An identity with an empty subject'),
        },
        why: vscode.l10n.t(
          'An anonymous request still runs your function, with identity null. That single check guards your whole backend.',
        ),
      };
  }
}

type Item = vscode.QuickPickItem & { choice?: string };

/** Shows the questions one after the other in one quick pick; resolves when it closes. */
export async function runRecap(): Promise<RecapResult> {
  const pick = vscode.window.createQuickPick<Item>();
  pick.ignoreFocusOut = true;
  pick.matchOnDetail = false;
  const answers: RecapAnswer[] = [];
  const chosen = (): Promise<Item | undefined> =>
    new Promise((resolve) => {
      const subs = [
        pick.onDidAccept(() => {
          for (const s of subs) s.dispose();
          resolve(pick.selectedItems[0]);
        }),
        pick.onDidHide(() => {
          for (const s of subs) s.dispose();
          resolve(undefined);
        }),
      ];
    });
  const total = RECAP_QUESTIONS.length;
  const done = (finished: boolean): RecapResult => ({ answers, ...recapScore(answers), finished });
  try {
    for (const [i, q] of RECAP_QUESTIONS.entries()) {
      const w = wording(q.id);
      pick.title = vscode.l10n.t('Recap {0} of {1}: {2}', i + 1, total, w.question);
      pick.placeholder = vscode.l10n.t('Pick an answer (not graded)');
      pick.items = q.choices.map((c): Item => ({ label: w.choices[c], choice: c }));
      pick.show();
      const answer = await chosen();
      if (!answer?.choice) return done(false);
      const given = { question: q.id, choice: answer.choice };
      answers.push(given);
      const right = isRight(given);
      pick.title = right
        ? vscode.l10n.t('Recap {0} of {1}: right', i + 1, total)
        : vscode.l10n.t('Recap {0} of {1}: not quite. The answer: {2}', i + 1, total, w.choices[q.right]);
      pick.placeholder = '';
      pick.items = [
        {
          label:
            i + 1 < total
              ? vscode.l10n.t('$(arrow-right) Next Question')
              : vscode.l10n.t('$(arrow-right) See How It Went'),
          detail: w.why,
        },
      ];
      if (!(await chosen())) return done(false);
    }
    const { right } = recapScore(answers);
    pick.title = vscode.l10n.t('Recap done: {0} of {1} right', right, total);
    pick.placeholder = vscode.l10n.t('Not graded: your lesson progress is as it was.');
    pick.items = [
      {
        label: vscode.l10n.t('$(check) Done'),
        detail: vscode.l10n.t('Next, lesson 7 of Auth & Access: deciding what each user is allowed to see.'),
      },
    ];
    await chosen();
    return done(true);
  } finally {
    pick.dispose();
  }
}
