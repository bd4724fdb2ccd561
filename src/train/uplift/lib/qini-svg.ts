/**
 * A dependency-free SVG line chart of Qini curves: x = share of customers
 * targeted (by predicted uplift), y = incremental responders, with the random
 * targeting line for reference.
 */

/** One curve to draw (x in rows targeted, y in incremental responders). */
export interface SvgCurve {
  readonly label: string;
  readonly x: ArrayLike<number>;
  readonly y: ArrayLike<number>;
}

const WIDTH = 720;
const HEIGHT = 440;
const PAD = { left: 70, right: 20, top: 40, bottom: 50 };
const COLOURS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#8c564b'];
/** Polyline points per curve; more is invisible at this size and bloats the file. */
const MAX_POINTS = 400;

/**
 * Renders the curves. All curves must share the same total row count (their
 * last x), since the random line joins (0, 0) to the common end point.
 */
export function renderQiniSvg(curves: readonly SvgCurve[], title: string): string {
  const first = curves[0];
  if (first === undefined) throw new Error("'curves' passed to 'renderQiniSvg' must be non-empty");
  const total = first.x[first.x.length - 1] as number;
  const end = first.y[first.y.length - 1] as number;
  let yMin = Math.min(0, end);
  let yMax = Math.max(0, end);
  for (const c of curves) {
    if (c.x.length !== c.y.length || c.x.length < 2) throw new Error(`curve '${c.label}' passed to 'renderQiniSvg' needs ≥ 2 points and equal x/y lengths`);
    for (let i = 0; i < c.y.length; i++) {
      yMin = Math.min(yMin, c.y[i] as number);
      yMax = Math.max(yMax, c.y[i] as number);
    }
  }
  if (yMax === yMin) yMax = yMin + 1;
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const sx = (v: number): number => PAD.left + (v / total) * plotW;
  const sy = (v: number): number => PAD.top + (1 - (v - yMin) / (yMax - yMin)) * plotH;
  const pt = (x: number, y: number): string => `${sx(x).toFixed(1)},${sy(y).toFixed(1)}`;

  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="sans-serif" font-size="12">`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="#fff"/>`,
    `<text x="${WIDTH / 2}" y="22" text-anchor="middle" font-size="14">${escapeXml(title)}</text>`,
    `<line x1="${PAD.left}" y1="${sy(0).toFixed(1)}" x2="${WIDTH - PAD.right}" y2="${sy(0).toFixed(1)}" stroke="#ccc"/>`,
    `<rect x="${PAD.left}" y="${PAD.top}" width="${plotW}" height="${plotH}" fill="none" stroke="#333"/>`,
  ];
  for (let k = 0; k <= 5; k++) {
    const v = (k / 5) * total;
    parts.push(`<text x="${sx(v).toFixed(1)}" y="${HEIGHT - PAD.bottom + 18}" text-anchor="middle">${k * 20}%</text>`);
  }
  const step = niceStep((yMax - yMin) / 5);
  for (let yv = Math.ceil(yMin / step) * step; yv <= yMax; yv += step) {
    parts.push(`<text x="${PAD.left - 8}" y="${(sy(yv) + 4).toFixed(1)}" text-anchor="end">${Number(yv.toPrecision(6))}</text>`);
  }
  parts.push(`<text x="${PAD.left + plotW / 2}" y="${HEIGHT - 12}" text-anchor="middle">share of customers targeted, by predicted uplift</text>`);
  parts.push(`<text transform="translate(16 ${PAD.top + plotH / 2}) rotate(-90)" text-anchor="middle">incremental responders (Qini)</text>`);
  parts.push(`<polyline points="${pt(0, 0)} ${pt(total, end)}" fill="none" stroke="#888" stroke-dasharray="6 4"/>`);
  curves.forEach((c, k) => {
    const step = Math.max(1, Math.ceil(c.x.length / MAX_POINTS));
    const points: string[] = [];
    for (let i = 0; i < c.x.length; i += step) points.push(pt(c.x[i] as number, c.y[i] as number));
    if ((c.x.length - 1) % step !== 0) points.push(pt(c.x[c.x.length - 1] as number, c.y[c.y.length - 1] as number));
    parts.push(`<polyline points="${points.join(' ')}" fill="none" stroke="${COLOURS[k % COLOURS.length]}" stroke-width="1.5"/>`);
  });
  const legend = [...curves.map((c, k) => [c.label, COLOURS[k % COLOURS.length] as string, '']), ['random targeting', '#888', ' stroke-dasharray="6 4"']];
  legend.forEach(([label, colour, dash], k) => {
    const y = PAD.top + 16 + k * 18;
    parts.push(`<line x1="${PAD.left + 12}" y1="${y - 4}" x2="${PAD.left + 40}" y2="${y - 4}" stroke="${colour}" stroke-width="2"${dash}/>`);
    parts.push(`<text x="${PAD.left + 46}" y="${y}">${escapeXml(label as string)}</text>`);
  });
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}

/** The 1, 2 or 5 × 10^k step closest above `raw`, so axis labels are round numbers. */
function niceStep(raw: number): number {
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const f = raw / magnitude;
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * magnitude;
}

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
