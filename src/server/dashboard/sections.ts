/**
 * The dashboard's sections, each a function of the same estimates the API
 * serves. Every suppressed cell renders as "fewer than k reports" and nothing
 * else; every chart has a table with the same numbers next to it.
 */
import { RANDOMIZED_FIELD_NAMES, armDiscount, type Arm } from '../../core/privacy';
import type { DailyView } from '../collector/dailyView';
import type { EstimatesView, GroupView, SuppressedGroup } from '../collector/estimatesView';
import { ciChart } from './ciChart';
import { count, countCi, money, moneyCi, pct, pctCi, ppCi } from './lib/format';
import { html, type SafeHtml } from './lib/html';

/** Display name of a group: the holdout, no offer, the whole policy, or the merchant's tier by its discount. */
export function groupLabel(group: Arm | 'policy'): string {
  if (group === 'holdout') return 'Holdout (control)';
  if (group === 'none') return 'No offer (policy chose none)';
  if (group === 'policy') return 'All but holdout (policy)';
  return `${armDiscount(group)} % off`;
}

const FIELD_LABELS: Record<string, string> = {
  clicked: 'clicked',
  copied: 'copied the code',
  redeemed: 'redeemed',
  purchased: 'purchased',
  orderValueBucket: 'order value bucket',
  satisfaction: 'satisfaction',
};

type Cell = GroupView | SuppressedGroup;
const visible = (g: Cell | undefined): g is GroupView => g !== undefined && !g.suppressed;
const group = (view: EstimatesView, name: Arm | 'policy') => view.groups.find((g) => g.group === name);

function fewer(k: number, colspan?: number): SafeHtml {
  return html`<td class="suppressed"${colspan ? html` colspan="${colspan}"` : ''}>fewer than ${k} reports</td>`;
}

/** Headline numbers for the policy as a whole against the holdout. */
export function summarySection(view: EstimatesView): SafeHtml {
  const policy = group(view, 'policy');
  const k = view.privacy.k;
  const hidden = html`<span class="suppressed">fewer than ${k} reports, or hidden so that a small arm cannot be recovered</span>`;
  const vs = visible(policy) ? policy.vsHoldout : null;
  const rows: [string, SafeHtml | string][] = [
    ['Reports', view.reports === null ? hidden : count(view.reports)],
    ['Offers shown', view.offersShown === null ? hidden : count(view.offersShown)],
    ['Incremental conversions (policy vs holdout)', vs ? countCi(vs.incrementalConversions) : hidden],
    ['Revenue (policy group)', visible(policy) ? moneyCi(policy.totals.revenue) : hidden],
    ['Discount cost (policy group)', visible(policy) ? moneyCi(policy.totals.discountCost) : hidden],
    [`Incremental profit at ${pct(view.grossMargin, 0)} gross margin`, vs ? moneyCi(vs.incrementalProfit) : hidden],
  ];
  return html`<section aria-labelledby="summary"><h2 id="summary">Summary</h2>
<p>The policy group is every shopper outside the holdout; the holdout is a random share of devices that never see an offer. Ranges are 95 % confidence intervals.</p>
<table class="summary"><tbody>${rows.map(([label, value]) => html`<tr><th scope="row">${label}</th><td>${value}</td></tr>`)}</tbody></table></section>`;
}

