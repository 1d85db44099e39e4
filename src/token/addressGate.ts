// The one gate every URL that "Verify Signature" fetches passes (discovery, jwks_uri, anything later): https only,
// and no address a pasted token could use to make the editor probe this machine or its network. Checked on the
// literal host here, and again on what the name resolves to at connect time (src/token/gatedGet.ts), so a name
// that rebinds to 127.0.0.1 between the two cannot slip through. Pure: runs in Node and in a web worker.

export type GateReason = 'not-https' | 'private-name' | 'private-address';

/** Names that are private by convention, or public names that resolve to an address embedded in them. */
const PRIVATE_SUFFIXES = ['.localhost', '.local', '.internal', '.intranet', '.lan', '.home.arpa', '.corp'];
const LOOPBACK_ALIAS_DOMAINS = [
  'nip.io',
  'sslip.io',
  'xip.io',
  'localtest.me',
  'lvh.me',
  'vcap.me',
  'lacolhost.com',
  'localhost.direct',
];

function parseIPv4(text: string): number[] | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (!m) return undefined;
  const parts = m.slice(1).map(Number);
  return parts.every((n) => n <= 255) ? parts : undefined;
}

/** True for every IPv4 range that is not ordinary public unicast. */
function privateIPv4([a, b, c]: number[]): boolean {
  return (
    a === 0 ||
    a === 10 ||
    a === 127 ||
    a >= 224 || // this network, private, loopback, multicast, reserved, broadcast
    (a === 100 && b >= 64 && b <= 127) || // CGNAT
    (a === 169 && b === 254) || // link-local (cloud metadata)
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 192 && b === 0 && (c === 0 || c === 2)) || // IETF protocol assignments, documentation
    (a === 198 && (b === 18 || b === 19)) || // benchmarking 198.18.0.0/15
    (a === 198 && b === 51 && c === 100) ||
    (a === 203 && b === 0 && c === 113)
  ); // documentation
}

/** Eight 16-bit groups, or undefined when `text` is not an IPv6 address (an embedded dotted IPv4 tail is allowed). */
function parseIPv6(text: string): number[] | undefined {
  let h = text.toLowerCase();
  const zone = h.indexOf('%');
  if (zone >= 0) h = h.slice(0, zone);
  if (!/^[0-9a-f:.]+$/.test(h) || !h.includes(':')) return undefined;
  const tail = /(\d{1,3}(?:\.\d{1,3}){3})$/.exec(h);
  if (tail) {
    const v4 = parseIPv4(tail[1]);
    if (!v4) return undefined;
    h = `${h.slice(0, -tail[1].length)}${((v4[0] << 8) | v4[1]).toString(16)}:${((v4[2] << 8) | v4[3]).toString(16)}`;
  }
  const halves = h.split('::');
  if (halves.length > 2) return undefined;
  const groups = (s: string) => (s === '' ? [] : s.split(':'));
  const head = groups(halves[0]);
  const rest = halves.length === 2 ? groups(halves[1]) : [];
  const missing = 8 - head.length - rest.length;
  if ((halves.length === 1 && missing !== 0) || missing < 0 || (halves.length === 2 && missing < 1)) return undefined;
  const all = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...rest];
  if (all.some((g) => !/^[0-9a-f]{1,4}$/.test(g))) return undefined;
  return all.map((g) => parseInt(g, 16));
}

function embeddedIPv4(hi: number, lo: number): number[] {
  return [hi >> 8, hi & 255, lo >> 8, lo & 255];
}

function privateIPv6(g: number[]): boolean {
  const zeroPrefix = (n: number) => g.slice(0, n).every((x) => x === 0);
  if (zeroPrefix(6)) return true; // ::, ::1 and IPv4-compatible ::a.b.c.d (deprecated; [::127.0.0.1])
  if (zeroPrefix(5) && g[5] === 0xffff) return privateIPv4(embeddedIPv4(g[6], g[7])); // IPv4-mapped
  if (zeroPrefix(4) && g[4] === 0xffff && g[5] === 0) return true; // IPv4-translated
  if (g[0] === 0x64 && g[1] === 0xff9b) return true; // NAT64 64:ff9b::/96 and 64:ff9b:1::/48
  if (g[0] === 0x2002) return privateIPv4(embeddedIPv4(g[1], g[2])); // 6to4 carries an IPv4 address
  if (g[0] === 0x2001 && (g[1] === 0x0db8 || g[1] === 0)) return true; // documentation, Teredo
  return (
    (g[0] & 0xfe00) === 0xfc00 || // unique local fc00::/7
    (g[0] & 0xffc0) === 0xfe80 ||
    (g[0] & 0xffc0) === 0xfec0 || // link-local, site-local
    (g[0] & 0xff00) === 0xff00
  ); // multicast
}

