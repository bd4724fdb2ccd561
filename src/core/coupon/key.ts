/**
 * The coupon secret as HMAC key bytes.
 *
 * A string secret is used as its UTF-8 bytes, exactly as typed: the server, `TAILOR_COUPON_SECRET` and a merchant's
 * offline verifier then agree on the key without anyone decoding base64 or hex the same way.
 */

/** Fewest key bytes accepted: HMAC-SHA256's security needs a key at least as long as the truncated tag's strength. */
export const MIN_SECRET_BYTES = 32;

/**
 * Turns `secret` into key bytes, refusing keys shorter than {@link MIN_SECRET_BYTES}.
 * @param caller - the public function that received the secret, named in the error.
 */
export function couponKey(secret: Uint8Array | string, caller: string): Uint8Array {
  const bytes = typeof secret === 'string' ? new TextEncoder().encode(secret) : secret;
  if (!(bytes instanceof Uint8Array) || bytes.length < MIN_SECRET_BYTES) {
    const got = bytes instanceof Uint8Array ? `${bytes.length} bytes` : typeof secret;
    throw new TypeError(
      `'secret' passed to '${caller}' must be a string or Uint8Array of at least ${MIN_SECRET_BYTES} bytes (got ${got}); ` +
        'generate one with `openssl rand -base64 32`',
    );
  }
  return bytes;
}
