// Check `characters`: a JWT holds only base64url characters and dots, so anything else was added on the way.
import { CONVEX_ERRORS } from './convexRules';
import { characterName, codePointLabel } from './hiddenCharacters';
import type { TokenCheck } from './types';

export function characterCheck(token: string): TokenCheck {
  const bad: string[] = [];
  let standardBase64 = false;
  let count = 0;
  for (let i = 0; i < token.length; i++) {
    const c = token.charCodeAt(i);
    const ok =
      (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 45 || c === 95 || c === 46;
    if (ok) continue;
    count++;
    const cp = token.codePointAt(i) ?? c;
    if (cp > 0xffff) i++;
    const ch = String.fromCodePoint(cp);
    if (ch === '+' || ch === '/' || ch === '=') standardBase64 = true;
    if (bad.length < 5) {
      const visible = cp > 0x20 && cp < 0x7f ? `"${ch}"` : `${codePointLabel(cp)} (${characterName(cp)})`;
      bad.push(`${visible} at position ${i + 1}`);
    }
  }
  if (count === 0)
    return {
      id: 'characters',
      stage: 'match',
      status: 'pass',
      title: 'Only base64url characters',
      detail: 'A–Z, a–z, 0–9, "-", "_" and dots.',
    };
  const where = `${bad.join(', ')}${count > bad.length ? ` and ${count - bad.length} more` : ''}`;
  return {
    id: 'characters',
    stage: 'match',
    status: 'fail',
    convexError: CONVEX_ERRORS.parse,
    title: standardBase64 ? 'Standard base64, not base64url' : 'Characters a JWT cannot contain',
    detail: standardBase64
      ? `Found ${where}. A JWT uses base64url: "-" and "_" instead of "+" and "/", and no "=" padding. The token was probably re-encoded on the way; copy it again from getToken().`
      : `Found ${where}. A JWT only contains A–Z, a–z, 0–9, "-", "_" and dots. Something was added while copying.`,
  };
}
