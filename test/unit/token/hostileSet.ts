// The hostile inputs of issue 15, made at run time, shared by the size tests, the property suite and the bench.
import { NOW } from './fixtures';

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64url');
const header = b64('{"alg":"RS256","typ":"JWT","kid":"ins_rsa"}');

const ISS = '"iss":"https://exotic-crab-75.clerk.accounts.dev"';

function withClaims(extra: string, iss = ISS): string {
  return `${header}.${b64(`{${iss},"sub":"user_2xyz","aud":"convex","iat":${NOW - 10},"exp":${NOW + 50}${extra}}`)}.c2ln`;
}

export const PLAIN_TOKEN = withClaims('');

/** [name, pasted text]: each at least a few KiB, where a report's size is about the input, not its fixed text. */
export function hostileInputs(): [string, string][] {
  return [
    ['60,000 trailing semicolons', `${PLAIN_TOKEN}${';'.repeat(60_000)}`],
    ['60,000 semicolons and spaces around the token', `${' ;'.repeat(30_000)}${PLAIN_TOKEN}${'; '.repeat(30_000)}`],
    ['"Bearer " 8,000 times', `${'Bearer '.repeat(8_000)}${PLAIN_TOKEN}`],
    ['10,000 nested quotes', `${'"'.repeat(10_000)}${PLAIN_TOKEN}${'"'.repeat(10_000)}`],
    [
      'a 60 KB token of one-character strings',
      withClaims(`,"list":[${Array.from({ length: 10_000 }, () => '"a"').join(',')}]`),
    ],
    ['many one-character claims', withClaims(Array.from({ length: 7_000 }, (_, i) => `,"c${i}":"a"`).join(''))],
    ['one 40 KB string claim', withClaims(`,"note":"${'x'.repeat(40_000)}"`)],
    ['bidi and zero-width characters everywhere', withClaims(`,"name":"${'\u202e\u200b'.repeat(6_000)}"`)],
    ['a claim nested 10,000 deep', withClaims(`,"deep":${'['.repeat(10_000)}1${']'.repeat(10_000)}`)],
    ['objects nested 8,000 deep', withClaims(`,"o":${'{"":'.repeat(8_000)}1${'}'.repeat(8_000)}`)],
    ['iss as an object with its own toString', withClaims('', `"iss":{"toString":"x","pad":"${'p'.repeat(5000)}"}`)],
    ['a 40 KB iss', withClaims('', `"iss":"https://${'a'.repeat(40_000)}.example"`)],
    [
      'control characters in claim names',
      withClaims(Array.from({ length: 2_000 }, (_, i) => `,"\\u0000${i}":1`).join('')),
    ],
  ];
}
