/**
 * A minimal SVG line chart on the unit square, enough for ROC, PR and reliability plots without
 * a plotting dependency. Output is deterministic text, so committed plots diff cleanly.
 */

/** One line (and optionally markers) on the chart. */
export interface ChartSeries {
  readonly name: string;
  readonly points: ReadonlyArray<readonly [number, number]>;
  readonly color: string;
  readonly dashed?: boolean;
  readonly markers?: boolean;
}

/** Chart content and labels; both axes span [0, 1]. */
export interface ChartSpec {
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly series: readonly ChartSeries[];
  /** Where the legend goes; pick the corner the curves leave empty. */
  readonly legend: 'bottom-right' | 'top-right' | 'bottom-left';
}

const W = 480;
const H = 420;
const M = { left: 56, right: 16, top: 36, bottom: 48 };
const PW = W - M.left - M.right;
const PH = H - M.top - M.bottom;
/** Curves longer than this are thinned so plots stay a few kB. */
const MAX_POINTS = 400;

const escapeXml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const sx = (x: number): string => (M.left + x * PW).toFixed(1);
const sy = (y: number): string => (M.top + (1 - y) * PH).toFixed(1);

function thin(points: ChartSeries['points']): ChartSeries['points'] {
  if (points.length <= MAX_POINTS) return points;
  const step = (points.length - 1) / (MAX_POINTS - 1);
  return Array.from({ length: MAX_POINTS }, (_, i) => points[Math.round(i * step)]!);
}

function axes(spec: ChartSpec): string[] {
  const out: string[] = [];
  for (let t = 0; t <= 5; t++) {
    const v = t / 5;
    out.push(`<line x1="${sx(v)}" y1="${sy(0)}" x2="${sx(v)}" y2="${sy(1)}" stroke="#e5e5e5"/>`);
    out.push(`<line x1="${sx(0)}" y1="${sy(v)}" x2="${sx(1)}" y2="${sy(v)}" stroke="#e5e5e5"/>`);
    out.push(`<text x="${sx(v)}" y="${(M.top + PH + 16).toFixed(1)}" text-anchor="middle">${v.toFixed(1)}</text>`);
    out.push(`<text x="${(M.left - 6).toFixed(1)}" y="${(Number(sy(v)) + 4).toFixed(1)}" text-anchor="end">${v.toFixed(1)}</text>`);
  }
  out.push(`<rect x="${M.left}" y="${M.top}" width="${PW}" height="${PH}" fill="none" stroke="#333"/>`);
  out.push(`<text x="${(M.left + PW / 2).toFixed(1)}" y="${H - 10}" text-anchor="middle">${escapeXml(spec.xLabel)}</text>`);
  out.push(`<text transform="translate(14 ${(M.top + PH / 2).toFixed(1)}) rotate(-90)" text-anchor="middle">${escapeXml(spec.yLabel)}</text>`);
  out.push(`<text x="${(W / 2).toFixed(1)}" y="22" text-anchor="middle" font-size="15" font-weight="bold">${escapeXml(spec.title)}</text>`);
  return out;
}

function legend(spec: ChartSpec): string[] {
  const rowH = 18;
  // 7 px per character approximates 12 px system-ui; 36 px holds the line sample and padding.
  const width = 36 + 7 * Math.max(...spec.series.map((s) => s.name.length));
  const x = spec.legend === 'bottom-left' ? M.left + 10 : M.left + PW - width - 10;
  const y = spec.legend === 'top-right' ? M.top + 10 : M.top + PH - rowH * spec.series.length - 10;
  const out = [`<rect x="${x}" y="${y}" width="${width}" height="${rowH * spec.series.length + 6}" fill="#fff" fill-opacity="0.9" stroke="#ccc"/>`];
  spec.series.forEach((s, i) => {
    const ly = y + 12 + i * rowH;
    out.push(`<line x1="${x + 6}" y1="${ly}" x2="${x + 24}" y2="${ly}" stroke="${s.color}" stroke-width="2"${s.dashed ? ' stroke-dasharray="5 4"' : ''}/>`);
    out.push(`<text x="${x + 30}" y="${ly + 4}">${escapeXml(s.name)}</text>`);
  });
  return out;
}

/** Renders `spec` as a standalone SVG document. */
export function renderChart(spec: ChartSpec): string {
  const body = axes(spec);
  for (const s of spec.series) {
    const points = thin(s.points).filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y));
    const path = points.map(([x, y]) => `${sx(x)},${sy(y)}`).join(' ');
    body.push(`<polyline fill="none" stroke="${s.color}" stroke-width="2"${s.dashed ? ' stroke-dasharray="5 4"' : ''} points="${path}"/>`);
    if (s.markers) for (const [x, y] of points) body.push(`<circle cx="${sx(x)}" cy="${sy(y)}" r="3.5" fill="${s.color}"/>`);
  }
  body.push(...legend(spec));
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="system-ui, sans-serif" font-size="12">`,
    `<title>${escapeXml(spec.title)}</title>`,
    `<rect width="${W}" height="${H}" fill="#fff"/>`,
    ...body,
    '</svg>',
    '',
  ].join('\n');
}