/** Conversion and redemption per arm against the holdout: a chart and its table. */
export function armsSection(view: EstimatesView): SafeHtml {
  const k = view.privacy.k;
  const holdout = group(view, 'holdout');
  const arms = view.groups;
  const chart = ciChart({
    id: 'conversion-chart',
    title: 'Conversion rate by arm with 95 % confidence intervals',
    description: 'One row per arm; the dot is the estimate, the line its 95 % interval; the vertical line is the holdout. The table below has the same numbers.',
    rows: arms.map((g) => ({ label: groupLabel(g.group), interval: visible(g) ? g.rates.purchased : null })),
    ...(visible(holdout) ? { reference: { value: holdout.rates.purchased.estimate, label: 'holdout' } } : {}),
    suppressedText: `fewer than ${k} reports`,
  });
  const row = (g: Cell) => {
    const head = html`<th scope="row">${groupLabel(g.group)}</th>`;
    if (!visible(g)) return html`<tr>${head}${fewer(k, 8)}</tr>`;
    // Only arms that show offers can redeem one.
    const offers = g.group === 'policy' || armDiscount(g.group) > 0;
    return html`<tr>${head}<td>${count(g.n)}</td><td>${pctCi(g.rates.purchased)}</td><td>${g.vsHoldout ? ppCi(g.vsHoldout.conversionLift) : '—'}</td>
<td>${offers ? pctCi(g.rates.redeemed) : '—'}</td><td>${g.orderValue ? money(g.orderValue.estimate) : '—'}</td><td>${money(g.totals.revenue.estimate)}</td><td>${money(g.totals.discountCost.estimate)}</td><td>${g.vsHoldout ? moneyCi(g.vsHoldout.incrementalProfit) : '—'}</td></tr>`;
  };
  return html`<section aria-labelledby="arms"><h2 id="arms">Conversion and redemption by arm</h2>
<figure>${chart}<figcaption>Conversion by arm; the table below gives the same numbers.</figcaption></figure>
<div class="table-wrap" tabindex="0" role="region" aria-label="Per-arm estimates"><table><caption>Per-arm estimates (95 % intervals). Per-tier differences also reflect which shoppers the policy sends to each tier; the policy row is the randomised comparison.</caption>
<thead><tr><th scope="col">Arm</th><th scope="col">Reports</th><th scope="col">Conversion</th><th scope="col">Lift vs holdout</th><th scope="col">Redemption</th><th scope="col">Mean order value</th><th scope="col">Revenue</th><th scope="col">Discount cost</th><th scope="col">Incremental profit</th></tr></thead>
<tbody>${arms.map(row)}</tbody></table></div></section>`;
}

/** Satisfaction and engagement per arm. */
export function satisfactionSection(view: EstimatesView): SafeHtml {
  const k = view.privacy.k;
  const rows = view.groups.filter((g) => g.group !== 'holdout');
  return html`<section aria-labelledby="satisfaction"><h2 id="satisfaction">Satisfaction by arm</h2>
<div class="table-wrap" tabindex="0" role="region" aria-label="Satisfaction and engagement by arm"><table><caption>Share of reports with a thumbs up or down on the offer, and engagement with it (95 % intervals).</caption>
<thead><tr><th scope="col">Arm</th><th scope="col">Thumbs up</th><th scope="col">Thumbs down</th><th scope="col">Clicked</th><th scope="col">Copied the code</th></tr></thead>
<tbody>${rows.map((g) =>
    visible(g)
      ? html`<tr><th scope="row">${groupLabel(g.group)}</th><td>${pctCi(g.rates.satisfactionUp)}</td><td>${pctCi(g.rates.satisfactionDown)}</td><td>${pctCi(g.rates.clicked)}</td><td>${pctCi(g.rates.copied)}</td></tr>`
      : html`<tr><th scope="row">${groupLabel(g.group)}</th>${fewer(k, 4)}</tr>`,
  )}</tbody></table></div></section>`;
}

/** Daily holdout vs policy: a uPlot chart drawn by dashboard.js, and the table it is drawn from. */
export function overTimeSection(daily: DailyView, dailyUrl: string): SafeHtml {
  const k = daily.k;
  const cell = (c: DailyView['days'][number]['holdout']) => (c.suppressed ? fewer(k, 2) : html`<td>${count(c.n)}</td><td>${pctCi(c.conversion)}</td>`);
  return html`<section aria-labelledby="over-time"><h2 id="over-time">Over time</h2>
<figure><div id="daily-chart" class="chart" data-src="${dailyUrl}" role="img" aria-label="Daily conversion, holdout and policy group; the same numbers are in the daily table below."></div>
<figcaption id="daily-chart-status">Daily conversion of the holdout and the policy group. Days with fewer than ${k} reports in a group are left out.</figcaption></figure>
<details><summary>Daily table</summary><div class="table-wrap" tabindex="0" role="region" aria-label="Daily conversion"><table><caption>Daily conversion (95 % intervals)</caption>
<thead><tr><th scope="col">Day (UTC)</th><th scope="col">Holdout reports</th><th scope="col">Holdout conversion</th><th scope="col">Policy reports</th><th scope="col">Policy conversion</th><th scope="col">Lift</th></tr></thead>
<tbody>${daily.days.map((d) => html`<tr><th scope="row">${d.date}</th>${cell(d.holdout)}${cell(d.policy)}<td>${d.conversionLift ? ppCi(d.conversionLift) : '—'}</td></tr>`)}</tbody></table></div></details></section>`;
}

