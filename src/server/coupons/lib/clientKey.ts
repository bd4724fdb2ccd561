/**
 * A coarse, salted, in-memory-only key for "this client" used by the rate limiters.
 *
 * The address is coarsened (src/server/lib/clientAddress.ts: IPv4 as is, mapped IPv4 as IPv4, IPv6 to its /64) and hashed
 * with a random salt drawn at start-up and never stored, so neither the address nor a stable pseudonym of it outlives
 * the process or reaches the database.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { coarseAddress } from '../../lib/clientAddress';

export { coarseAddress };

/** Derives rate-limit keys from addresses with a per-process salt. */
export class ClientKeys {
  private readonly salt = randomBytes(32);

  /** An opaque key for `purpose` (and `scope`, e.g. the site) of the client at `address`. */
  key(purpose: string, scope: string, address: string | undefined): string {
    return createHmac('sha256', this.salt).update(`${purpose}\0${scope}\0${coarseAddress(address)}`).digest('base64url').slice(0, 22);
  }
}
