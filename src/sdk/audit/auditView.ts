/**
 * What the audit panel shows, computed from `tailor.audit()`'s answer without touching the DOM (so it is unit
 * tested in Node). The records arrive as `unknown` (they are whatever the worker stored), so every field is
 * read defensively: a record of an unexpected shape is shown with blanks, never crashes the panel.
 */
import type { AuditData } from '../../worker/protocol';

/** Events listed in the panel's table (newest first). */
export const RECENT_EVENTS = 50;
const DAY_MS = 86_400_000;

/** One row of the events table. */
export interface EventRow {
  ts: number | null;
  name: string;
  pageType: string | null;
}

/** The latest decision. */
export interface DecisionView {
  ts: number | null;
  tier: number;
  kind: string;
  reason: string;
  shown: boolean;
}

/** One request of the outbound log. */
export interface OutboundRow {
  ts: number | null;
  method: string;
  path: string;
  status: number | null;
  error: string | null;
  body: string | null;
}

/** The privacy budget, read from the stored ledger; `raw` when its shape is not one the panel knows. */
export type BudgetView =
  | { windowDays: number; spent: number; limit: number; reportsToday: number; maxPerDay: number; perReport: number | null }
  | { raw: string };

/** One feature: its raw value and, per model column it feeds, the standardised model input. */
export interface FeatureRow {
  name: string;
  /** Raw value as text; null when missing (the model then uses its training default). */
  value: string | null;
  /** `column = value` pairs (one per one-hot level that is set, or the feature's own column); empty without a model. */
  modelInput: string[];
}

/** The current feature vector, as the worker computed it. */
export interface FeaturesView {
  rows: FeatureRow[];
  bot: boolean;
  botReasons: string[];
}

/** The cart as the worker knows it, and what this page's captures skipped. */
export interface CartView {
  lines: { name: string; quantity: number; price: number | null }[];
  value: number;
  currency: string | null;
  ignoredItems: number;
  failedCartReads: number;
}

/** Everything the panel renders. */
export interface AuditView {
  cart: CartView;
  consent: { store: boolean; personalise: boolean; sync: boolean; reasons: string[] };
  storeKind: 'indexeddb' | 'memory' | 'none';
  /** Why the store is not IndexedDB, as the worker says it. */
  storeReason: string | null;
  /** With events in memory only: what the page carries to the next page (area null: nothing can). */
  carried: { events: number; max: number; area: 'localStorage' | 'sessionStorage' | null } | null;
  bytes: number;
  counts: { events: number; sessions: number; decisions: number; outbox: number; outbound: number };
  recentEvents: EventRow[];
  lastDecision: DecisionView | null;
  features: FeaturesView | null;
  outbound: OutboundRow[];
  /** null: no report has ever been charged to the budget. */
  budget: BudgetView | null;
}

type Rec = Record<string, unknown>;
const rec = (v: unknown): Rec => (v && typeof v === 'object' ? (v as Rec) : {});
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const byTsDesc = (a: { ts: number | null }, b: { ts: number | null }) => (b.ts ?? 0) - (a.ts ?? 0);

/** Reads the budget ledger the sync module stores (`{policy, epsilon, ledger: {days}}`) at time `now`. */
export function budgetView(budgets: unknown, now: number): BudgetView | null {
  if (budgets === null || budgets === undefined) return null;
  const b = rec(budgets);
  const policy = rec(b.policy);
  const days = list(rec(b.ledger).days).map(rec);
  const limit = num(policy.weeklyEpsilon);
  const maxPerDay = num(policy.maxReportsPerDay);
  if (limit === null || maxPerDay === null || days.some((d) => num(d.day) === null)) return { raw: JSON.stringify(budgets, null, 2) };
  if (days.length === 0) return null;
  const windowDays = 7;
  const today = Math.floor(now / DAY_MS);
  const inWindow = days.filter((d) => (d.day as number) > today - windowDays && (d.day as number) <= today);
  return {
    windowDays,
    spent: inWindow.reduce((a, d) => a + (num(d.epsilon) ?? 0), 0),
    limit,
    reportsToday: num(inWindow.find((d) => d.day === today)?.reports) ?? 0,
    maxPerDay,
    perReport: num(b.epsilon),
  };
}

