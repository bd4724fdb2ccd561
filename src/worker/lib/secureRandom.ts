/**
 * A uniform [0, 1) generator from the platform CSPRNG. Holdout and
 * exploration draws must not be predictable from the page (a shopper who
 * could predict them could farm the exploration arm for bigger discounts).
 */
export function secureRandom(): number {
  const buf = new Uint32Array(2);
  crypto.getRandomValues(buf);
  // 53 random bits → a double in [0, 1).
  return ((buf[0]! >>> 5) * 67108864 + (buf[1]! >>> 6)) / 9007199254740992;
}
