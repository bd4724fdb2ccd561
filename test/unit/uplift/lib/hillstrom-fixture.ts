/**
 * Generates Hillstrom-shaped CSV text (same header, value domains, quoting and
 * CRLF line endings as the publisher's file) from a seeded simulation, never
 * from real rows.
 *
 * Planted effect on `visit`: base rate 0.10 (+0.05 for newbies); the Mens
 * e-mail adds 0.05 for everyone; the Womens e-mail adds 0.40 for the planted
 * group (womens = 1 and channel Web or Multichannel: 0.55 · 2/3 ≈ 37% of
 * customers, more than the 30% uplift@k looks at) and 0 for everyone else.
 */
import { mulberry32 } from '../../../../src/core/lib/random';

const SEGMENTS: readonly [number, string][] = [
  [100, '1) $0 - $100'],
  [200, '2) $100 - $200'],
  [350, '3) $200 - $350'],
  [500, '4) $350 - $500'],
  [750, '5) $500 - $750'],
  [1000, '"6) $750 - $1,000"'],
  [Number.POSITIVE_INFINITY, '"7) $1,000 +"'],
];
const ZIPS = ['Urban', 'Surburban', 'Rural'];
const CHANNELS = ['Phone', 'Web', 'Multichannel'];
const ARMS = ['Mens E-Mail', 'Womens E-Mail', 'No E-Mail'];
export const FIXTURE_HEADER = 'recency,history_segment,history,mens,womens,zip_code,newbie,channel,segment,visit,conversion,spend';

/** Whether a generated customer is in the planted high-uplift group. */
export function inPlantedGroup(womens: number, channel: string): boolean {
  return womens === 1 && channel !== 'Phone';
}

/** `rows` data lines plus header, CRLF-separated, with a final CRLF. */
export function hillstromFixture(rows: number, seed: number): string {
  const random = mulberry32(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const lines = [FIXTURE_HEADER];
  for (let i = 0; i < rows; i++) {
    const recency = 1 + Math.floor(random() * 12);
    const history = Math.round(Math.exp(3.5 + 2 * random()) * 100) / 100 + 29.99;
    const segment = (SEGMENTS.find(([upper]) => history < upper) as [number, string])[1];
    const womens = random() < 0.55 ? 1 : 0;
    const mens = womens === 0 || random() < 0.2 ? 1 : 0;
    const newbie = random() < 0.5 ? 1 : 0;
    const zip = pick(ZIPS);
    const channel = pick(CHANNELS);
    const arm = pick(ARMS);
    let p = 0.1 + 0.05 * newbie;
    if (arm === 'Mens E-Mail') p += 0.05;
    if (arm === 'Womens E-Mail' && inPlantedGroup(womens, channel)) p += 0.4;
    const visit = random() < p ? 1 : 0;
    const conversion = visit === 1 && random() < 0.1 ? 1 : 0;
    const spend = conversion === 1 ? Math.round(random() * 50000) / 100 : 0;
    lines.push([recency, segment, history.toFixed(2), mens, womens, zip, newbie, channel, arm, visit, conversion, spend].join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}
