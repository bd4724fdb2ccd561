/**
 * Three small foreign shops for the cart tests, each on its own loopback origin (its own IndexedDB), each keeping
 * the cart on the server per cookie as real shops do, and each publishing it the way its platform does:
 * - `ga4`: only a GA4 dataLayer (no JSON-LD, no platform): `view_item`, `add_to_cart`, `remove_from_cart`, `view_cart`;
 * - `shopify`: `window.Shopify`, `ShopifyAnalytics.meta` on product pages, the Ajax cart API (`/cart.js`,
 *   `/cart/add.js`, `/cart/change.js`) with Shopify's JSON shape (prices in cents), a theme form posting to it;
 * - `woocommerce`: `<body class="woocommerce">`, the Store API cart (`/wp-json/wc/store/v1/cart`, amounts as strings
 *   of minor units) and the classic `add_to_cart_button` / `remove` / `update_cart` controls.
 * - `schema-order`: only schema.org JSON-LD: a pending `Order` describing the cart on every page (replaced by the
 *   theme after each change) and a `Product` on product pages; no dataLayer, no platform API.
 * Every page prints the server's cart total in `#cart-total` (what the shopper sees), and carries Tailor's one tag.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Platform = 'ga4' | 'shopify' | 'woocommerce' | 'schema-order';

interface Product {
  id: string;
  variant: number;
  name: string;
  cents: number;
}

export const PRODUCTS: readonly Product[] = [
  { id: 'longjing', variant: 4101, name: 'Longjing', cents: 1200 },
  { id: 'gaiwan', variant: 4102, name: 'Gaiwan', cents: 3450 },
];

/** A running shop. */
export interface PlatformShop {
  readonly url: string;
  stop(): Promise<void>;
}

type Cart = Map<string, number>;
const carts = new Map<string, Cart>();

const cartOf = (req: IncomingMessage, res: ServerResponse): Cart => {
  const sid = /(?:^|;\s*)sid=([\w-]+)/.exec(req.headers.cookie ?? '')?.[1] ?? `s${Math.random().toString(36).slice(2)}`;
  res.setHeader('Set-Cookie', `sid=${sid}; Path=/; SameSite=Lax`);
  if (!carts.has(sid)) carts.set(sid, new Map());
  return carts.get(sid)!;
};
const totalCents = (cart: Cart) => [...cart].reduce((s, [id, q]) => s + PRODUCTS.find((p) => p.id === id)!.cents * q, 0);
const lines = (cart: Cart) => [...cart].filter(([, q]) => q > 0).map(([id, quantity]) => ({ p: PRODUCTS.find((x) => x.id === id)!, quantity }));

/** The cart as a pending schema.org Order, the way Google's order markup describes one. */
function schemaOrder(cart: Cart) {
  return {
    '@context': 'https://schema.org', '@type': 'Order', orderStatus: 'https://schema.org/OrderPaymentDue',
    acceptedOffer: lines(cart).map(({ p, quantity }) => ({ '@type': 'Offer', itemOffered: { '@type': 'Product', name: p.name, sku: p.id }, price: (p.cents / 100).toFixed(2), priceCurrency: 'EUR', eligibleQuantity: { '@type': 'QuantitativeValue', value: quantity } })),
    totalPaymentDue: { '@type': 'PriceSpecification', price: (totalCents(cart) / 100).toFixed(2), priceCurrency: 'EUR' },
  };
}

function shopifyCart(cart: Cart) {
  return {
    token: 'c1', currency: 'EUR', item_count: lines(cart).reduce((s, l) => s + l.quantity, 0), total_price: totalCents(cart),
    items: lines(cart).map(({ p, quantity }) => ({ id: p.variant, variant_id: p.variant, product_id: p.id, product_title: p.name, title: p.name, quantity, price: p.cents, final_price: p.cents, line_price: p.cents * quantity })),
  };
}

function wooCart(cart: Cart) {
  return {
    items: lines(cart).map(({ p, quantity }) => ({ id: p.variant, key: p.id, name: p.name, quantity, prices: { price: String(p.cents), regular_price: String(p.cents), currency_code: 'EUR', currency_minor_unit: 2 } })),
    items_count: lines(cart).reduce((s, l) => s + l.quantity, 0),
    totals: { total_items: String(totalCents(cart)), total_price: String(totalCents(cart) + 490), currency_code: 'EUR', currency_minor_unit: 2 },
  };
}

