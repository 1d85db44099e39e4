// `await ctx.auth.getUserIdentity;` names the method without calling it. Awaiting a function gives the function
// back, which is truthy: the `if (!identity)` that follows never stops anyone, and every field read off it is
// undefined. The scan records only calls, so this form is found in the text first (a rare one) and only the parts
// of the tree around those places are walked.
import { endOf, isAuthIdentityMember, startOf } from '../../ast';
import { RULES } from '../../ruleCatalog';
import { walkNodes } from '../../traverse';
import { report, type RuleContext } from '../shared';

/** `auth.getUserIdentity` / `auth?.getUserIdentity` not followed by a call's parenthesis. */
const UNCALLED = /\bauth\s*\??\.\s*getUserIdentity\b(?!\s*(?:\(|\?\.\s*\(|!\s*\())/g;

export function uncalledIdentityRule(rc: RuleContext): void {
  const text = rc.scan.text;
  if (!text.includes('getUserIdentity')) return;
  const at: number[] = [];
  for (const m of text.matchAll(UNCALLED)) at.push(m.index + m[0].length);
  if (at.length === 0) return;
  walkNodes(rc.scan.program, (node, ancestors) => {
    const s = startOf(node);
    const e = endOf(node);
    if (!at.some((end) => end > s && end <= e)) return false;
    if (!isAuthIdentityMember(node) || !at.includes(e)) return true;
    // Only an awaited reference is the mistake; `const read = ctx.auth.getUserIdentity` or passing it on is not.
    let i = ancestors.length - 1;
    while (ancestors[i]?.type === 'TSAsExpression' || ancestors[i]?.type === 'TSNonNullExpression') i--;
    if (ancestors[i]?.type !== 'AwaitExpression') return false;
    const name = text.slice(s, e).replace(/\s+/g, '');
    report(
      rc,
      RULES.identityNotCalled,
      s,
      e,
      `\`await ${name}\` names the method without calling it: awaiting a function gives the function back, which is always truthy, so a null check of the result never stops anyone and its fields (subject, email) are undefined. Call it: \`await ${name}()\`.`,
      [{ title: 'Call getUserIdentity()', mechanical: true, edits: [{ start: e, end: e, newText: '()' }] }],
    );
    return false;
  });
}
