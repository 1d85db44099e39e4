import { isPrivateAddress, urlReasons, type GateReason } from './addressGate';
import type { ResolvedAddress } from './boundedGet';
import { discoveryError } from './convexRules';
import type { Deadline } from './deadline';
import { clip } from './display';
import { fail } from './verifyFailure';
import type { GateRequest, VerifyOptions } from './verifyOptions';

const REASON_WORDS: Record<GateReason, string> = {
  'not-https': 'is not https',
  'private-name': 'names this machine or a private network',
  'private-address': 'is a loopback, private, link-local or otherwise non-public address',
};

/**
 * The one gate for every URL verification fetches: by literal before the request, and by resolved address at
 * connect time. What the user approves is remembered per origin and reason for this verification only.
 */
export class Gate {
  private readonly approved = new Set<string>();

  constructor(
    private readonly iss: string,
    private readonly opts: VerifyOptions,
    private readonly deadline: Deadline,
  ) {}

  async admit(url: string, what: GateRequest['what']): Promise<void> {
    if (this.opts.allowInsecureHttp) return;
    const reasons = urlReasons(url) ?? [];
    const origin = new URL(url).origin;
    const open = reasons.filter((r) => !this.approved.has(`${origin} ${r}`));
    if (open.length === 0) return;
    await this.askOrRefuse(
      { url, what, reasons: open },
      reasons.map((r) => `${origin} ${r}`),
    );
  }

  /** The connect-time half: every address the name resolved to. */
  checkAddress(
    url: string,
    what: GateRequest['what'],
  ): (hostname: string, addresses: ResolvedAddress[]) => Promise<void> {
    return async (_hostname, addresses) => {
      if (this.opts.allowInsecureHttp) return;
      const origin = new URL(url).origin;
      // A host the user already agreed is private (localhost, an intranet name) may resolve to a private address.
      if (this.approved.has(`${origin} private-name`) || this.approved.has(`${origin} private-address`)) return;
      const bad = addresses.find((a) => isPrivateAddress(a.address));
      if (!bad) return;
      await this.askOrRefuse({ url, what, reasons: ['private-address'], address: bad.address }, [
        `${origin} private-address`,
      ]);
    };
  }

  private async askOrRefuse(request: GateRequest, keys: string[]): Promise<void> {
    const ask = this.opts.ask;
    const yes = ask ? await this.deadline.paused(() => ask(request)) : false;
    if (yes) {
      for (const k of keys) this.approved.add(k);
      return;
    }
    const why = request.reasons.map((r) => REASON_WORDS[r]).join(' and ');
    const resolved = request.address ? ` (it resolves to ${request.address})` : '';
    throw fail(
      'verify-gate',
      'discover',
      `The ${request.what} was not fetched`,
      `${clip(request.url)} ${why}${resolved}. ${ask ? 'You chose not to fetch it' : 'Verification only fetches public https addresses on its own'}: nothing was requested from it, and nothing from it is shown.`,
      discoveryError(clip(this.iss)),
    );
  }
}
