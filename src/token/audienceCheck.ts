import { CONVEX_ERRORS, audiences, matchProvider, noProviderError, normaliseDomain } from './convexRules';
import { describeValue } from './display';
import type { ResolvedProvider, TokenCheck } from './types';

export function audienceChecks(
  aud: unknown,
  iss: string | undefined,
  providers: ResolvedProvider[] | undefined,
): TokenCheck[] {
  const id = 'audience';
  const auds = audiences(aud);
  const candidates = providers?.filter((p) => p.applicationID !== undefined) ?? [];
  const sameDomain =
    iss === undefined
      ? []
      : candidates.filter((p) => p.domain !== undefined && normaliseDomain(p.domain) === normaliseDomain(iss));
  const relevant = sameDomain.length > 0 ? sameDomain : candidates;
  const expected = relevant.length > 0 ? [...new Set(relevant.map((p) => p.applicationID as string))] : ['convex'];
  const fromConfig = relevant.length > 0;
  const failStatus = fromConfig ? 'fail' : 'warn';
  const noProvider = fromConfig && providers ? noProviderError(providers) : undefined;
  const want = expected.map((e) => `"${e}"`).join(' or ');
  const custom = iss !== undefined && providers ? matchProvider(providers, iss, aud) : undefined;
  if (custom?.type === 'customJwt' && custom.applicationID === undefined) {
    return [
      {
        id,
        stage: 'match',
        status: 'pass',
        title: aud === undefined ? 'No audience (aud)' : `Audience ${describeValue(aud)}`,
        detail: 'A customJwt provider without applicationID matches whatever the aud (or none).',
      },
    ];
  }
  if (aud === undefined) {
    return [
      {
        id,
        stage: 'match',
        status: failStatus,
        convexError: noProvider,
        title: 'No audience (aud)',
        detail: `Convex matches a provider by its applicationID, which must be in aud (${want}). A Clerk session token without aud means the Convex integration is not activated in the Clerk dashboard (or the "convex" JWT template is not used).`,
      },
    ];
  }
  if (typeof aud !== 'string' && !(Array.isArray(aud) && aud.every((a) => typeof a === 'string'))) {
    return [
      {
        id,
        stage: 'match',
        status: 'fail',
        convexError: CONVEX_ERRORS.parse,
        title: 'aud has the wrong type',
        detail: `aud is ${describeValue(aud)}; it must be a string or an array of strings.`,
      },
    ];
  }
  const hit = auds.find((a) => expected.includes(a));
  if (!hit) {
    return [
      {
        id,
        stage: 'match',
        status: failStatus,
        convexError: noProvider,
        title: `Audience ${describeValue(aud)} is not ${want}`,
        detail: fromConfig
          ? `auth.config's applicationID is ${want} but the token is for ${describeValue(aud)}. If you use the JWT template, it must be named "convex" and keep aud "convex"; a renamed template is not requested by ConvexProviderWithClerk.`
          : `The official wiring uses applicationID "convex"; this token is for ${describeValue(aud)}.`,
      },
    ];
  }
  if (auds.length > 1) {
    return [
      {
        id,
        stage: 'verify',
        status: fromConfig ? 'fail' : 'warn',
        convexError: fromConfig ? CONVEX_ERRORS.verify : undefined,
        title: 'More than one audience',
        detail: `aud is ${describeValue(aud)}. The provider is found through "${hit}", but Convex then rejects tokens with extra audiences. Remove the others from the JWT template.`,
      },
    ];
  }
  return [
    {
      id,
      stage: 'match',
      status: 'pass',
      title: `Audience "${hit}"`,
      detail: fromConfig
        ? 'Matches the applicationID in auth.config.'
        : 'The official applicationID; no auth.config to compare with.',
    },
  ];
}
