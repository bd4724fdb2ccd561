/**
 * Pre-registered context cells: the coarse groups of shoppers the loop learns separately. A cell is built from
 * a few coarse features a device always has (visitor type, season, browsing depth), optionally together with
 * the model's own view of the shopper (its no-discount P(buy), cut at fixed points). The features matter because a group
 * that responds for a reason the model does not know (a season, a depth) cannot be found by its scores alone;
 * the score matters because it separates what the features do not. Tens of cells, not thousands: every cell
 * must collect enough reports to be learned under DP noise.
 *
 * The spec is data, versioned, so a model bundle can ship its own and every device and the server agree.
 */
import type { RawFeatureRecord } from '../features/definition';

/** How shoppers are grouped. */
export interface CellSpec {
  /** Changes whenever the grouping does; reports and configs of another version never mix. */
  readonly version: string;
  /** Months (the feature spec's spelling) that count as the season. */
  readonly seasonMonths: readonly string[];
  /** Cut points on ProductRelated (product pages this visit), ascending: k cuts → k + 1 depth groups. */
  readonly depthCuts: readonly number[];
  /** Cut points on the model's P(buy | no discount), ascending. */
  readonly scoreCuts: readonly number[];
  /** Cut points on the order value the decision is priced on (cart, else product price), shop currency. */
  readonly cartCuts: readonly number[];
}

/**
 * The default grouping: new vs other visitors × Oct–Dec vs the rest × three depths (< 10, 10–19, ≥ 20 product
 * pages) × three order values (< 40, 40–99, ≥ 100) = 36 cells.
 * The order value is a cell dimension because the learner measures conversions, not revenue: within a cell of
 * similar carts, the tier that converts best per unit of margin is also the one that earns most, while a cell
 * mixing small responsive carts with large indifferent ones would be discounted wholesale.
 * No score cut: on the features a device has today (PageValues 0, see the fleet figures in BENCHMARKS.md) the
 * model's score separated no response the coarse features miss, so cutting on it only thinned every cell;
 * a bundle whose model sees more can ship score cuts.
 */
export const DEFAULT_CELL_SPEC: Readonly<CellSpec> = Object.freeze({
  version: 'cells-1',
  seasonMonths: Object.freeze(['Oct', 'Nov', 'Dec']),
  depthCuts: Object.freeze([10, 20]),
  scoreCuts: Object.freeze([]),
  cartCuts: Object.freeze([]),
});

/** The sizes of the dimensions, most significant first: visitor, season, depth, score, order value. */
function radices(spec: CellSpec): number[] {
  return [2, 2, spec.depthCuts.length + 1, spec.scoreCuts.length + 1, spec.cartCuts.length + 1];
}

/** Number of cells of a spec. */
export function cellCount(spec: CellSpec): number {
  return radices(spec).reduce((a, r) => a * r, 1);
}

/** Cells per order-value group (the cells that share everything but the order value are adjacent). */
export function cartGroups(spec: CellSpec): number {
  return spec.cartCuts.length + 1;
}

const bucket = (value: number, cuts: readonly number[]): number => {
  let i = 0;
  while (i < cuts.length && value >= cuts[i]!) i++;
  return i;
};

/**
 * The cell of a shopper at a decision: the record the device computed, the model's P(buy | no discount) and the
 * order value the decision is priced on.
 */
export function cellOf(record: RawFeatureRecord, baseline: number, orderValue: number, spec: CellSpec = DEFAULT_CELL_SPEC): number {
  if (!(baseline >= 0 && baseline <= 1)) throw new RangeError(`'baseline' passed to 'cellOf' must be a probability in [0, 1], got ${String(baseline)}`);
  if (!(orderValue >= 0) || !Number.isFinite(orderValue)) throw new RangeError(`'orderValue' passed to 'cellOf' must be a finite amount ≥ 0, got ${String(orderValue)}`);
  const pages = typeof record.ProductRelated === 'number' && Number.isFinite(record.ProductRelated) ? record.ProductRelated : 0;
  const digits = [
    record.VisitorType === 'New_Visitor' ? 1 : 0,
    spec.seasonMonths.includes(String(record.Month)) ? 1 : 0,
    bucket(pages, spec.depthCuts),
    bucket(baseline, spec.scoreCuts),
    bucket(orderValue, spec.cartCuts),
  ];
  return radices(spec).reduce((index, radix, i) => index * radix + digits[i]!, 0);
}

/** A readable name of a cell, for the dashboard and logs. */
export function cellLabel(cell: number, spec: CellSpec = DEFAULT_CELL_SPEC): string {
  if (!Number.isInteger(cell) || cell < 0 || cell >= cellCount(spec)) throw new RangeError(`'cell' passed to 'cellLabel' must be an integer in [0, ${cellCount(spec)}), got ${String(cell)}`);
  const digits: number[] = [];
  let rest = cell;
  for (const radix of radices(spec).reverse()) {
    digits.unshift(rest % radix);
    rest = Math.floor(rest / radix);
  }
  const [visitor, season, depth, score, cart] = digits as [number, number, number, number, number];
  // Counts read as closed ranges (10–19); scores and amounts as half-open ones.
  const range = (i: number, cuts: readonly number[], count = false) =>
    i === 0 ? `< ${cuts[0]}` : i === cuts.length ? `≥ ${cuts[i - 1]}` : `${cuts[i - 1]}–${count ? cuts[i]! - 1 : `< ${cuts[i]}`}`;
  const parts = [visitor ? 'new visitor' : 'returning visitor', season ? 'in season' : 'off season'];
  if (spec.depthCuts.length > 0) parts.push(`${range(depth, spec.depthCuts, true)} product pages`);
  if (spec.scoreCuts.length > 0) parts.push(`P(buy) ${range(score, spec.scoreCuts)}`);
  if (spec.cartCuts.length > 0) parts.push(`order value ${range(cart, spec.cartCuts)}`);
  return parts.join(', ');
}
