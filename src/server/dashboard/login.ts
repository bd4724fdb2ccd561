/**
 * Signing in to the dashboard: `GET /dashboard/login` (the form), `POST /dashboard/login` (a merchant key → the
 * session cookie), `POST /dashboard/logout`.
 *
 * The key is typed once and never kept: the cookie names the merchant and key id under the server's MAC
 * (src/server/merchants/session.ts). The cookie is HttpOnly (no script reads it), SameSite=Strict (no other site's
 * request carries it), Secure over TLS, and carries read rights only. Wrong keys are limited per client, on top of
 * the merchant endpoints' own limit.
 */
import type { Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { deleteCookie, setCookie } from 'hono/cookie';
import { ClientRateLimiter } from '../collector/rateLimiter';
import { cameOverTls } from '../lib/clientAddress';
import { SESSION_COOKIE, SESSION_TTL_MS, signSession, type MerchantGuard } from '../merchants';
import { html } from './lib/html';
import { DASHBOARD_CSP, layout } from './renderPage';

/** Wrong keys per client per 10 minutes before sign-in answers 429. */
export const LOGIN_FAILURES = { limit: 10, windowMs: 10 * 60_000 };

/** Where a sign-in may return to: the dashboard itself, with its query; anything else goes to `/dashboard`. */
export function safeNext(next: unknown): string {
  return typeof next === 'string' && /^\/dashboard(\?[^\s\\]*)?$/.test(next) ? next : '/dashboard';
}

/** The sign-in page; `error` says why the last try failed. */
export function renderLogin(next: string, error?: string): string {
  return layout(
    'Tailor dashboard: sign in',
    html`<h1>Tailor: sign in</h1>
<form class="login" method="post" action="/dashboard/login">
<label>Merchant key <input name="key" type="password" autocomplete="current-password" required spellcheck="false" placeholder="tk_read_…"></label>
<input type="hidden" name="next" value="${next}">
<button type="submit">Sign in</button></form>
${error ? html`<p role="alert" class="error">${error}</p>` : ''}
<p class="hint">Use your read key (or your server key). <code>npm start</code> prints the demo merchant's keys.</p>`,
  );
}

/** Mounts sign-in and sign-out. */
export function mountLogin(app: Hono, guard: MerchantGuard, trustProxy: boolean): void {
  const failures = new ClientRateLimiter({ ...LOGIN_FAILURES, now: guard.now });
  const headers = { 'Content-Security-Policy': DASHBOARD_CSP, 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' };
  const page = (c: Context, body: string, status: 200 | 401 | 429) => c.html(body, status, headers);

  app.get('/dashboard/login', (c) => page(c, renderLogin(safeNext(c.req.query('next'))), 200));

  app.post('/dashboard/login', bodyLimit({ maxSize: 4096, onError: (c) => c.text('request body too large', 413) }), async (c) => {
    const form = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
    const next = safeNext(form['next']);
    const address = guard.clientAddress(c);
    const principal = typeof form['key'] === 'string' ? guard.access.authenticate(form['key'].trim()) : null;
    if (principal === null) {
      const verdict = failures.hit(address);
      if (!verdict.allowed) return page(c, renderLogin(next, `Too many wrong keys from this network; try again in ${verdict.retryAfterSeconds} s.`), 429);
      return page(c, renderLogin(next, 'That is not a live merchant key of this server.'), 401);
    }
    const expiresAt = guard.now() + SESSION_TTL_MS;
    setCookie(c, SESSION_COOKIE, signSession({ merchantId: principal.merchant.id, keyId: principal.key.id, expiresAt }, guard.sessionSecret), {
      httpOnly: true,
      sameSite: 'Strict',
      secure: cameOverTls(c, trustProxy),
      path: '/',
      maxAge: SESSION_TTL_MS / 1000,
    });
    return c.redirect(next, 303);
  });

  app.post('/dashboard/logout', (c) => {
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.redirect('/dashboard/login', 303);
  });
}