/** Policy group vs holdout under each policy version. */
export function versionsSection(versions: { version: string; view: EstimatesView }[], k: number, older = 0): SafeHtml {
  const body = versions.length
    ? versions.map(({ version, view }) => {
        const h = group(view, 'holdout');
        const p = group(view, 'policy');
        return html`<tr><th scope="row">${version}</th>${visible(h) ? html`<td>${count(h.n)}</td><td>${pctCi(h.rates.purchased)}</td>` : fewer(k, 2)}${visible(p) ? html`<td>${count(p.n)}</td><td>${pctCi(p.rates.purchased)}</td>` : fewer(k, 2)}<td>${visible(p) && p.vsHoldout ? ppCi(p.vsHoldout.conversionLift) : '—'}</td></tr>`;
      })
    : html`<tr><td colspan="6">No reports in this range.</td></tr>`;
  return html`<section aria-labelledby="versions"><h2 id="versions">By policy version</h2>
<div class="table-wrap" tabindex="0" role="region" aria-label="Conversion by policy version"><table><caption>Conversion of the holdout and the policy group under each policy version the devices ran (95 % intervals).${older > 0 ? html` The ${count(older)} older versions in this range are not listed: pick one in the filter above.` : ''}</caption>
<thead><tr><th scope="col">Version</th><th scope="col">Holdout reports</th><th scope="col">Holdout conversion</th><th scope="col">Policy reports</th><th scope="col">Policy conversion</th><th scope="col">Lift</th></tr></thead>
<tbody>${body}</tbody></table></div></section>`;
}

/** The privacy settings in force. */
export function privacySection(view: EstimatesView): SafeHtml {
  const p = view.privacy;
  const isLn3 = Math.abs(p.epsilonPerReport - Math.log(3)) < 1e-12;
  return html`<section aria-labelledby="privacy"><h2 id="privacy">Privacy settings in force</h2>
<dl class="privacy">
<dt>Local differential privacy per report</dt><dd>ε = ${p.epsilonPerReport.toFixed(3)}${isLn3 ? ' (ln 3)' : ''}, split across the randomised fields below; each field is randomised on the shopper's device before it is sent.</dd>
<dt>Sent as-is</dt><dd>${p.clearFields.join(', ')}: the arm is the offer Tailor chose; the day has no time of day; the key is random per report.</dd>
<dt>Per device</dt><dd>at most ${p.budget.maxReportsPerDay} reports a day and ε ≤ ${p.budget.weeklyEpsilon.toFixed(2)} over any 7 days.</dd>
<dt>Suppression</dt><dd>any cell with fewer than ${p.k} reports is shown nowhere, in this page or the API.</dd>
<dt>Storage</dt><dd>reports are kept only as aggregate counters; no IP address is stored (rate limiting uses a salted hash held in memory).</dd>
</dl>
<div class="table-wrap" tabindex="0" role="region" aria-label="ε per randomised field"><table class="narrow"><caption>ε per randomised field</caption><thead><tr><th scope="col">Field</th><th scope="col">ε</th></tr></thead>
<tbody>${RANDOMIZED_FIELD_NAMES.map((f) => html`<tr><th scope="row">${FIELD_LABELS[f]}</th><td>${p.fieldEpsilon[f].toFixed(3)}</td></tr>`)}</tbody></table></div></section>`;
}