/** Is this IP address (as a resolver or a URL writes it) one verification must not reach without asking? */
export function isPrivateAddress(address: string): boolean {
  const a = address.startsWith('[') ? address.slice(1, -1) : address;
  const v4 = parseIPv4(a);
  if (v4) return privateIPv4(v4);
  const v6 = parseIPv6(a);
  return v6 ? privateIPv6(v6) : false;
}

/** An IP literal (v4 or v6, bracketed or not)? */
export function isIpLiteral(host: string): boolean {
  const a = host.startsWith('[') ? host.slice(1, -1) : host;
  return parseIPv4(a) !== undefined || parseIPv6(a) !== undefined;
}

/** A public-looking name that stands for an address inside it (`127.0.0.1.nip.io`, `10-0-0-1.sslip.io`, `7f000001.nip.io`). */
function namesPrivateAddress(host: string): boolean {
  for (const m of host.matchAll(/(?:^|[.-])(\d{1,3})[.-](\d{1,3})[.-](\d{1,3})[.-](\d{1,3})(?=$|[.-])/g)) {
    const v4 = parseIPv4(`${m[1]}.${m[2]}.${m[3]}.${m[4]}`);
    if (v4 && privateIPv4(v4)) return true;
  }
  for (const m of host.matchAll(/(?:^|[.-])([0-9a-f]{8})(?=[.-])/g)) {
    const n = parseInt(m[1], 16);
    if (privateIPv4([n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255])) return true;
  }
  return false;
}

/** Is this host name (not an IP literal) one that points at this machine or a private network by its form? */
export function isPrivateName(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  if (host === 'localhost' || !host.includes('.') || PRIVATE_SUFFIXES.some((s) => host.endsWith(s))) return true;
  if (LOOPBACK_ALIAS_DOMAINS.some((d) => host === d || host.endsWith(`.${d}`))) return true;
  return namesPrivateAddress(host);
}

/**
 * What is unusual about a URL before any request: [] for a public https URL, undefined for one that is not
 * http(s) at all (never fetched, nothing to ask).
 */
export function urlReasons(url: string): GateReason[] | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return undefined;
  const reasons: GateReason[] = [];
  if (parsed.protocol !== 'https:') reasons.push('not-https');
  const host = parsed.hostname;
  if (isIpLiteral(host)) {
    if (isPrivateAddress(host)) reasons.push('private-address');
  } else if (isPrivateName(host)) {
    reasons.push('private-name');
  }
  return reasons;
}

/** Why a deployment URL is asked about first: the gate's own reasons, or a host that is not Convex Cloud's. */
export type DeploymentGateReason = GateReason | 'not-convex-host';

export type DeploymentUrlCheck =
  /** `base` is what the client is given (no trailing slash); `reasons` empty: send without asking. */
  | { ok: true; base: string; host: string; reasons: DeploymentGateReason[] }
  | { ok: false; why: 'not-a-url' | 'not-http' | 'credentials' | 'query-or-fragment' };

/** Convex Cloud's hosts: the function API on `<name>.convex.cloud` (or a region's), HTTP actions on `.convex.site`. */
const CONVEX_CLOUD_HOST = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*\.convex\.(cloud|site)$/;

/**
 * The gate for "Ask my deployment": the same literal checks as verification, and any host but Convex Cloud's
 * (a self-hosted backend, a tunnel, a URL a cloned repository put in its env file) asked about first, because the
 * pasted token goes to it. Only `base` ever receives the request.
 */
export function deploymentUrlCheck(url: string): DeploymentUrlCheck {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return { ok: false, why: 'not-a-url' };
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return { ok: false, why: 'not-http' };
  if (parsed.username !== '' || parsed.password !== '') return { ok: false, why: 'credentials' };
  if (parsed.search !== '' || parsed.hash !== '') return { ok: false, why: 'query-or-fragment' };
  const path = parsed.pathname.replace(/\/+$/, '');
  const base = `${parsed.origin}${path}`;
  const reasons: DeploymentGateReason[] = [...(urlReasons(base) ?? [])];
  const host = parsed.hostname.toLowerCase();
  if (parsed.protocol !== 'https:' || path !== '' || parsed.port !== '' || !CONVEX_CLOUD_HOST.test(host))
    reasons.push('not-convex-host');
  return { ok: true, base, host: parsed.host, reasons };
}