/** The page script each platform's theme would run: change the cart on the server, then publish it its way. */
function themeScript(platform: Platform, page: string, product: Product | null, cart: Cart): string {
  const item = (p: Product, quantity: number) => ({ item_id: p.id, item_name: p.name, price: p.cents / 100, quantity });
  const ga4Cart = { event: 'view_cart', ecommerce: { currency: 'EUR', value: totalCents(cart) / 100, items: lines(cart).map(({ p, quantity }) => item(p, quantity)) } };
  const common = `
    const post = (path, body) => fetch(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }).then((r) => r.json());
    const show = (cents) => { document.getElementById('cart-total').textContent = (cents / 100).toFixed(2); };
    const push = (o) => { window.dataLayer = window.dataLayer || []; window.dataLayer.push({ ecommerce: null }); window.dataLayer.push(o); };`;
  if (platform === 'ga4') {
    return `${common}
      window.dataLayer = window.dataLayer || [];
      ${product ? `push(${JSON.stringify({ event: 'view_item', ecommerce: { currency: 'EUR', value: product.cents / 100, items: [item(product, 1)] } })});` : ''}
      ${page === 'cart' ? `push(${JSON.stringify(ga4Cart)});` : ''}
      document.addEventListener('click', async (e) => {
        const b = e.target.closest('[data-change]'); if (!b) return;
        const id = b.dataset.id; const delta = Number(b.dataset.change);
        const r = await post('/api/change', { id, delta });
        const p = ${JSON.stringify(PRODUCTS)}.find((x) => x.id === id);
        push({ event: delta > 0 ? 'add_to_cart' : 'remove_from_cart', ecommerce: { currency: 'EUR', value: (p.cents * Math.abs(r.applied)) / 100, items: [{ item_id: p.id, item_name: p.name, price: p.cents / 100, quantity: Math.abs(r.applied) }] } });
        show(r.total);
      });`;
  }
  if (platform === 'schema-order') {
    return `${common}
      const products = ${JSON.stringify(PRODUCTS)};
      const order = (lines, total) => ({ '@context': 'https://schema.org', '@type': 'Order', orderStatus: 'https://schema.org/OrderPaymentDue',
        acceptedOffer: lines.filter((l) => l.quantity > 0).map((l) => { const p = products.find((x) => x.id === l.id); return { '@type': 'Offer', itemOffered: { '@type': 'Product', name: p.name, sku: p.id }, price: (p.cents / 100).toFixed(2), priceCurrency: 'EUR', eligibleQuantity: { '@type': 'QuantitativeValue', value: l.quantity } }; }),
        totalPaymentDue: { '@type': 'PriceSpecification', price: (total / 100).toFixed(2), priceCurrency: 'EUR' } });
      document.addEventListener('click', async (e) => {
        const b = e.target.closest('[data-change]'); if (!b) return;
        const r = await post('/api/change', { id: b.dataset.id, delta: Number(b.dataset.change) });
        document.querySelectorAll('script[data-order]').forEach((s) => s.remove());
        const s = document.createElement('script'); s.type = 'application/ld+json'; s.dataset.order = '';
        s.textContent = JSON.stringify(order(r.lines, r.total));
        document.head.appendChild(s);
        show(r.total);
      });`;
  }
  if (platform === 'shopify') {
    const meta = product ? { product: { id: 900 + PRODUCTS.indexOf(product), type: 'Tea', variants: [{ id: product.variant, price: product.cents, name: product.name, sku: product.id }] }, currency: 'EUR' } : { page: { pageType: page } };
    return `${common}
      window.Shopify = { shop: 'tea-shop.myshopify.com', routes: { root: '/' }, currency: { active: 'EUR' } };
      window.ShopifyAnalytics = { meta: ${JSON.stringify(meta)} };
      document.addEventListener('submit', async (e) => {
        const form = e.target.closest('form[action="/cart/add"]'); if (!form) return;
        e.preventDefault();
        await post('/cart/add.js', { id: Number(form.elements.id.value), quantity: 1 });
        show((await (await fetch('/cart.js')).json()).total_price);
      });
      document.addEventListener('click', async (e) => {
        const a = e.target.closest('a[href^="/cart/change"]'); if (!a) return;
        e.preventDefault();
        const q = new URL(a.href).searchParams;
        const cart = await post('/cart/change.js', { id: q.get('id'), quantity: Number(q.get('quantity')) });
        show(cart.total_price);
      });`;
  }
  return `${common}
    document.addEventListener('click', async (e) => {
      const a = e.target.closest('.add_to_cart_button, a.remove, [name="update_cart"]'); if (!a) return;
      e.preventDefault();
      const r = await post('/api/change', a.matches('[name="update_cart"]') ? { id: a.dataset.id, set: Number(a.dataset.quantity) } : { id: a.dataset.id, delta: a.matches('a.remove') ? -999 : 1 });
      show(r.total);
    });`;
}

function productMarkup(platform: Platform, p: Product): string {
  if (platform === 'shopify') return `<form action="/cart/add" method="post"><input type="hidden" name="id" value="${p.variant}"><button type="submit" name="add" data-testid="add">Add to cart</button></form>`;
  if (platform === 'woocommerce') return `<a href="?add-to-cart=${p.variant}" class="button add_to_cart_button" data-id="${p.id}" data-testid="add">Add to cart</a>`;
  return `<button data-change="1" data-id="${p.id}" data-testid="add">Add to cart</button>`;
}

