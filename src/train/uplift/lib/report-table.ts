/** Plain-text tables of the experiment's results for the terminal. */
import type { ExperimentResult } from '../experiment';
import { ARMS } from './hillstrom';
import { formatSummary } from './summary';
import { THREE_ARM_POLICIES } from './three-arm';

/** Reference: scikit-uplift's class-transformation model on the same two-arm setup. */
export const SKLIFT_REFERENCE_UPLIFT_AT_30 = 0.0661;

/** Renders both result tables (mean ± sd over seeds). */
export function formatReport(result: ExperimentResult, seeds: number): string {
  const lines: string[] = [];
  const { twoArm, threeArm } = result;
  lines.push(`Hillstrom, Womens E-Mail vs No E-Mail, target visit: ${twoArm.rows} rows, ${twoArm.testRows} in each test half, ${seeds} seed(s)`);
  lines.push(table(
    ['model', 'uplift@30%', 'Qini coefficient', 'AUUC'],
    Object.entries(twoArm.models).map(([label, m]) => [label, formatSummary(m.upliftAt30), formatSummary(m.qini), formatSummary(m.auuc)]),
  ));
  lines.push(`reference: scikit-uplift class transformation, uplift@30% = ${SKLIFT_REFERENCE_UPLIFT_AT_30}`);
  lines.push('');
  lines.push(`Three arms (Mens / Womens / No E-Mail), target visit: ${threeArm.rows} rows, ${threeArm.testRows} in each test half; value = visit rate per customer`);
  lines.push(table(
    ['policy', 'IPS', 'SNIPS', 'DR', 'mean IPS s.e.'],
    THREE_ARM_POLICIES.map((p) => {
      const v = threeArm.policies[p];
      return [p, formatSummary(v.ips), formatSummary(v.snips), formatSummary(v.dr), v.meanIpsSe.toFixed(4)];
    }),
  ));
  const d = threeArm.learnedMinusAllMens;
  lines.push(`learned − all-mens (paired DR): ${formatSummary(d.dr)} over seeds; mean within-seed s.e. ${d.meanSe.toFixed(4)}`);
  lines.push(`learned policy sends: ${ARMS.map((a) => `${a} ${formatSummary(threeArm.assignmentShare[a], 3)}`).join(', ')}`);
  return `${lines.join('\n')}\n`;
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const fmt = (r: readonly string[]): string => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c] as number) : cell.padStart(widths[c] as number))).join('  ');
  return [fmt(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(fmt)].join('\n');
}
