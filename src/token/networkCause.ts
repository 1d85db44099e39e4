/** Node's codes for the usual ways a request fails, in words (OpenSSL's own text is a line of internals). */
const NETWORK_CAUSES: Record<string, string> = {
  ECONNREFUSED: 'nothing is listening at that address',
  ENOTFOUND: 'the host name does not resolve',
  ECONNRESET: 'the connection was closed before an answer came',
  ERR_SSL_WRONG_VERSION_NUMBER: 'the server there does not speak https (TLS)',
};

export function networkCause(err: unknown): string {
  const cause = err instanceof Error && err.cause instanceof Error ? err.cause : err;
  const raw = cause instanceof Error && 'code' in cause && typeof cause.code === 'string' ? cause.code : undefined;
  // node:https reports a plain-http answer as EPROTO with OpenSSL's text; fetch (undici) as the SSL code.
  const code =
    raw === 'EPROTO' && cause instanceof Error && /wrong version number/i.test(cause.message)
      ? 'ERR_SSL_WRONG_VERSION_NUMBER'
      : raw;
  const words =
    code &&
    (NETWORK_CAUSES[code] ??
      (/CERT|SELF_SIGNED|UNABLE_TO_VERIFY/.test(code) ? 'its TLS certificate is not trusted here' : undefined));
  if (words) return `${words}: ${code}`;
  return (cause instanceof Error ? cause.message : String(cause)).replace(/\s+/g, ' ').trim();
}
