/**
 * From a trigger on the page to an offer (or none): features → model scores
 * → policy → coupon code. Every decision, offer or not, is stored locally
 * with its inputs, scores, propensity and reason, for the audit view and for
 * off-policy evaluation.
 */
import { decide, pricedOrderValue, type Decision, type PolicyConfig, type TierScore } from '../../core/policy';
import type { RawFeatureRecord } from '../../core/features/definition';
import type { Store } from '../store/store';
import type { DecisionRecord } from '../store/schema';
import type { OfferRequest, OfferView } from '../protocol';
import { holdoutOf, shopperState } from './shopperState';
import { codeFor, couponBook } from '../sync/couponBook';
import { cartIsEmpty, cartKey, orderValueOf } from '../../core/cart/cartModel';
import { storedCart } from './storedCart';
import { allocationOf, cellOf, type ServedCells } from '../../core/learning';

/**
 * A trigger answered this recently (in any tab) is not decided again: one exit intent seen by three tabs at once
 * is one decision, even when that decision was "no offer" (a live offer is re-shown by {@link activeOffer}).
 */
export const SAME_TRIGGER_MS = 3000;

/** `meta` key of the cart state the last `idle_cart` trigger was answered for (it fires once per cart state). */
export const IDLE_CART_KEY = 'idle-cart';

/** Current features of the shopper, from the feature pipeline. */
export interface FeatureSnapshot {
  raw: RawFeatureRecord;
  /** Standardised model input, when a model bundle is loaded. */
  vector?: number[];
  bot: boolean;
}

/** What {@link decideOffer} needs; injected so tests can drive it. */
export interface OfferDeps {
  store: Store;
  config: PolicyConfig;
  /** The central channel's per-cell allocation (null: the model-led policy of the local channel). */
  cells?: ServedCells | null;
  site: string;
  endpoint: string | null;
  features(): Promise<FeatureSnapshot>;
  /** P(buy | tier) for tier 0 and every configured tier; null when no model is usable. */
  score(raw: RawFeatureRecord, tiers: number[]): Promise<TierScore[] | null>;
  rng(): number;
  now(): number;
  fetch?: typeof fetch;
}

/** A stored decision with the fields this module reads back. */
type StoredDecision = DecisionRecord & Decision & { shown: boolean; code?: string; expiresAt?: number; dismissed?: boolean; cartValue?: number; cell?: DecisionCell };

/** The context cell a decision was drawn in, and the allocation it was drawn from (its propensity is the decision's). */
export interface DecisionCell {
  spec: string;
  index: number;
  allocation: Readonly<Record<string, number>>;
}

/**
 * The shopper's cell under the served spec. The model's no-discount score only matters when the spec cuts on it;
 * a holdout device is scored then too, so its cell is the one it would have had.
 */
async function cellOfDecision(deps: OfferDeps, cells: ServedCells, raw: RawFeatureRecord, scores: TierScore[] | null, orderValue: number): Promise<DecisionCell | null> {
  let baseline = scores?.find((s) => s.tier === 0)?.p;
  if (baseline === undefined && cells.spec.scoreCuts.length > 0) baseline = (await deps.score(raw, [0]))?.[0]?.p;
  if (baseline === undefined && cells.spec.scoreCuts.length > 0) return null;
  const index = cellOf(raw, baseline ?? 0, orderValue, cells.spec);
  return { spec: cells.spec.version, index, allocation: allocationOf(cells, index) };
}

/** The offer currently on screen somewhere (any tab), if one is live. */
async function activeOffer(deps: OfferDeps): Promise<StoredDecision | null> {
  const now = deps.now();
  const recent = (await deps.store.decisions({ since: now - deps.config.offerTtlMs })) as StoredDecision[];
  for (let i = recent.length - 1; i >= 0; i--) {
    const d = recent[i]!;
    if (d.shown && !d.dismissed && (d.expiresAt ?? 0) > now) return d;
  }
  return null;
}