const round = (x: number) => String(Math.round(x * 1000) / 1000);

/**
 * Reads `audit().features`: every raw feature in the worker's order, with the model columns it feeds. A one-hot
 * feature feeds one column per level (`Month=Nov`); only the level that is set is shown, the zeros say nothing.
 */
export function featuresView(features: unknown): FeaturesView | null {
  const f = rec(features);
  const raw = rec(f.raw);
  if (Object.keys(raw).length === 0) return null;
  const std = rec(f.standardized);
  const names = list(std.names);
  const values = list(std.values);
  const rows = Object.entries(raw).map(([name, v]): FeatureRow => {
    const modelInput: string[] = [];
    names.forEach((column, i) => {
      const x = num(values[i]);
      if (typeof column !== 'string' || x === null) return;
      if (column === name || column === `${name}=${String(v)}`) modelInput.push(`${column} = ${round(x)}`);
    });
    const value = typeof v === 'number' ? round(v) : typeof v === 'string' ? v : typeof v === 'boolean' ? String(v) : null;
    return { name, value, modelInput };
  });
  return { rows, bot: f.bot === true, botReasons: list(f.botReasons).filter((r): r is string => typeof r === 'string') };
}

/** Reads `audit().cart` (core/cart CartState) and the page's capture counters; any other shape reads as empty. */
export function cartView(cart: unknown, counters: unknown): CartView {
  const c = rec(cart);
  const n = rec(counters);
  return {
    lines: list(c.lines).map(rec).map((l) => ({ name: str(l.name) ?? str(l.id) ?? '?', quantity: num(l.quantity) ?? 0, price: num(l.price) })),
    value: num(c.value) ?? 0,
    currency: str(c.currency),
    ignoredItems: num(n.ignoredItems) ?? 0,
    failedCartReads: num(n.failedCartReads) ?? 0,
  };
}

function carriedView(raw: unknown, kind: unknown): AuditView['carried'] {
  const c = rec(raw);
  if (kind !== 'memory' && c.heldInMemory !== true) return null;
  const area = c.area === 'localStorage' || c.area === 'sessionStorage' ? c.area : null;
  return { events: num(c.events) ?? 0, max: num(c.max) ?? 0, area };
}

/** Builds the view of `data`. */
export function auditView(data: AuditData): AuditView {
  const consent = rec(data.consent);
  const events = list(data.events).map(rec);
  const decisions = list(data.decisions).map(rec);
  const outbound = list(data.outbound).map(rec);
  const kind = rec(data.store).kind;
  const recentEvents = events
    .map((e): EventRow => ({ ts: num(e.ts), name: str(e.name) ?? '?', pageType: str(e.page_type) ?? str(rec(e.props).page_type) }))
    .sort(byTsDesc)
    .slice(0, RECENT_EVENTS);
  const last = decisions.map((d) => ({ d, ts: num(d.ts) })).sort(byTsDesc)[0];
  return {
    cart: cartView(data.cart, data.pageCounters),
    consent: {
      store: consent.store === true,
      personalise: consent.personalise === true,
      sync: consent.sync === true,
      reasons: list(consent.reasons).filter((r): r is string => typeof r === 'string'),
    },
    storeKind: kind === 'indexeddb' || kind === 'memory' ? kind : 'none',
    storeReason: str(rec(data.store).reason) ?? null,
    carried: carriedView(data.carried, kind),
    bytes: num(rec(data.store).bytes) ?? 0,
    counts: { events: events.length, sessions: list(data.sessions).length, decisions: decisions.length, outbox: list(data.outbox).length, outbound: outbound.length },
    recentEvents,
    lastDecision: last
      ? { ts: last.ts, tier: num(last.d.tier) ?? 0, kind: str(last.d.kind) ?? '', reason: str(last.d.reason) ?? '', shown: last.d.shown === true }
      : null,
    features: featuresView(data.features),
    outbound: outbound
      .map((o): OutboundRow => ({ ts: num(o.ts), method: str(o.method) ?? '', path: str(o.path) ?? '', status: num(o.status), error: str(o.error), body: str(o.body) }))
      .sort(byTsDesc),
    budget: budgetView(data.budgets, data.generatedAt),
  };
}
