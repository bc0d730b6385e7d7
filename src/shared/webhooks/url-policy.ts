import { lookup as dnsLookup } from 'node:dns/promises';
import { BlockList, isIP, type LookupFunction } from 'node:net';

/** Which callback URLs are allowed (Config.webhooks). */
export interface UrlPolicy {
  /** WEBHOOK_ALLOW_PRIVATE: allow loopback, private, link-local… addresses. */
  allowPrivate: boolean;
  /** WEBHOOK_ALLOW_HTTP: allow `http:` besides `https:`. */
  allowHttp: boolean;
}

/** Resolves a host name to every address it has. */
export type HostLookup = (host: string) => Promise<string[]>;

export type UrlCheck = { ok: true; url: URL } | { ok: false; reason: string };

const V4: [string, number, string][] = [
  ['0.0.0.0', 8, 'an unspecified ("this network") address'],
  ['10.0.0.0', 8, 'a private address'],
  ['100.64.0.0', 10, 'a carrier-grade NAT address'],
  ['127.0.0.0', 8, 'a loopback address'],
  ['169.254.0.0', 16, 'a link-local address'],
  ['172.16.0.0', 12, 'a private address'],
  ['192.0.0.0', 24, 'an IETF protocol assignment address'],
  ['192.168.0.0', 16, 'a private address'],
  ['198.18.0.0', 15, 'a benchmarking address'],
  ['224.0.0.0', 4, 'a multicast address'],
  ['240.0.0.0', 4, 'a reserved address'],
];
const V6: [string, number, string][] = [
  ['::', 128, 'an unspecified address'],
  ['::1', 128, 'a loopback address'],
  ['fc00::', 7, 'a private (unique local) address'],
  ['fe80::', 10, 'a link-local address'],
  ['ff00::', 8, 'a multicast address'],
];

const lists = [...V4.map((r) => ['ipv4', ...r] as const), ...V6.map((r) => ['ipv6', ...r] as const)].map(
  ([family, net, bits, what]) => {
    const list = new BlockList();
    list.addSubnet(net, bits, family);
    return { list, family, what };
  },
);

/** The embedded IPv4 of an IPv4-mapped (`::ffff:a.b.c.d`) or NAT64 (`64:ff9b::/96`) address. */
function embeddedV4(address: string): string | undefined {
  const lower = address.toLowerCase();
  const m = /^(?:::ffff:|64:ff9b::)(?:0:)?(.+)$/.exec(lower);
  if (!m) return undefined;
  const rest = m[1]!;
  if (isIP(rest) === 4) return rest;
  const hex = /^([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(rest);
  if (!hex) return undefined;
  const hi = Number.parseInt(hex[1]!, 16);
  const lo = Number.parseInt(hex[2]!, 16);
  return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
}

/** Why `address` (an IP literal) is refused, or undefined when it is a public address. */
export function refusedAddress(address: string): string | undefined {
  const family = isIP(address);
  if (family === 0) return 'not an IP address';
  if (family === 6) {
    const v4 = embeddedV4(address);
    if (v4) {
      const why = refusedAddress(v4);
      return why ? `${why} (IPv4 ${v4} embedded in IPv6)` : undefined;
    }
  }
  if (family === 4 && address === '255.255.255.255') return 'the broadcast address';
  const fam = family === 4 ? 'ipv4' : 'ipv6';
  for (const { list, family: f, what } of lists) {
    if (f === fam && list.check(address, fam)) return what;
  }
  return undefined;
}

const defaultLookup: HostLookup = async (host) =>
  (await dnsLookup(host, { all: true, verbatim: true })).map((a) => a.address);

function bareHost(url: URL): string {
  const h = url.hostname;
  return h.startsWith('[') && h.endsWith(']') ? h.slice(1, -1) : h;
}

/**
 * Checks a callback URL against the policy: `https:` only unless allowHttp, no credentials, and
 * (unless allowPrivate) a host that is not, and does not resolve to, a non-public address.
 * The reasons are sentences fit for a 422.
 */
export async function checkCallbackUrl(
  raw: string,
  policy: UrlPolicy,
  lookup: HostLookup = defaultLookup,
): Promise<UrlCheck> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: 'callback.url is not a valid absolute URL' };
  }
  if (url.protocol !== 'https:' && !(policy.allowHttp && url.protocol === 'http:')) {
    return {
      ok: false,
      reason:
        url.protocol === 'http:'
          ? 'callback.url uses http; only https is allowed (WEBHOOK_ALLOW_HTTP)'
          : `callback.url uses ${url.protocol.replace(/:$/, '')}; only https is allowed`,
    };
  }
  if (url.username || url.password) {
    return { ok: false, reason: 'callback.url must not contain a user name or password' };
  }
  if (policy.allowPrivate) return { ok: true, url };
  const host = bareHost(url);
  if (isIP(host)) {
    const why = refusedAddress(host);
    return why
      ? { ok: false, reason: `callback.url host ${host} is ${why}; refused (WEBHOOK_ALLOW_PRIVATE)` }
      : { ok: true, url };
  }
  let addresses: string[];
  try {
    addresses = await lookup(host);
  } catch {
    return { ok: false, reason: `callback.url host ${host} does not resolve` };
  }
  if (addresses.length === 0) return { ok: false, reason: `callback.url host ${host} does not resolve` };
  for (const address of addresses) {
    const why = refusedAddress(address);
    if (why) {
      return {
        ok: false,
        reason: `callback.url resolves to ${address}, ${why}; refused (WEBHOOK_ALLOW_PRIVATE)`,
      };
    }
  }
  return { ok: true, url };
}

/** Thrown (through the connect callback) when a delivery's host resolves to a refused address. */
export class RefusedAddressError extends Error {
  override name = 'RefusedAddressError';
}

/**
 * A `lookup` for undici's `connect` option (and `net.connect`): resolves the host, refuses it
 * when any address is refused by the policy — checked again at delivery, against DNS
 * rebinding — and connects to the address it checked.
 */
export function guardedLookup(policy: UrlPolicy, lookup: HostLookup = defaultLookup): LookupFunction {
  return (hostname, options, callback) => {
    const host = hostname.startsWith('[') ? hostname.slice(1, -1) : hostname;
    const resolve = isIP(host) ? Promise.resolve([host]) : lookup(host);
    // The refusal goes to the callback, never thrown: thrown inside the promise it would be an
    // unhandled rejection (which ends the process) while the connection waits for its timeout.
    const pick = (addresses: string[]): string[] => {
      if (addresses.length === 0) throw new RefusedAddressError(`${host} does not resolve`);
      if (!policy.allowPrivate) {
        for (const a of addresses) {
          const why = refusedAddress(a);
          if (why)
            throw new RefusedAddressError(
              `${host} resolves to ${a}, ${why}; refused (WEBHOOK_ALLOW_PRIVATE)`,
            );
        }
      }
      return addresses;
    };
    resolve.then(pick).then(
      (addresses) => {
        const wanted = options.family === 4 || options.family === 6 ? options.family : 0;
        const picked = addresses.find((a) => !wanted || isIP(a) === wanted) ?? addresses[0]!;
        if (options.all) {
          callback(null, addresses.map((a) => ({ address: a, family: isIP(a) })) as never);
        } else {
          callback(null, picked, isIP(picked));
        }
      },
      (err: unknown) => callback(err as NodeJS.ErrnoException, '', 0),
    );
  };
}
