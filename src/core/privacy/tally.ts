/**
 * Aggregate counts: the only form in which reports are kept. A report adds one
 * to one cell per randomised field; the cells are keyed by what the report
 * sends in the clear (day, policy version, arm, schema, ε), so no two fields of
 * one report can ever be joined again once stored.
 */
import type { ChannelTally } from './estimate';
import { fieldEpsilon } from './randomizedResponse';
import {
  RANDOMIZED_FIELDS,
  RANDOMIZED_FIELD_NAMES,
  REPORT_SCHEMA,
  SATISFACTION,
  type Arm,
  type RandomizedField,
  type Report,
} from './report';

/** One aggregate cell: how many reports with these clear fields showed `value` in `field`. */
export interface CountRow {
  day: number;
  policyVersion: string;
  arm: Arm;
  schema: number;
  /** The report's total ε (not the field's). */
  epsilon: number;
  field: RandomizedField;
  value: number;
  count: number;
}

/** The noised counts of every randomised field for one group of reports (an arm, a day, …). */
export interface GroupTally {
  /** Reports in the group. */
  n: number;
  fields: Record<RandomizedField, ChannelTally[]>;
}

/** The cells one report adds to (count 1 each). */
export function reportCells(report: Report): CountRow[] {
  return RANDOMIZED_FIELD_NAMES.map((field) => ({
    day: report.day,
    policyVersion: report.policyVersion,
    arm: report.arm,
    schema: report.schema,
    epsilon: report.epsilon,
    field,
    value: field === 'satisfaction' ? SATISFACTION.indexOf(report.satisfaction) : (report[field] as number),
    count: 1,
  }));
}

/** The cells of many reports, identical cells merged (what a store adds to its counters). */
export function countCells(reports: Iterable<Report>): CountRow[] {
  const cells = new Map<string, CountRow>();
  for (const report of reports) {
    const clear = `${report.day}|${report.policyVersion}|${report.arm}|${report.schema}|${report.epsilon}|`;
    for (const field of RANDOMIZED_FIELD_NAMES) {
      const value = field === 'satisfaction' ? SATISFACTION.indexOf(report.satisfaction) : (report[field] as number);
      const key = clear + field + value;
      const seen = cells.get(key);
      if (seen) seen.count += 1;
      else cells.set(key, { day: report.day, policyVersion: report.policyVersion, arm: report.arm, schema: report.schema, epsilon: report.epsilon, field, value, count: 1 });
    }
  }
  return [...cells.values()];
}

/** An empty tally (n = 0). */
export function emptyTally(): GroupTally {
  const fields = {} as Record<RandomizedField, ChannelTally[]>;
  for (const field of RANDOMIZED_FIELD_NAMES) fields[field] = [];
  return { n: 0, fields };
}

/**
 * Groups count rows by `keyOf` (rows for which it returns null are skipped)
 * and, inside a group, by channel (schema and ε), ready for the estimators.
 */
export function tallyRows(rows: Iterable<CountRow>, keyOf: (row: CountRow) => string | null): Map<string, GroupTally> {
  const groups = new Map<string, { tally: GroupTally; channels: Map<string, ChannelTally> }>();
  for (const row of rows) {
    const key = keyOf(row);
    if (key === null) continue;
    if (row.schema !== REPORT_SCHEMA) throw new RangeError(`'rows' passed to 'tallyRows' hold schema ${row.schema}; this build reads schema ${REPORT_SCHEMA}`);
    const k = RANDOMIZED_FIELDS[row.field];
    if (k === undefined || !Number.isInteger(row.value) || row.value < 0 || row.value >= k) {
      throw new RangeError(`'rows' passed to 'tallyRows' hold an impossible cell ${row.field}=${row.value}`);
    }
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { tally: emptyTally(), channels: new Map() }));
    const channelKey = `${row.field}|${row.schema}|${row.epsilon}`;
    let channel = group.channels.get(channelKey);
    if (!channel) {
      channel = { epsilon: fieldEpsilon(row.epsilon, row.field), counts: new Array<number>(k).fill(0) };
      group.channels.set(channelKey, channel);
      group.tally.fields[row.field].push(channel);
    }
    channel.counts[row.value]! += row.count;
    // Every report has exactly one value per field, so any one field counts the reports.
    if (row.field === 'purchased') group.tally.n += row.count;
  }
  return new Map([...groups].map(([key, g]) => [key, g.tally]));
}

/** Pools several groups into one (debiased totals add across channels, so pooling is exact). */
export function poolTallies(tallies: Iterable<GroupTally>): GroupTally {
  const pooled = emptyTally();
  for (const t of tallies) {
    pooled.n += t.n;
    for (const field of RANDOMIZED_FIELD_NAMES) pooled.fields[field].push(...t.fields[field]);
  }
  return pooled;
}
