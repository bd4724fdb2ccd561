/** Number formatting for the dashboard: rates as percentages, lifts in points, money without cents. */
import type { Interval } from '../../../core/privacy';

const fixed = (x: number, digits: number) => (Object.is(Math.round(x * 10 ** digits), -0) ? 0 : x).toFixed(digits);
const signed = (x: number, digits: number) => `${x > 0 ? '+' : x < 0 ? '−' : ''}${fixed(Math.abs(x), digits)}`;

/** `0.0423` → `4.2 %`. */
export function pct(x: number, digits = 1): string {
  return `${fixed(x * 100, digits)} %`;
}

/** A rate with its 95 % interval: `4.2 % (1.0–7.4 %)`. */
export function pctCi(i: Interval): string {
  return `${pct(i.estimate)} (${fixed(i.ci[0] * 100, 1)}–${fixed(i.ci[1] * 100, 1)} %)`;
}

/** A difference of rates in percentage points: `+1.9 pp (−0.5 to +4.3)`. */
export function ppCi(i: Interval): string {
  return `${signed(i.estimate * 100, 1)} pp (${signed(i.ci[0] * 100, 1)} to ${signed(i.ci[1] * 100, 1)})`;
}

/** Money without cents, grouped: `12,345`. */
export function money(x: number): string {
  const rounded = Math.round(x);
  return `${rounded < 0 ? '−' : ''}${Math.abs(rounded).toLocaleString('en-US')}`;
}

/** Money with its interval: `1,200 (−300 to 2,700)`. */
export function moneyCi(i: Interval): string {
  return `${money(i.estimate)} (${money(i.ci[0])} to ${money(i.ci[1])})`;
}

/** A count with a signed interval: `+12 (−3 to +27)`. */
export function countCi(i: Interval): string {
  const r = (x: number) => signed(Math.round(x), 0);
  return `${r(i.estimate)} (${r(i.ci[0])} to ${r(i.ci[1])})`;
}

/** An integer count, grouped. */
export function count(n: number): string {
  return n.toLocaleString('en-US');
}
