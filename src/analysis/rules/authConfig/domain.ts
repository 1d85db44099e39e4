// A provider's literal domain: the value Convex compares with the token's issuer, character for character.
import type * as t from '@babel/types';
import { endOf, startOf } from '../../ast';
import type { AuthConfigReader } from '../../authConfig';
import { readDomain } from '../../../project/domain';
import { RULES } from '../../ruleCatalog';
import type { Fix } from '../../types';
import { report, type RuleContext } from '../shared';

export const CLERK_EXAMPLE = 'https://your-instance.clerk.accounts.dev';
/** A domain left as a template's placeholder: no token's issuer can equal it. */
const PLACEHOLDER =
  /[{}<>]|(^|[./_-])(example|placeholder|your|yours|replace|replace[-_]?me|changeme|xxx+|todo)([./_-]|$)/i;

/** Whether a literal domain is still a placeholder (`https://{issuer}`, `https://REPLACE_ME.clerk.accounts.dev`). */
export function isPlaceholderDomain(value: string): boolean {
  const host = value
    .trim()
    .replace(/^["'`]+|["'`]+$/g, '')
    .replace(/^https?:\/\//i, '');
  return host === '' || PLACEHOLDER.test(host);
}
/** What is wrong with a literal domain, and the value it should have (none when it cannot be known). */
export function domainProblem(value: string): { problem: string; fixed?: string } | undefined {
  if (isPlaceholderDomain(value))
    return { problem: "is still a placeholder: no token's issuer can equal it. Put your Clerk Frontend API URL here" };
  const d = readDomain(value);
  const problems: string[] = [];
  if (d.quoted) problems.push('starts with a quote character (Convex rejects it)');
  if (d.discoveryUrl)
    problems.push(
      "is a JWKS/discovery URL, not the issuer: Convex compares it with the token's `iss`, which is just the origin",
    );
  // No scheme is fine: Convex adds https:// at push time (convex-backend crates/common/src/auth.rs,
  // deserialize_issuer_url), so only http:// can never equal a Clerk token's https:// issuer.
  if (d.scheme === 'http') problems.push('uses http://; Clerk issuers are https://');
  return problems.length ? { problem: problems.join('; '), fixed: d.issuer } : undefined;
}

/** The literal a domain is written as (directly, or in a top-level constant), and the node that holds it. */
function literalDomain(reader: AuthConfigReader, prop: t.ObjectProperty): { node: t.Node; value: string } | undefined {
  const node = reader.resolve(prop.value);
  const value = reader.literal(node);
  return value === undefined ? undefined : { node, value };
}

export function checkDomain(rc: RuleContext, reader: AuthConfigReader, prop: t.ObjectProperty): void {
  const literal = literalDomain(reader, prop);
  if (!literal) return;
  const issue = domainProblem(literal.value);
  if (!issue) return;
  const { node } = literal;
  const q = rc.scan.text[startOf(node)] === "'" ? "'" : '"';
  const host = rc.context.project?.publishableKeyInfo?.host;
  const fixes: Fix[] = issue.fixed
    ? [
        {
          title: `Change the domain to ${issue.fixed}`,
          mechanical: true,
          edits: [{ start: startOf(node), end: endOf(node), newText: `${q}${issue.fixed}${q}` }],
        },
      ]
    : host
      ? [
          {
            title: `Use https://${host} (the issuer your publishable key names)`,
            mechanical: false,
            edits: [{ start: startOf(node), end: endOf(node), newText: `${q}https://${host}${q}` }],
          },
        ]
      : [];
  report(
    rc,
    RULES.authConfigDomain,
    startOf(node),
    endOf(node),
    `This domain ${issue.problem}${issue.fixed ? `. Use the issuer URL: ${issue.fixed}` : ` (e.g. ${CLERK_EXAMPLE}), or read it from an env var set on the deployment.`}`,
    fixes,
  );
}
