/**
 * A coarse, salted, in-memory-only key for "this client" used by the rate limiters.
 *
 * The address is coarsened (IPv4 as is, IPv6 to its /64, which is what one subscriber usually gets) and then hashed
 * with a random salt drawn at start-up and never stored, so neither the address nor a stable pseudonym of it outlives
 * the process or reaches the database.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { isIPv4, isIPv6 } from 'node:net';

/** The coarse form of `address`: IPv4 unchanged, IPv4-mapped IPv6 as IPv4, IPv6 as its first four groups; 'unknown' otherwise. */
export function coarseAddress(address: string | undefined): string {
  if (address === undefined) return 'unknown';
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1]!;
  if (isIPv4(address)) return address;
  const bare = address.split('%')[0]!;
  if (!isIPv6(bare)) return 'unknown';
  return expandIPv6(bare).slice(0, 4).join(':') + '::/64';
}

/** The eight 16-bit groups of an IPv6 address, as lower-case hex without leading zeros. */
function expandIPv6(address: string): string[] {
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
  return [...left, ...zeros, ...right].map((group) => parseInt(group, 16).toString(16));
}

/** Derives rate-limit keys from addresses with a per-process salt. */
export class ClientKeys {
  private readonly salt = randomBytes(32);

  /** An opaque key for `purpose` (and `scope`, e.g. the site) of the client at `address`. */
  key(purpose: string, scope: string, address: string | undefined): string {
    return createHmac('sha256', this.salt).update(`${purpose}\0${scope}\0${coarseAddress(address)}`).digest('base64url').slice(0, 22);
  }
}