function cartMarkup(platform: Platform, cart: Cart): string {
  return lines(cart).map(({ p, quantity }) => {
    const set = (q: number, label: string, testid: string) => (platform === 'shopify'
      ? `<a href="/cart/change?id=${p.variant}&quantity=${q}" data-testid="${testid}-${p.id}">${label}</a>`
      : platform === 'woocommerce'
        ? q === 0 ? `<a href="#" class="remove" data-id="${p.id}" data-testid="${testid}-${p.id}">${label}</a>` : `<button name="update_cart" data-id="${p.id}" data-quantity="${q}" data-testid="${testid}-${p.id}">${label}</button>`
        : `<button data-change="${q - quantity}" data-id="${p.id}" data-testid="${testid}-${p.id}">${label}</button>`);
    return `<li>${p.name} × ${quantity} ${set(quantity - 1, 'one less', 'less')} ${set(0, 'remove', 'remove')}</li>`;
  }).join('');
}

function page(platform: Platform, tag: string, kind: string, product: Product | null, cart: Cart): string {
  const body = kind === 'product' ? `<h1>${product!.name}</h1><p>€${(product!.cents / 100).toFixed(2)}</p>${productMarkup(platform, product!)}`
    : kind === 'cart' ? `<h1>Cart</h1><ul>${cartMarkup(platform, cart)}</ul>`
      : `<h1>Tea shop</h1><ul>${PRODUCTS.map((p) => `<li><a href="/products/${p.id}">${p.name}</a></li>`).join('')}</ul>`;
  const structured = platform !== 'schema-order' ? ''
    : `<script type="application/ld+json" data-order>${JSON.stringify(schemaOrder(cart))}</script>${product ? `<script type="application/ld+json">${JSON.stringify({ '@context': 'https://schema.org', '@type': 'Product', name: product.name, sku: product.id, offers: { '@type': 'Offer', price: (product.cents / 100).toFixed(2), priceCurrency: 'EUR' } })}</script>` : ''}`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${kind}</title>${structured}
    <script>${themeScript(platform, kind, product, cart)}</script>${tag}</head>
    <body class="${platform === 'woocommerce' ? 'woocommerce woocommerce-page' : ''}"><nav><a href="/">Home</a> <a href="/cart" data-testid="cart-link">Cart</a> €<span id="cart-total">${(totalCents(cart) / 100).toFixed(2)}</span></nav>${body}</body></html>`;
}

async function json(req: IncomingMessage): Promise<Record<string, unknown>> {
  let text = '';
  for await (const chunk of req) text += chunk;
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

async function handle(platform: Platform, tag: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://x');
  const cart = cartOf(req, res);
  const send = (status: number, type: string, body: string) => {
    res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store' });
    res.end(body);
  };
  const byVariant = (v: unknown) => PRODUCTS.find((p) => String(p.variant) === String(v));
  if (req.method === 'POST' && url.pathname === '/api/change') {
    const body = await json(req);
    const id = String(body.id);
    const before = cart.get(id) ?? 0;
    const after = typeof body.set === 'number' ? body.set : Math.max(0, before + Number(body.delta));
    cart.set(id, after);
    return send(200, 'application/json', JSON.stringify({ applied: after - before, total: totalCents(cart), lines: lines(cart).map(({ p, quantity }) => ({ id: p.id, quantity })) }));
  }
  if (platform === 'shopify' && url.pathname === '/cart.js') return send(200, 'application/json', JSON.stringify(shopifyCart(cart)));
  if (platform === 'shopify' && req.method === 'POST' && url.pathname === '/cart/add.js') {
    const body = await json(req);
    const p = byVariant(body.id)!;
    cart.set(p.id, (cart.get(p.id) ?? 0) + Number(body.quantity ?? 1));
    return send(200, 'application/json', JSON.stringify({ id: p.variant, quantity: cart.get(p.id) }));
  }
  if (platform === 'shopify' && req.method === 'POST' && url.pathname === '/cart/change.js') {
    const body = await json(req);
    cart.set(byVariant(body.id)!.id, Number(body.quantity));
    return send(200, 'application/json', JSON.stringify(shopifyCart(cart)));
  }
  if (platform === 'woocommerce' && url.pathname === '/wp-json/wc/store/v1/cart') return send(200, 'application/json', JSON.stringify(wooCart(cart)));
  const product = /^\/products\/([\w-]+)$/.exec(url.pathname)?.[1];
  if (product && PRODUCTS.some((p) => p.id === product)) return send(200, 'text/html', page(platform, tag, 'product', PRODUCTS.find((p) => p.id === product)!, cart));
  if (url.pathname === '/cart') return send(200, 'text/html', page(platform, tag, 'cart', null, cart));
  if (url.pathname === '/') return send(200, 'text/html', page(platform, tag, 'home', null, cart));
  return send(404, 'text/plain', 'not found');
}

/** Starts a `platform` shop whose pages carry Tailor's tag pointing at `tailorUrl`. */
export async function startPlatformShop(platform: Platform, tailorUrl: string, triggers: string): Promise<PlatformShop> {
  const tag = `<script async src="${tailorUrl}/sdk/tailor.js" data-site="demo" data-endpoint="${tailorUrl}" data-debug data-triggers="${triggers}"></script>`;
  const server: Server = createServer((req, res) => {
    handle(platform, tag, req, res).catch((error: unknown) => {
      res.writeHead(500);
      res.end(String(error));
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, stop: () => new Promise((done) => server.close(() => done())) };
}
