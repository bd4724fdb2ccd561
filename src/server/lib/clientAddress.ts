/**
 * Who a request came from, for rate limiting only: the address read (the TCP peer, or the trusted proxy's
 * `X-Forwarded-For`) and its coarse form, so that one subscriber has one budget however it spells its address.
 *
 * IPv4 is kept as is; an IPv4-mapped IPv6 address (`::ffff:192.0.2.1`, or its hex form `::ffff:c000:201`) is that
 * IPv4 address; any other IPv6 address is cut to its /64, which is what one subscriber usually gets (so the 2⁶⁴
 * addresses of one line share one budget). Zone ids (`fe80::1%eth0`) are dropped.
 */
import type { Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import { isIP, isIPv4, isIPv6 } from 'node:net';

/** An IPv6 address without brackets or zone id (`[fe80::1%eth0]` → `fe80::1`). */
const bareIPv6 = (address: string) => address.replace(/^\[|\]$/g, '').split('%')[0]!;

/** Whether `address` is an IPv4 or IPv6 address, brackets and zone id allowed (forms {@link coarseAddress} reads). */
export function isIpAddress(address: string): boolean {
  return isIP(bareIPv6(address)) !== 0;
}

/** The coarse form of `address`: IPv4 unchanged, IPv4-mapped IPv6 as IPv4, IPv6 as its /64; 'unknown' otherwise. */
export function coarseAddress(address: string | undefined): string {
  if (address === undefined) return 'unknown';
  const trimmed = address.trim();
  if (isIPv4(trimmed)) return trimmed;
  const bare = bareIPv6(trimmed);
  if (!isIPv6(bare)) return 'unknown';
  const groups = expandIPv6(bare);
  if (isMappedIPv4(groups)) return `${groups[6]! >> 8}.${groups[6]! & 255}.${groups[7]! >> 8}.${groups[7]! & 255}`;
  return groups.slice(0, 4).map((g) => g.toString(16)).join(':') + '::/64';
}

/** `::ffff:a.b.c.d`: five zero groups, then ffff. */
function isMappedIPv4(groups: readonly number[]): boolean {
  return groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff;
}

/** The eight 16-bit groups of a valid IPv6 address (a trailing dotted IPv4 part becomes the last two). */
export function expandIPv6(address: string): number[] {
  let text = address.toLowerCase();
  const v4 = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (v4) {
    const [a, b, c, d] = v4.slice(1).map(Number) as [number, number, number, number];
    text = text.slice(0, v4.index) + ((a << 8) | b).toString(16) + ':' + ((c << 8) | d).toString(16);
  }
  const [head, tail] = text.split('::') as [string, string | undefined];
  const left = head === '' ? [] : head.split(':');
  const right = tail === undefined || tail === '' ? [] : tail.split(':');
  const zeros = tail === undefined ? [] : new Array<string>(8 - left.length - right.length).fill('0');
  return [...left, ...zeros, ...right].map((group) => parseInt(group, 16));
}

/** The TCP peer's address under @hono/node-server; undefined elsewhere (e.g. `app.request` in tests). */
export function peerAddress(c: Context): string | undefined {
  try {
    return getConnInfo(c).remote.address;
  } catch {
    return undefined;
  }
}

/**
 * The address the trusted proxy saw: the last `X-Forwarded-For` entry, which that proxy appended. Earlier entries
 * are whatever the client sent and would let anyone pick a fresh budget per request. Falls back to the TCP peer.
 */
export function forwardedAddress(c: Context): string | undefined {
  const hops = (c.req.header('X-Forwarded-For') ?? '').split(',').map((h) => h.trim()).filter((h) => h !== '');
  return hops.length > 0 ? hops[hops.length - 1] : peerAddress(c);
}

/** How to read the client address: the proxy's header only when the operator said a proxy is trusted. */
export function clientAddressReader(trustProxy: boolean): (c: Context) => string | undefined {
  return trustProxy ? forwardedAddress : peerAddress;
}

/** Whether the request reached the client over TLS: this server's own TLS, or the trusted proxy's `X-Forwarded-Proto`. */
export function cameOverTls(c: Context, trustProxy: boolean): boolean {
  if (new URL(c.req.url).protocol === 'https:') return true;
  if (!trustProxy) return false;
  // The last entry, as for X-Forwarded-For: the one the trusted proxy wrote.
  const proto = (c.req.header('X-Forwarded-Proto') ?? '').split(',').pop()!.trim().toLowerCase();
  return proto === 'https';
}
