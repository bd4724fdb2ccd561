/**
 * The fleet's learning curve as a small, deterministic SVG: each day's share of the oracle's incremental profit
 * (100 × (x − none) / (oracle − none)) for the learning policy, the static shipped policy (device and full
 * features) and blanket 10 %. Unlike the unit-square chart of the model plots, the y axis spans what the data
 * needs, negatives included: a policy that loses money must show below zero, not be clipped to it.
 */
import type { FleetDay } from './runFleet';
import { pctOfOracle } from './fleetSummary';

const W = 640;
const H = 360;
const M = { left: 56, right: 168, top: 36, bottom: 44 };

const SERIES = [
  { key: 'policy', name: 'learning policy', color: '#1f77b4', dashed: false },
  { key: 'static', name: 'static (device features)', color: '#ff7f0e', dashed: true },
  { key: 'staticFull', name: 'static (full features)', color: '#2ca02c', dashed: true },
  { key: 'blanket10', name: 'blanket 10 %', color: '#7f7f7f', dashed: true },
] as const;

const escapeXml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Renders the curve; a world where no discount pays (no headroom) is drawn as profit vs no discount instead. */
export function learningCurveSvg(days: readonly FleetDay[], title: string): string {
  const headroom = days.every((d) => pctOfOracle(d.oracle, d.none, d.oracle) !== null);
  const y = (d: FleetDay, key: (typeof SERIES)[number]['key']): number =>
    headroom ? pctOfOracle(d[key], d.none, d.oracle)! : (100 * (d[key] - d.none)) / d.none;
  const values = days.flatMap((d) => SERIES.map((s) => y(d, s.key)));
  const lo = Math.min(0, Math.floor(Math.min(...values) / 10) * 10);
  const hi = Math.max(headroom ? 100 : 0, Math.ceil(Math.max(...values) / 10) * 10);
  const pw = W - M.left - M.right;
  const ph = H - M.top - M.bottom;
  const sx = (day: number) => (M.left + (days.length > 1 ? (day - 1) / (days.length - 1) : 0.5) * pw).toFixed(1);
  const sy = (v: number) => (M.top + (1 - (v - lo) / (hi - lo || 1)) * ph).toFixed(1);
  const ticks: string[] = [];
  const step = (hi - lo) / 5;
  for (let i = 0; i <= 5; i++) {
    const v = lo + i * step;
    ticks.push(`<line x1="${M.left}" x2="${W - M.right}" y1="${sy(v)}" y2="${sy(v)}" stroke="${v === 0 ? '#444' : '#ddd'}"/>`);
    ticks.push(`<text x="${M.left - 6}" y="${sy(v)}" text-anchor="end" dominant-baseline="middle">${v.toFixed(0)}</text>`);
  }
  for (const d of days) if (d.day === 1 || d.day % 7 === 0) ticks.push(`<text x="${sx(d.day)}" y="${H - M.bottom + 16}" text-anchor="middle">${d.day}</text>`);
  const lines = SERIES.map((s, i) => {
    const points = days.map((d) => `${sx(d.day)},${sy(y(d, s.key))}`).join(' ');
    const ly = M.top + 12 + i * 18;
    return [
      `<polyline points="${points}" fill="none" stroke="${s.color}" stroke-width="2"${s.dashed ? ' stroke-dasharray="5 4"' : ''}/>`,
      `<line x1="${W - M.right + 12}" x2="${W - M.right + 36}" y1="${ly}" y2="${ly}" stroke="${s.color}" stroke-width="2"${s.dashed ? ' stroke-dasharray="5 4"' : ''}/>`,
      `<text x="${W - M.right + 42}" y="${ly}" dominant-baseline="middle">${escapeXml(s.name)}</text>`,
    ].join('');
  });
  const yLabel = headroom ? '% of the oracle’s incremental profit' : 'profit vs no discount, %';
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="11">`,
    `<rect width="${W}" height="${H}" fill="#fff"/>`,
    `<text x="${M.left}" y="20" font-size="13" font-weight="bold">${escapeXml(title)}</text>`,
    ...ticks,
    ...lines,
    `<text x="${M.left + pw / 2}" y="${H - 8}" text-anchor="middle">day</text>`,
    `<text transform="translate(14 ${M.top + ph / 2}) rotate(-90)" text-anchor="middle">${escapeXml(yLabel)}</text>`,
    '</svg>',
    '',
  ].join('\n');
}
