/**
 * The dashboard page: server-rendered HTML, one stylesheet and one script
 * from Tailor's own origin (plus uPlot's), no inline script or style, so it
 * runs under {@link DASHBOARD_CSP}.
 */
import type { DailyView } from '../collector/dailyView';
import type { EstimatesView } from '../collector/estimatesView';
import type { CellsView } from '../collector/cellsView';
import { learningSection } from './learningSection';
import { armsSection, overTimeSection, privacySection, satisfactionSection, summarySection, versionsSection } from './sections';
import { html, type SafeHtml } from './lib/html';

/** Sent with the page: only same-origin scripts, styles and fetches. */
export const DASHBOARD_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/** What the page shows. */
export interface DashboardModel {
  view: EstimatesView;
  daily: DailyView;
  versions: { version: string; view: EstimatesView }[];
  /** Versions in the range without a row (older than the newest MAX_VERSION_VIEWS); pick them in the filter. */
  olderVersions?: number;
  /** `/v1/estimates/daily?…` for the chart script. */
  dailyUrl: string;
  /** The central channel's learning state; null (no section) on the local channel. */
  learning?: CellsView | null;
  /** Who is signed in: their name and sites (the site filter offers only those), and whether by session (sign-out shown). */
  merchant?: { name: string; sites: readonly string[]; session: boolean };
}

function siteField(view: EstimatesView, sites: readonly string[] | undefined): SafeHtml {
  if (!sites) return html`<label>Site <input name="site" value="${view.site}" pattern="[a-z0-9][a-z0-9_\\-]{0,63}" required></label>`;
  return html`<label>Site <select name="site">${sites.map((s) => html`<option value="${s}"${s === view.site ? ' selected' : ''}>${s}</option>`)}</select></label>`;
}

function filterForm(view: EstimatesView, sites?: readonly string[]): SafeHtml {
  return html`<form class="filters" method="get" action="/dashboard" aria-label="Filter">
${siteField(view, sites)}
<label>From <input type="date" name="from" value="${view.from}"></label>
<label>To <input type="date" name="to" value="${view.to}"></label>
<label>Policy version <select name="policyVersion"><option value="">all</option>${view.versions.map((v) => html`<option value="${v}"${v === view.policyVersion ? ' selected' : ''}>${v}</option>`)}</select></label>
<button type="submit">Show</button></form>`;
}

/** The signed-in merchant, and the way out when signed in by session. */
function whoBar(merchant: DashboardModel['merchant']): SafeHtml | '' {
  if (!merchant) return '';
  const out = merchant.session ? html` <form method="post" action="/dashboard/logout" class="signout"><button type="submit">Sign out</button></form>` : '';
  return html`<p class="who">Signed in as <strong>${merchant.name}</strong>.${out}</p>`;
}

/** The page shell every dashboard page shares. */
export function layout(title: string, body: SafeHtml): string {
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title><link rel="icon" href="data:,">
<link rel="stylesheet" href="/dashboard/assets/uplot.min.css"><link rel="stylesheet" href="/dashboard/assets/dashboard.css">
<script src="/dashboard/assets/uplot.iife.min.js" defer></script><script src="/dashboard/assets/dashboard.js" defer></script>
</head><body><main>${body}</main></body></html>`.value;
}

/** The whole page. */
export function renderDashboard(model: DashboardModel): string {
  const { view } = model;
  const scope = html`<p class="scope">Site <strong>${view.site}</strong>, ${view.from} to ${view.to} (UTC), ${view.policyVersion ? html`policy version <strong>${view.policyVersion}</strong>` : 'all policy versions'}.</p>`;
  // On the central channel learning is what the merchant watches first; the local-DP estimates follow.
  const head = html`${whoBar(model.merchant)}<h1>Tailor: offer incrementality</h1>${scope}${filterForm(view, model.merchant?.sites)}${model.learning ? learningSection(model.learning) : ''}`;
  if (view.empty) {
    const why = model.learning
      ? 'No local-DP report for this site and range has reached the collector. On the central channel devices send measurements instead (see Learning above); reports appear here only from devices still on the local channel.'
      : "No report for this site and range has reached the collector. Devices send a report once an offer's outcome window closes, so the first numbers appear a day or two after Tailor goes live. Check the site key in the script tag, or widen the date range.";
    return layout(
      `Tailor dashboard: ${view.site}`,
      html`${head}<section aria-labelledby="no-data" class="empty"><h2 id="no-data">No reports yet</h2>
<p>${why}</p></section>
${privacySection(view)}`,
    );
  }
  return layout(
    `Tailor dashboard: ${view.site}`,
    html`${head}${summarySection(view)}${armsSection(view)}${satisfactionSection(view)}${overTimeSection(model.daily, model.dailyUrl)}${versionsSection(model.versions, view.privacy.k, model.olderVersions ?? 0)}${privacySection(view)}`,
  );
}

/** A page for a bad query: what was wrong, and the way back. */
export function renderQueryError(message: string): string {
  return layout('Tailor dashboard: bad filter', html`<h1>Tailor: offer incrementality</h1><p role="alert" class="error">${message}</p><p><a href="/dashboard">Back to the default view</a></p>`);
}
