/**
 * The panel's content sections, rendered from an {@link AuditView}: choices (consent), what is stored, what was
 * computed from it (features), the cart as the device knows it, why the last offer, what was sent (with the exact bodies), and the privacy
 * budget. Headings are h3 under the dialog's h2; every table has a caption and column headers.
 */
import type { AuditView } from './auditView';
import type { AuditStrings } from './strings';
import { fill } from './strings';
import { el, formatTime, section, table } from './lib/dom';

const yesNo = (v: boolean, t: AuditStrings) => (v ? t.allowed : t.notAllowed);

function consentSection(v: AuditView, t: AuditStrings): HTMLElement {
  const rows = (['store', 'personalise', 'sync'] as const).map((k) => [t[k], yesNo(v.consent[k], t)]);
  const reasons = v.consent.reasons.length ? [el('p', {}, t.reasons), el('ul', {}, ...v.consent.reasons.map((r) => el('li', {}, r)))] : [];
  return section('tailor-audit-consent', t.consentHeading, table(t.consentCaption, [t.useCol, t.statusCol], rows), ...reasons);
}

function storedSection(v: AuditView, t: AuditStrings, locale: string): HTMLElement {
  const counts = (Object.keys(v.counts) as (keyof AuditView['counts'])[]).map((k) => [t.counts[k], String(v.counts[k])]);
  const events = v.recentEvents.length
    ? table(
        fill(t.eventsCaption, { n: v.recentEvents.length }),
        [t.timeCol, t.eventCol, t.pageCol],
        v.recentEvents.map((e) => [formatTime(e.ts, locale), el('code', {}, e.name), e.pageType ?? '—']),
      )
    : el('p', {}, t.noEvents);
  return section(
    'tailor-audit-stored',
    t.storedHeading,
    el('p', {}, fill(t.where, { where: t.whereKinds[v.storeKind] }), v.bytes > 0 ? ` ${fill(t.size, { kb: Math.max(1, Math.round(v.bytes / 1024)) })}` : ''),
    ...(v.carried ? [el('p', {}, v.storeReason ? `${fill(t.memoryWhy, { reason: v.storeReason })} ` : '', v.carried.area ? fill(t.carriedIn, { max: v.carried.max, area: v.carried.area, n: v.carried.events }) : t.notCarried)] : []),
    table(t.countsCaption, [t.kindCol, t.countCol], counts),
    events,
  );
}

function featuresSection(v: AuditView, t: AuditStrings): HTMLElement {
  const id = 'tailor-audit-features';
  const f = v.features;
  if (!f) return section(id, t.featuresHeading, el('p', {}, t.noFeatures));
  const rows = f.rows.map((r) => [el('code', {}, r.name), r.value ?? t.missing, r.modelInput.length ? r.modelInput.join(', ') : '—']);
  return section(
    id,
    t.featuresHeading,
    el('p', {}, t.featuresIntro),
    ...(f.bot ? [el('p', {}, fill(t.botNotice, { reasons: f.botReasons.join(', ') }))] : []),
    table(fill(t.featuresCaption, { n: f.rows.length }), [t.featureCol, t.valueCol, t.modelInputCol], rows),
  );
}

function cartSection(v: AuditView, t: AuditStrings, locale: string): HTMLElement {
  const c = v.cart;
  const money = (x: number) => (c.currency ? new Intl.NumberFormat(locale, { style: 'currency', currency: c.currency }).format(x) : x.toFixed(2));
  const skipped = c.ignoredItems + c.failedCartReads > 0 ? [el('p', {}, fill(t.cartSkipped, { items: c.ignoredItems, reads: c.failedCartReads }))] : [];
  if (c.lines.length === 0) return section('tailor-audit-cart', t.cartHeading, el('p', {}, t.cartEmpty), ...skipped);
  return section(
    'tailor-audit-cart',
    t.cartHeading,
    el('p', {}, t.cartIntro),
    table(fill(t.cartCaption, { n: c.lines.length }), [t.productCol, t.quantityCol, t.priceCol], c.lines.map((l) => [l.name, String(l.quantity), l.price === null ? '—' : money(l.price)])),
    el('p', {}, fill(t.cartValue, { value: money(c.value) })),
    ...skipped,
  );
}

function offerSection(v: AuditView, t: AuditStrings, locale: string): HTMLElement {
  const d = v.lastDecision;
  if (!d) return section('tailor-audit-offer', t.offerHeading, el('p', {}, t.noDecision));
  return section(
    'tailor-audit-offer',
    t.offerHeading,
    el('p', {}, formatTime(d.ts, locale)),
    el('p', {}, d.tier > 0 && d.shown ? fill(t.offerTier, { tier: d.tier }) : t.noOffer),
    el('p', {}, fill(t.offerKind, { kind: t.kinds[d.kind] ?? d.kind })),
    el('p', {}, fill(t.offerReason, { reason: d.reason })),
  );
}

function pretty(body: string): string {
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}

function sentSection(v: AuditView, t: AuditStrings, locale: string): HTMLElement {
  if (v.outbound.length === 0) return section('tailor-audit-sent', t.sentHeading, el('p', {}, t.nothingSent));
  const rows = v.outbound.map((o) => [
    formatTime(o.ts, locale),
    el('code', {}, `${o.method} ${o.path}`),
    o.status !== null ? String(o.status) : o.error ? `${t.failed}: ${o.error}` : '—',
    o.body === null
      ? t.noBody
      : el('details', {}, el('summary', {}, fill(t.showBody, { n: new TextEncoder().encode(o.body).length })), el('pre', {}, pretty(o.body))),
  ]);
  return section('tailor-audit-sent', t.sentHeading, table(t.sentCaption, [t.timeCol, t.requestCol, t.statusCol, t.bodyCol], rows));
}

function budgetSection(v: AuditView, t: AuditStrings): HTMLElement {
  const b = v.budget;
  const id = 'tailor-audit-budget';
  if (!b) return section(id, t.budgetHeading, el('p', {}, t.budgetUnused));
  if ('raw' in b) return section(id, t.budgetHeading, el('pre', {}, b.raw));
  const f = (x: number) => x.toFixed(2);
  return section(
    id,
    t.budgetHeading,
    el('p', {}, fill(t.budgetSpent, { days: b.windowDays, spent: f(b.spent), limit: f(b.limit) })),
    el('p', {}, fill(t.budgetToday, { n: b.reportsToday, max: b.maxPerDay })),
    ...(b.perReport !== null ? [el('p', {}, fill(t.budgetPerReport, { eps: f(b.perReport) }))] : []),
    el('p', {}, t.budgetExplain),
  );
}

/** All content sections, in reading order. */
export function renderSections(v: AuditView, t: AuditStrings, locale: string): HTMLElement[] {
  return [consentSection(v, t), storedSection(v, t, locale), featuresSection(v, t), cartSection(v, t, locale), offerSection(v, t, locale), sentSection(v, t, locale), budgetSection(v, t)];
}
