/**
 * Everything stored locally and everything ever sent, as `tailor.audit()` shows it: the worker's side of the
 * shopper's audit view and export. Read-only; with no store (no consent yet, or deleted) only what the worker holds.
 */
import { VERSION } from '../../core/version';
import type { Capabilities } from '../../core/consent';
import type { AuditData, FeatureView } from '../protocol';
import type { Store } from '../store/store';
import type { CartState } from '../../core/cart/cartModel';
import { fetchManifest } from '../static/fetchManifest';

/** meta keys shown in the audit (everything Tailor keeps there; the manifest test holds the two lists equal). */
export const AUDIT_META_KEYS: readonly string[] = ['visitor', 'holdout', 'coupon-book', 'outbound-log', 'privacy-budget', 'policy-config', 'report-delivery', 'features-snapshot', 'idle-cart', 'collector-pause', 'server-clock'];
const OUTBOUND_KEY = 'outbound-log';
const BUDGET_KEY = 'privacy-budget';

/** What the audit reads. */
export interface AuditSources {
  store: Store | null;
  now: number;
  consent: Capabilities;
  /** Where the manifest is fetched from (null before `init`). */
  sdkBase: string | null;
  features(): Promise<FeatureView | null>;
  cart(): Promise<CartState | null>;
}

/** Collects the audit data. */
export async function collectAudit(src: AuditSources): Promise<AuditData> {
  const s = src.store;
  const base: AuditData = {
    generatedAt: src.now,
    version: VERSION,
    consent: { ...src.consent },
    store: { kind: s?.kind ?? 'none', ...(s?.reason ? { reason: s.reason } : {}), bytes: 0 },
    events: [],
    sessions: [],
    features: null,
    decisions: [],
    outbox: [],
    budgets: null,
    outbound: [],
    meta: {},
    manifest: src.sdkBase !== null ? await fetchManifest(src.sdkBase) : null,
    cart: null,
  };
  if (!s) return base;
  const meta: Record<string, unknown> = {};
  for (const key of AUDIT_META_KEYS) {
    const value = await s.getMeta(key);
    if (value !== undefined) meta[key] = value;
  }
  return {
    ...base,
    store: { ...base.store, bytes: await s.estimateBytes() },
    events: await s.allEvents(),
    sessions: await s.sessions(),
    features: src.consent.store ? await src.features().catch(() => null) : null,
    decisions: await s.decisions(),
    outbox: await s.outboxList(),
    budgets: meta[BUDGET_KEY] ?? null,
    outbound: (meta[OUTBOUND_KEY] as unknown[] | undefined) ?? [],
    meta,
    cart: await src.cart().catch(() => null),
  };
}
