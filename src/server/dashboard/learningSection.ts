/**
 * The dashboard's Learning section: the central channel's state as `/v1/cells` publishes it. Only released
 * (noised) numbers appear; of the batch still open the page shows its days and release day, never a count.
 */
import type { BatchView, CellView, CellsView } from '../collector/cellsView';
import { count, pct } from './lib/format';
import { html, type SafeHtml } from './lib/html';

/** A tier as the merchant reads it. */
function tierLabel(tier: number): string {
  return tier === 0 ? 'No discount' : `${tier} % off`;
}

/** A margin per exposure (a share of order value), or a dash without enough data. */
function margin(x: number | null): string {
  return x === null ? '—' : `${pct(x, 2)} of order value`;
}

/** The stop-loss verdict: an alert while it holds, a plain line otherwise. */
function stopLossBlock(view: CellsView): SafeHtml {
  const s = view.stopLoss;
  if (s.active) {
    return html`<p role="alert" class="stop-loss active"><strong>Stop-loss active:</strong> ${s.reason}. Devices are served no discount, except the exploration floor, so every tier keeps being measured.</p>`;
  }
  return html`<p class="stop-loss"><strong>Stop-loss not active:</strong> ${s.reason}.</p>`;
}

function settingsList(view: CellsView): SafeHtml {
  const p = view.privacy;
  const s = view.schedule;
  const open = view.open ? html`batch ${view.open.batch} (${view.open.from} to ${view.open.to}) is collecting; it is released on ${view.open.releaseOn}` : 'no measurement has arrived yet';
  return html`<dl class="privacy">
<dt>Channel</dt><dd>central differential privacy: each device sends one-hot measurements (cell × offer × bought); the collector only adds them up per batch and publishes noised sums.</dd>
<dt>Trust model</dt><dd>${view.trust.statement} ${view.trust.planned}</dd>
<dt>Per device</dt><dd>ε = ${p.epsilonPerDeviceWeek.toFixed(3)}, δ = ${p.delta.toExponential(0)} per week; at most ${p.reportsPerDeviceWeek} ${p.reportsPerDeviceWeek === 1 ? 'report' : 'reports'} per week.</dd>
<dt>Noise and threshold</dt><dd>discrete Gaussian noise of σ = ${p.sigma.toFixed(2)} on every entry of a batch, added once; a batch whose noised total is under k = ${p.k} is withheld.</dd>
<dt>Batches</dt><dd>${s.epoch ? html`counted from ${s.epoch}; ` : ''}batches last 1, 2, … days up to ${s.maxBatchDays}, close ${s.reportLagDays} days after their last day, and the allocation learns from those that ended in the last ${s.windowDays} days. Now: ${open}.</dd>
</dl>`;
}

function batchRow(b: BatchView): SafeHtml {
  const head = html`<th scope="row">${b.batch}</th><td>${b.from === b.to ? b.from : `${b.from} to ${b.to}`}</td>`;
  if (b.status === 'withheld') return html`<tr>${head}<td>withheld (noised total under k)</td><td colspan="4">—</td></tr>`;
  return html`<tr>${head}<td>released</td><td>${count(b.reports!)}</td><td>${margin(b.policyMargin)}</td><td>${margin(b.holdoutMargin)}</td><td>${b.learned ? 'yes' : 'no'}</td></tr>`;
}

function batchesTable(view: CellsView): SafeHtml {
  const body = view.batches.length ? view.batches.map(batchRow) : html`<tr><td colspan="7">No batch has closed yet.</td></tr>`;
  return html`<div class="table-wrap" tabindex="0" role="region" aria-label="Batches"><table><caption>Closed batches: noised report totals and, per batch alone, the margin per exposure of the policy and of the holdout (the learning curve).</caption>
<thead><tr><th scope="col">Batch</th><th scope="col">Days (UTC)</th><th scope="col">Status</th><th scope="col">Noised reports</th><th scope="col">Policy margin per exposure</th><th scope="col">Holdout margin per exposure</th><th scope="col">Learned from</th></tr></thead>
<tbody>${body}</tbody></table></div>`;
}

function cellRow(c: CellView): SafeHtml {
  return html`<tr><th scope="row">${c.label}</th><td>${count(Math.round(c.exposures))}</td><td>${pct(c.exploration)}</td>${c.tiers.map((t) => html`<td>${pct(t.conversion)}</td><td>${pct(t.weight)}</td>`)}</tr>`;
}

function cellsTable(view: CellsView): SafeHtml {
  const tiers = view.cells[0]?.tiers.map((t) => t.tier) ?? [];
  const heads = tiers.map((t) => html`<th scope="col">${tierLabel(t)}: conversion</th><th scope="col">${tierLabel(t)}: served</th>`);
  return html`<div class="table-wrap" tabindex="0" role="region" aria-label="Per-cell allocation"><table><caption>Per cell: noised exposures over the learned batches, the exploration share, and per tier the posterior mean conversion and the share of devices served it.</caption>
<thead><tr><th scope="col">Cell</th><th scope="col">Noised exposures</th><th scope="col">Exploration</th>${heads}</tr></thead>
<tbody>${view.cells.map(cellRow)}</tbody></table></div>`;
}

/** The whole section. */
export function learningSection(view: CellsView): SafeHtml {
  return html`<section aria-labelledby="learning"><h2 id="learning">Learning</h2>
${stopLossBlock(view)}
<p>Per-cell offers learned on the central channel for site <strong>${view.site}</strong> (cell spec ${view.spec.version}); this section is not filtered by the dates above.</p>
${settingsList(view)}${batchesTable(view)}${cellsTable(view)}</section>`;
}
