/**
 * A server-rendered SVG dot-and-whisker chart of rates with 95 % intervals,
 * one row per arm: no script, so it shows even where the JS is blocked.
 * Screen readers get the title and description; the table that follows the
 * chart carries the same numbers.
 */
import type { Interval } from '../../core/privacy';
import { html, type SafeHtml } from './lib/html';

/** One row: a label and its interval, or null when the cell is suppressed. */
export interface CiRow {
  label: string;
  interval: Interval | null;
}

/** Chart options. */
export interface CiChartOptions {
  id: string;
  title: string;
  description: string;
  rows: CiRow[];
  /** A reference value drawn as a vertical line (e.g. the holdout's rate). */
  reference?: { value: number; label: string };
  /** Text shown in a suppressed row. */
  suppressedText: string;
}

const WIDTH = 720;
const LEFT = 230;
const RIGHT = 20;
const ROW = 28;
const TOP = 24;

function niceStep(max: number): number {
  const raw = max / 4;
  const mag = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
}

/** Renders the chart. */
export function ciChart(o: CiChartOptions): SafeHtml {
  const highs = o.rows.flatMap((r) => (r.interval ? [r.interval.ci[1]] : []));
  if (o.reference) highs.push(o.reference.value);
  const max = Math.max(0.01, ...highs);
  const step = niceStep(max);
  const top = Math.ceil(max / step) * step;
  const x = (v: number) => (LEFT + ((WIDTH - LEFT - RIGHT) * Math.max(0, v)) / top).toFixed(1);
  const height = TOP + o.rows.length * ROW + 24;
  const ticks: number[] = [];
  for (let t = 0; t <= top + 1e-12; t += step) ticks.push(t);
  const bottom = TOP + o.rows.length * ROW;
  return html`<svg class="ci-chart" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-labelledby="${o.id}-title ${o.id}-desc" xmlns="http://www.w3.org/2000/svg">
<title id="${o.id}-title">${o.title}</title><desc id="${o.id}-desc">${o.description}</desc>
${ticks.map((t) => html`<line class="grid" x1="${x(t)}" x2="${x(t)}" y1="${TOP - 8}" y2="${bottom}"/><text class="tick" x="${x(t)}" y="${bottom + 16}" text-anchor="middle">${`${+(t * 100).toFixed(1)} %`}</text>`)}
${o.reference ? html`<line class="ref" x1="${x(o.reference.value)}" x2="${x(o.reference.value)}" y1="${TOP - 12}" y2="${bottom}"/><text class="ref-label" x="${x(o.reference.value)}" y="${TOP - 14}" text-anchor="middle">${o.reference.label}</text>` : ''}
${o.rows.map((r, i) => {
  const y = TOP + i * ROW + ROW / 2;
  const label = html`<text class="label" x="${LEFT - 10}" y="${y + 4}" text-anchor="end">${r.label}</text>`;
  if (!r.interval) return html`${label}<text class="suppressed" x="${LEFT}" y="${y + 4}">${o.suppressedText}</text>`;
  const { estimate, ci } = r.interval;
  return html`${label}<line class="whisker" x1="${x(ci[0])}" x2="${x(ci[1])}" y1="${y}" y2="${y}"/><circle class="dot" cx="${x(estimate)}" cy="${y}" r="5"/>`;
})}
</svg>`;
}
