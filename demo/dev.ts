/**
 * Serves the demo shop alone on http://localhost:8081 for trying it by hand (Tailor itself is expected on :8080).
 * Run: npx tsx demo/dev.ts [--port 8081] [--tailor http://localhost:8080] [--base /shop] [--csp]
 * --csp sends the strict policy the shop is built for (no inline script or style anywhere).
 */
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { createShopApp } from './shop-app';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? process.argv[i + 1] : undefined;
  return value ?? fallback;
}

const port = Number(arg('port', '8081'));
const tailor = arg('tailor', 'http://localhost:8080');
const basePath = arg('base', '');
const tailorOrigin = new URL(tailor).origin;
const csp = process.argv.includes('--csp')
  ? `default-src 'self'; script-src 'self' ${tailorOrigin}; style-src 'self'; img-src 'self' data:; ` +
    `connect-src 'self' ${tailorOrigin}`
  : undefined;
const shop = createShopApp({ tailorScriptUrl: `${tailor}/sdk/tailor.js`, endpoint: tailor, basePath, csp });
const app = basePath === '' ? shop : new Hono().route(basePath, shop);

serve({ fetch: app.fetch, port, hostname: '127.0.0.1' }, (info) => {
  console.log(`demo shop on http://127.0.0.1:${info.port}${basePath}/ (Tailor expected at ${tailor})`);
});
