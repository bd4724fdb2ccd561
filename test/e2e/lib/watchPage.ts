/**
 * Records what a page does that a merchant would call a breakage: console
 * errors, uncaught exceptions, failed requests and HTTP errors.
 */
import type { Page } from 'playwright-core';

/** What went wrong on a page, plus every URL it requested. */
export interface PageWatch {
  consoleErrors: string[];
  pageErrors: string[];
  failedRequests: string[];
  requests: string[];
}

/** Starts watching `page`; read the arrays after the journey. */
export function watchPage(page: Page): PageWatch {
  const watch: PageWatch = { consoleErrors: [], pageErrors: [], failedRequests: [], requests: [] };
  page.on('console', (m) => {
    if (m.type() === 'error') watch.consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => watch.pageErrors.push(e.message));
  page.on('request', (r) => watch.requests.push(r.url()));
  page.on('requestfailed', (r) => watch.failedRequests.push(`${r.url()} (${r.failure()?.errorText})`));
  page.on('response', (r) => {
    if (r.status() >= 400) watch.failedRequests.push(`${r.url()} (HTTP ${r.status()})`);
  });
  return watch;
}
