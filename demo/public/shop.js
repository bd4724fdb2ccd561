/*
 * Ember & Leaf demo shop: cart (localStorage), checkout with coupon, and GA4-style ecommerce events in
 * window.dataLayer, the way real stores push them. Plain ES2020, no build step, no innerHTML.
 *
 * Loaded as a blocking script in <head> right after the page-data block, so page-level events (view_item,
 * view_item_list, view_cart, begin_checkout, purchase) are in dataLayer before the async Tailor tag can run;
 * DOM wiring waits for DOMContentLoaded.
 */
(() => {
  'use strict';

  const CART_KEY = 'ember-leaf:cart';
  const PENDING_ORDER_KEY = 'ember-leaf:pending-order';
  const RATINGS_KEY = 'ember-leaf:ratings';
  const BRAND = 'Ember & Leaf';
  const MAX_QTY = 99;
  const COUPON_TIMEOUT_MS = 8000;

  const dataEl = document.getElementById('shop-data');
  if (!dataEl) return;
  let data;
  try {
    data = JSON.parse(dataEl.textContent || '');
  } catch {
    return;
  }
  const { catalog, t, locale, currency } = data;
  window.dataLayer = window.dataLayer || []; // as the GTM snippet does, so the array exists even on quiet pages

  const fmt = (template, params) =>
    template.replace(/\{(\w+)\}/g, (whole, name) => (name in params ? String(params[name]) : whole));
  const moneyFormat = new Intl.NumberFormat(locale, { style: 'currency', currency });
  const money = (cents) => moneyFormat.format(cents / 100);
  const units = (cents) => Math.round(cents) / 100;

  // ---- storage (may be blocked or full: the shop keeps working, it just forgets) ----
  function readJson(area, key) {
    try {
      const raw = window[area].getItem(key);
      return raw ? JSON.parse(raw) : null;
    } catch {
      return null;
    }
  }
  function writeJson(area, key, value) {
    try {
      if (value === null) window[area].removeItem(key);
      else window[area].setItem(key, JSON.stringify(value));
    } catch {
      /* ignored on purpose, see above */
    }
  }

  /** Cart lines [{ id, qty }], dropping anything unknown or malformed (the catalogue may have changed). */
  function readCart() {
    const raw = readJson('localStorage', CART_KEY);
    if (!Array.isArray(raw)) return [];
    return raw
      .filter((l) => l && typeof l.id === 'string' && catalog[l.id] && Number.isInteger(l.qty) && l.qty > 0)
      .map((l) => ({ id: l.id, qty: Math.min(l.qty, MAX_QTY) }));
  }
  const writeCart = (lines) => writeJson('localStorage', CART_KEY, lines);
  const cartCount = (lines) => lines.reduce((n, l) => n + l.qty, 0);

  function totals(lines, tier) {
    const subtotal = lines.reduce((sum, l) => sum + catalog[l.id].priceCents * l.qty, 0);
    const discount = tier > 0 ? Math.round((subtotal * tier) / 100) : 0;
    const net = subtotal - discount;
    const shipping = lines.length === 0 || net >= data.freeShippingThresholdCents ? 0 : data.shippingCents;
    return { subtotal, discount, net, shipping, total: net + shipping };
  }

  // ---- dataLayer (GA4 ecommerce) ----
  function gaItem(id, quantity, extra) {
    const p = catalog[id];
    const item = {
      item_id: p.id,
      item_name: p.name,
      item_brand: BRAND,
      item_category: p.category,
      price: units(p.priceCents),
      quantity,
    };
    if (p.listPriceCents > p.priceCents) item.discount = units(p.listPriceCents - p.priceCents);
    return Object.assign(item, extra);
  }
  const gaItems = (lines) => lines.map((l) => gaItem(l.id, l.qty));

  // window.dataLayer is looked up on every push: a tag manager or Tailor may have wrapped its push method since.
  const dataLayer = () => (window.dataLayer = window.dataLayer || []);
  function pushEcommerce(event, ecommerce) {
    dataLayer().push({ ecommerce: null }); // Google's advice: clear the previous ecommerce object first.
    dataLayer().push({ event, ecommerce: Object.assign({ currency }, ecommerce) });
  }
  function pushCartChange(id, delta) {
    if (delta === 0) return;
    const qty = Math.abs(delta);
    pushEcommerce(delta > 0 ? 'add_to_cart' : 'remove_from_cart', {
      value: units(catalog[id].priceCents * qty),
      items: [gaItem(id, qty)],
    });
  }

  let completedOrder = null;
  function pushPageEvents() {
    const page = data.page;
    if (page === 'product' && catalog[data.itemId]) {
      const item = gaItem(data.itemId, 1);
      pushEcommerce('view_item', { value: item.price, items: [item] });
    }
    if (page === 'search' && data.searchTerm) dataLayer().push({ event: 'search', search_term: data.searchTerm });
    if (data.list && data.list.itemIds.length > 0) {
      const list = { item_list_id: data.list.id, item_list_name: data.list.name };
      const items = data.list.itemIds.filter((id) => catalog[id]).map((id, index) => gaItem(id, 1, Object.assign({ index }, list)));
      pushEcommerce('view_item_list', Object.assign({}, list, { items }));
    }
    const lines = readCart();
    if ((page === 'cart' || page === 'checkout') && lines.length > 0) {
      pushEcommerce(page === 'cart' ? 'view_cart' : 'begin_checkout', { value: units(totals(lines, 0).subtotal), items: gaItems(lines) });
    }
    const pending = page === 'thank-you' ? readJson('sessionStorage', PENDING_ORDER_KEY) : null;
    if (pending && data.orderId && pending.id === data.orderId && Array.isArray(pending.lines)) {
      // Pushed here, on the confirmation page, and only once: the pending order is consumed.
      const ecommerce = {
        transaction_id: pending.id,
        value: units(pending.netCents),
        shipping: units(pending.shippingCents),
        tax: 0,
        items: gaItems(pending.lines.filter((l) => catalog[l.id])),
      };
      if (pending.coupon) ecommerce.coupon = pending.coupon;
      pushEcommerce('purchase', ecommerce);
      writeJson('sessionStorage', PENDING_ORDER_KEY, null);
      writeCart([]);
      completedOrder = pending;
    }
  }

  // ---- DOM helpers ----
  function el(tag, attrs, children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) {
      if (name === 'text') node.textContent = value;
      else node.setAttribute(name, value);
    }
    for (const child of children || []) node.append(child);
    return node;
  }
  const $ = (selector, root) => (root || document).querySelector(selector);
  const setText = (selector, text, root) => {
    const node = $(selector, root);
    if (node) node.textContent = text;
  };

  function updateCartCount() {
    const count = String(cartCount(readCart()));
    document.querySelectorAll('[data-cart-count]').forEach((n) => (n.textContent = count));
  }

  let toastTimer = 0;
  function toast(message) {
    const box = $('[data-toast]');
    if (!box) return;
    box.replaceChildren(el('span', { text: message }), ' ', el('a', { href: data.hrefs.cart, 'data-testid': 'toast-cart-link', text: t.viewCart }));
    box.hidden = false;
    clearTimeout(toastTimer);
    toastTimer = setTimeout(() => (box.hidden = true), 4000);
  }

  function addToCart(id, qty) {
    if (!catalog[id] || !catalog[id].available) return;
    const lines = readCart();
    const line = lines.find((l) => l.id === id);
    const before = line ? line.qty : 0;
    const after = Math.min(before + qty, MAX_QTY);
    if (line) line.qty = after;
    else lines.push({ id, qty: after });
    writeCart(lines);
    pushCartChange(id, after - before);
    updateCartCount();
    toast(fmt(t.addedToCart, { name: catalog[id].name }));
  }

  function setQty(id, qty) {
    const lines = readCart();
    const line = lines.find((l) => l.id === id);
    if (!line) return;
    const after = Math.max(0, Math.min(qty, MAX_QTY));
    pushCartChange(id, after - line.qty);
    writeCart(after === 0 ? lines.filter((l) => l !== line) : lines.map((l) => (l === line ? { id, qty: after } : l)));
    updateCartCount();
    renderCart();
  }

  function fillTotals(root, sums, coupon) {
    setText('[data-subtotal]', money(sums.subtotal), root);
    setText('[data-shipping]', sums.shipping === 0 ? t.shippingFree : money(sums.shipping), root);
    setText('[data-total]', money(sums.total), root);
    const discountRow = $('[data-discount-row]', root);
    if (discountRow) {
      discountRow.hidden = !coupon;
      if (coupon) {
        setText('[data-discount-label]', fmt(t.discount, { code: coupon.code }), root);
        setText('[data-discount]', `−${money(sums.discount)}`, root);
      }
    }
    const missing = data.freeShippingThresholdCents - sums.net;
    setText('[data-shipping-hint]', sums.subtotal > 0 && missing > 0 ? fmt(t.freeShippingHint, { amount: money(missing) }) : '', root);
  }

  function emptyState() {
    return el('li', { class: 'empty-state', 'data-testid': 'cart-empty' }, [
      el('p', { text: t.cartEmpty }),
      el('a', { class: 'btn btn-primary', href: data.hrefs.home, text: t.continueShopping }),
    ]);
  }

  function renderCart() {
    const root = $('[data-cart]');
    if (!root) return;
    const lines = readCart();
    const rows = lines.map(({ id, qty }) => {
      const p = catalog[id];
      const button = (label, text, testid, next) => {
        const b = el('button', { type: 'button', class: 'qty-btn', 'aria-label': label, 'data-testid': testid, text });
        b.addEventListener('click', () => setQty(id, next));
        return b;
      };
      const remove = el('button', { type: 'button', class: 'link-btn', 'data-testid': 'cart-remove', text: t.remove });
      remove.addEventListener('click', () => setQty(id, 0));
      return el('li', { class: 'cart-line', 'data-testid': 'cart-item', 'data-product-id': id }, [
        el('img', { src: p.image, alt: '', width: '72', height: '72' }),
        el('div', { class: 'cart-line-info' }, [
          el('a', { href: p.url, text: p.name }),
          el('span', { class: 'muted', text: fmt(t.each, { price: money(p.priceCents) }) }),
          remove,
        ]),
        el('div', { class: 'qty', role: 'group', 'aria-label': t.quantity }, [
          button(t.decrease, '−', 'cart-qty-dec', qty - 1),
          el('span', { class: 'qty-value', 'data-testid': 'cart-qty', text: String(qty) }),
          button(t.increase, '+', 'cart-qty-inc', qty + 1),
        ]),
        el('span', { class: 'cart-line-total', text: money(p.priceCents * qty) }),
      ]);
    });
    $('[data-cart-lines]', root).replaceChildren(...(rows.length > 0 ? rows : [emptyState()]));
    fillTotals(root, totals(lines, 0), null);
    const checkout = $('[data-checkout-link]', root);
    if (checkout) checkout.classList.toggle('is-disabled', lines.length === 0);
    if (checkout) checkout.setAttribute('aria-disabled', String(lines.length === 0));
  }

  // ---- checkout ----
  let coupon = null; // { code, tier } once the coupon service accepted a code
  function renderCheckout() {
    const form = $('[data-checkout-form]');
    if (!form) return;
    const lines = readCart();
    const rows = lines.map(({ id, qty }) =>
      el('li', { class: 'summary-line' }, [
        el('span', { text: `${catalog[id].name} × ${qty}` }),
        el('span', { text: money(catalog[id].priceCents * qty) }),
      ]),
    );
    $('[data-summary-lines]', form).replaceChildren(...(rows.length > 0 ? rows : [emptyState()]));
    fillTotals(form, totals(lines, coupon ? coupon.tier : 0), coupon);
  }

  function couponMessage(text, kind) {
    const box = $('[data-coupon-message]');
    box.textContent = text;
    box.dataset.kind = kind;
  }

  /** The server's own words when it sent any (JSON { error } or { message }), else our generic message. */
  function serverError(body) {
    const candidate = body && (body.error && body.error.message ? body.error.message : body.error || body.message);
    return typeof candidate === 'string' && candidate.trim() ? candidate.trim().slice(0, 200) : t.couponInvalid;
  }

  async function applyCoupon() {
    const input = $('[data-coupon-input]');
    const button = $('[data-coupon-apply]');
    const code = input.value.trim();
    if (!code) return couponMessage(t.couponEmpty, 'error');
    const orderValue = units(totals(readCart(), 0).subtotal);
    button.disabled = true;
    button.textContent = t.couponApplying;
    couponMessage('', 'pending');
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), COUPON_TIMEOUT_MS);
    let response;
    let body = null;
    try {
      response = await fetch(data.couponUrl, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ code, orderValue }),
        signal: controller.signal,
      });
      body = await response.json().catch(() => null); // a proxy's HTML error page is not JSON
    } catch {
      response = null;
    } finally {
      clearTimeout(timer);
      button.disabled = false;
      button.textContent = t.couponApply;
    }
    if (!response) {
      couponMessage(t.couponNetworkError, 'error');
    } else if (response.ok && body && body.ok === true && typeof body.tier === 'number' && body.tier > 0 && body.tier < 100) {
      coupon = { code, tier: body.tier };
      couponMessage(fmt(t.couponApplied, { code, percent: body.tier }), 'success');
    } else {
      coupon = null;
      couponMessage(serverError(body), 'error');
    }
    renderCheckout();
  }

  function newOrderId() {
    const random = crypto.getRandomValues(new Uint8Array(2));
    const hex = Array.from(random, (b) => b.toString(16).padStart(2, '0')).join('').toUpperCase();
    return `EL-${Date.now().toString(36).toUpperCase()}-${hex}`;
  }

  function wireCheckout() {
    const form = $('[data-checkout-form]');
    if (!form) return;
    $('[data-coupon-apply]', form).addEventListener('click', applyCoupon);
    $('[data-coupon-input]', form).addEventListener('keydown', (e) => {
      if (e.key !== 'Enter') return;
      e.preventDefault(); // Enter in the coupon box applies the coupon instead of placing the order
      applyCoupon();
    });
    form.addEventListener('submit', (e) => {
      const lines = readCart();
      const error = $('[data-checkout-error]', form);
      if (lines.length === 0) {
        e.preventDefault();
        error.textContent = t.checkoutEmpty;
        error.hidden = false;
        return;
      }
      const id = newOrderId();
      $('[data-order-input]', form).value = id;
      const sums = totals(lines, coupon ? coupon.tier : 0);
      writeJson('sessionStorage', PENDING_ORDER_KEY, {
        id,
        lines,
        coupon: coupon ? coupon.code : null,
        tier: coupon ? coupon.tier : 0,
        netCents: sums.net,
        shippingCents: sums.shipping,
        totalCents: sums.total,
      });
    });
    renderCheckout();
  }

  function renderCompletedOrder() {
    const list = $('[data-order-lines]');
    if (!list || !completedOrder) return;
    list.replaceChildren(
      ...completedOrder.lines.filter((l) => catalog[l.id]).map((l) =>
        el('li', { class: 'summary-line' }, [el('span', { text: `${catalog[l.id].name} × ${l.qty}` }), el('span', { text: money(catalog[l.id].priceCents * l.qty) })]),
      ),
    );
    setText('[data-order-total]', money(completedOrder.totalCents));
    $('[data-order-totals]').hidden = false;
  }

  function wireRating() {
    const form = $('[data-rate-form]');
    if (!form) return;
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const checked = $('input[name="rating"]:checked', form);
      if (!checked) return;
      const rating = Number(checked.value);
      const ratings = readJson('localStorage', RATINGS_KEY) || {};
      ratings[form.dataset.productId] = rating;
      writeJson('localStorage', RATINGS_KEY, ratings);
      dataLayer().push({ event: 'rate_item', item_id: form.dataset.productId, rating });
      $('[data-rate-thanks]', form).hidden = false;
    });
  }

  function wire() {
    updateCartCount();
    document.addEventListener('click', (e) => {
      const quick = e.target instanceof Element ? e.target.closest('[data-quick-add]') : null;
      if (quick) addToCart(quick.dataset.productId, 1);
      const disabled = e.target instanceof Element ? e.target.closest('a[aria-disabled="true"]') : null;
      if (disabled) e.preventDefault();
    });
    const addForm = $('[data-add-form]');
    if (addForm) {
      addForm.addEventListener('submit', (e) => {
        e.preventDefault();
        const qty = Number.parseInt($('[data-qty-input]', addForm).value, 10);
        addToCart(addForm.dataset.productId, Number.isInteger(qty) && qty > 0 ? Math.min(qty, MAX_QTY) : 1);
      });
    }
    const search = $('[data-search-form]');
    if (search) {
      search.addEventListener('submit', (e) => {
        const input = $('input[name="q"]', search);
        if (input.value.trim() === '') {
          e.preventDefault();
          input.focus();
        }
      });
    }
    renderCart();
    wireCheckout();
    renderCompletedOrder();
    wireRating();
    // Another tab changed the cart: keep this tab's count and cart view honest.
    window.addEventListener('storage', (e) => {
      if (e.key !== CART_KEY) return;
      updateCartCount();
      renderCart();
      renderCheckout();
    });
  }

  pushPageEvents();
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', wire);
  else wire();
})();
