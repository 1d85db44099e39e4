// Before fetching keys from a token's issuer the host asks whether the address is one the user should confirm:
// a plain-http URL, or a loopback / private / intranet host that a pasted token could aim requests at.

export interface IssuerHost {
  /** The issuer is an https URL (the only kind verification fetches without asking). */
  https: boolean;
  /** The host is localhost, a loopback, private, link-local or single-label (intranet) address. */
  loopbackOrPrivate: boolean;
}

const PRIVATE_SUFFIXES = ['.localhost', '.local', '.internal', '.intranet', '.lan', '.home.arpa', '.corp'];

function privateIPv4(host: string): boolean | undefined {
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(host);
  if (!m) return undefined;
  const [a, b] = [Number(m[1]), Number(m[2])];
  return a === 0 || a === 10 || a === 127 || (a === 100 && b >= 64 && b <= 127) || (a === 169 && b === 254)
    || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168);
}

function privateIPv6(host: string): boolean | undefined {
  if (!host.startsWith('[')) return undefined;
  const h = host.slice(1, -1).toLowerCase();
  if (h === '::1' || h === '::') return true;
  const mapped = /^::ffff:(.+)$/.exec(h);
  if (mapped) {
    // The URL parser writes mapped IPv4 in hex (::ffff:7f00:1); both forms are handled.
    const dotted = privateIPv4(mapped[1]);
    if (dotted !== undefined) return dotted;
    const hex = /^([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(mapped[1]);
    if (hex) {
      const n = (parseInt(hex[1], 16) << 16) | parseInt(hex[2], 16);
      return privateIPv4([n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.')) ?? true;
    }
    return true;
  }
  return /^f[cd]/.test(h) || /^fe[89ab]/.test(h);
}

/** Undefined when `iss` is not an http(s) URL: verification refuses it without fetching, so there is nothing to ask. */
export function describeIssuerHost(iss: string): IssuerHost | undefined {
  let url: URL;
  try {
    url = new URL(iss);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  const host = url.hostname.toLowerCase().replace(/\.$/, '');
  const loopbackOrPrivate = privateIPv6(host) ?? privateIPv4(host)
    ?? (host === 'localhost' || !host.includes('.') || PRIVATE_SUFFIXES.some((s) => host.endsWith(s)));
  return { https: url.protocol === 'https:', loopbackOrPrivate };
}
