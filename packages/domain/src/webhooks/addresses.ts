/**
 * Where webhooks may not go (docs/webhooks.md#addresses-refused): private, loopback and link-local
 * addresses and their kin, which would let a workspace's endpoint reach the server's own network
 * (server-side request forgery). The server checks the URL when it is saved and every address the
 * host name resolves to when it sends; `WEBHOOKS_ALLOW_PRIVATE_NETWORKS=1` lifts both.
 */

export type BlockedAddressKind = 'loopback' | 'private' | 'link-local' | 'unspecified' | 'multicast' | 'reserved';

const parseIpv4 = (ip: string): number[] | null => {
  const parts = ip.split('.');
  if (parts.length !== 4) return null;
  const bytes = parts.map((p) => (/^\d{1,3}$/.test(p) ? Number(p) : Number.NaN));
  return bytes.every((b) => b >= 0 && b <= 255) ? bytes : null;
};

function ipv4Kind([a, b]: number[]): BlockedAddressKind | null {
  if (a === undefined || b === undefined) return 'reserved';
  if (a === 127) return 'loopback';
  if (a === 0) return 'unspecified';
  if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168)) return 'private';
  // 100.64.0.0/10: carrier-grade NAT, a provider's private space.
  if (a === 100 && b >= 64 && b <= 127) return 'private';
  if (a === 169 && b === 254) return 'link-local';
  if (a >= 224 && a <= 239) return 'multicast';
  if (a >= 240) return 'reserved';
  return null;
}

/** The eight 16-bit groups of an IPv6 address (an embedded IPv4 tail included), or null. */
function parseIpv6(input: string): number[] | null {
  let ip = input.toLowerCase();
  const zone = ip.indexOf('%');
  if (zone >= 0) ip = ip.slice(0, zone);
  const tail: number[] = [];
  const lastColon = ip.lastIndexOf(':');
  if (ip.slice(lastColon + 1).includes('.')) {
    const v4 = parseIpv4(ip.slice(lastColon + 1));
    if (!v4) return null;
    tail.push((v4[0]! << 8) | v4[1]!, (v4[2]! << 8) | v4[3]!);
    ip = `${ip.slice(0, lastColon + 1)}0:0`;
  }
  const halves = ip.split('::');
  if (halves.length > 2) return null;
  const groups = (s: string) => (s === '' ? [] : s.split(':'));
  const head = groups(halves[0]!);
  const rest = halves.length === 2 ? groups(halves[1]!) : [];
  const missing = 8 - head.length - rest.length;
  if ((halves.length === 1 && missing !== 0) || missing < 0) return null;
  const all = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...rest];
  if (all.length !== 8 || !all.every((g) => /^[0-9a-f]{1,4}$/.test(g))) return null;
  const out = all.map((g) => Number.parseInt(g, 16));
  if (tail.length === 2) out.splice(6, 2, tail[0]!, tail[1]!);
  return out;
}

function ipv6Kind(g: number[]): BlockedAddressKind | null {
  const [g0 = 0, , , , , g5 = 0, g6 = 0, g7 = 0] = g;
  const zeroUpTo = (n: number) => g.slice(0, n).every((x) => x === 0);
  if (zeroUpTo(7) && g7 === 1) return 'loopback';
  if (zeroUpTo(8)) return 'unspecified';
  // ::ffff:a.b.c.d (mapped) and ::a.b.c.d (compatible): the IPv4 address decides.
  if (zeroUpTo(5) && (g5 === 0xffff || g5 === 0)) return ipv4Kind([g6 >> 8, g6 & 0xff, g7 >> 8, g7 & 0xff]);
  if ((g0 & 0xfe00) === 0xfc00) return 'private';
  if ((g0 & 0xffc0) === 0xfe80) return 'link-local';
  // fec0::/10, the deprecated site-local space: private in practice.
  if ((g0 & 0xffc0) === 0xfec0) return 'private';
  if ((g0 & 0xff00) === 0xff00) return 'multicast';
  return null;
}

/**
 * Why a webhook may not be sent to this IP address, or null when it may. Anything that is not an IP
 * address at all is `reserved`: the caller only asks about addresses it resolved or read from a URL.
 */
export function blockedAddressKind(ip: string): BlockedAddressKind | null {
  const bare = ip.startsWith('[') && ip.endsWith(']') ? ip.slice(1, -1) : ip;
  const v4 = parseIpv4(bare);
  if (v4) return ipv4Kind(v4);
  const v6 = bare.includes(':') ? parseIpv6(bare) : null;
  return v6 ? ipv6Kind(v6) : 'reserved';
}

/** Whether `host` (a URL's hostname) is written as an IP address rather than a name. */
export const isIpLiteral = (host: string): boolean =>
  parseIpv4(host) !== null || (host.startsWith('[') && host.endsWith(']'));

/** The words every refusal of an address uses, so the endpoint form and the delivery log say the same. */
export const blockedAddressMessage = (address: string, kind: BlockedAddressKind) =>
  `${address} is a ${kind} address: webhooks are not sent to private networks unless the server's operator allows it (WEBHOOKS_ALLOW_PRIVATE_NETWORKS=1)`;

/**
 * What is wrong with a URL as a webhook endpoint when it is saved, or null. Its syntax is the input
 * schema's; this is the address rule: a host written as a private IP address, or `localhost`, is
 * refused unless private networks are allowed. Names are checked again, resolved, at every send.
 */
export function webhookUrlProblem(url: string, allowPrivateNetworks: boolean): string | null {
  if (allowPrivateNetworks) return null;
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return 'is not a URL';
  }
  if (host === 'localhost' || host.endsWith('.localhost')) return blockedAddressMessage(host, 'loopback');
  if (!isIpLiteral(host)) return null;
  const kind = blockedAddressKind(host);
  return kind ? blockedAddressMessage(host, kind) : null;
}