/** The decision another tab (or this one) just made for the same trigger, if any. */
async function recentAnswer(deps: OfferDeps, trigger: string): Promise<StoredDecision | null> {
  const recent = (await deps.store.decisions({ since: deps.now() - SAME_TRIGGER_MS })) as StoredDecision[];
  return recent.find((d) => d.trigger === trigger) ?? null;
}

function view(d: StoredDecision): OfferView {
  return { decisionId: d.id, tier: d.tier, code: d.code!, expiresAt: d.expiresAt!, reason: d.reason, policyVersion: d.policyVersion };
}

/**
 * Decides for one trigger; resolves with the offer to show, or null. `decision` is null (nothing stored) when the
 * trigger does not apply: `idle_cart` with an empty cart, or again for a cart state it was already answered for.
 */
export async function decideOffer(deps: OfferDeps, request: OfferRequest, id: string): Promise<{ offer: OfferView | null; decision: StoredDecision | null }> {
  const live = await activeOffer(deps);
  if (live) return { offer: view(live), decision: live };
  const answered = await recentAnswer(deps, request.trigger);
  if (answered) return { offer: null, decision: answered };

  // The cart every tab of this shop knows, from the stored events (core/cart).
  const cart = await storedCart(deps.store);
  if (request.trigger === 'idle_cart') {
    const key = cartKey(cart);
    if (cartIsEmpty(cart) || (await deps.store.getMeta<string>(IDLE_CART_KEY)) === key) return { offer: null, decision: null };
    await deps.store.setMeta(IDLE_CART_KEY, key);
  }
  const orderValue = orderValueOf(cart, request.pageType, { ...(request.productId ? { id: request.productId } : {}), price: request.productPrice });

  const now = deps.now();
  const holdout = await holdoutOf(deps.store, deps.config.holdoutRate, deps.rng, now);
  const features = await deps.features();
  const state = await shopperState(deps.store, { holdout, bot: features.bot, now, cooldownMs: deps.config.cooldownMs });
  const scores = holdout ? null : await deps.score(features.raw, [0, ...deps.config.tiers]);
  // The cell is priced on the order value decide will use (its allocation is an input of decide).
  const cell = deps.cells ? await cellOfDecision(deps, deps.cells, features.raw, scores, pricedOrderValue(orderValue, deps.config)) : null;
  const ctx = { pageType: request.pageType, orderValue, ...(request.category ? { category: request.category } : {}), now, ...(cell ? { allocation: cell.allocation } : {}) };
  const decision = decide(scores, ctx, state, deps.config, deps.rng);

  let code: { code: string; expiresAt: number } | null = null;
  let reason = decision.reason;
  if (decision.tier > 0) {
    const book = deps.endpoint ? await couponBook({ endpoint: deps.endpoint, store: deps.store, site: deps.site, tiers: deps.config.tiers, now: deps.now, ...(deps.fetch ? { fetch: deps.fetch } : {}) }) : null;
    code = codeFor(book, decision.tier, now);
    if (!code) reason = `${reason} Not shown: no coupon code is available offline.`;
  }
  const chosen = decision.candidates.find((c) => c.tier === decision.tier);
  const record: StoredDecision = {
    ...decision,
    id,
    ts: now,
    reason,
    trigger: request.trigger,
    pageType: request.pageType,
    features: features.raw,
    ...(features.vector ? { vector: features.vector } : {}),
    scores,
    cost: chosen?.cost ?? 0,
    cartValue: cart.value,
    ...(cell ? { cell } : {}),
    shown: code !== null,
    ...(code ? { code: code.code, expiresAt: Math.min(code.expiresAt, now + deps.config.offerTtlMs) } : {}),
  };
  await deps.store.putDecision(record);
  return { offer: record.shown ? view(record) : null, decision: record };
}

/** Marks the decision's offer as dismissed (the cool-down itself reads `offer_dismissed` events). */
export async function markDismissed(store: Store, decisionId: string, since: number): Promise<void> {
  const all = (await store.decisions({ since })) as StoredDecision[];
  const d = all.find((x) => x.id === decisionId);
  if (d) await store.putDecision({ ...d, dismissed: true });
}
