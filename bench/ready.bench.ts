/**
 * Time from navigation start to `tailor.ready()` resolving, in headless
 * Chromium, on the cross-origin demo shop (blob-trampolined worker) and on the
 * same-origin strict-CSP shop. Each load uses a fresh context (cold HTTP cache).
 */
import { launchChromium } from '../test/e2e/lib/chromium';
import { figure, type Benchmark } from './lib/figure';

async function readyTimes(url: string, loads: number): Promise<number[]> {
  const browser = await launchChromium();
  const times: number[] = [];
  try {
    for (let i = 0; i < loads; i++) {
      const context = await browser.newContext();
      // A string: under tsx a named inner function would need a helper the page does not have.
      await context.addInitScript(`(() => {
        // Ask for ready() the moment the API exists, and note when it resolves.
        const poll = () => {
          const t = window.tailor;
          if (t && typeof t.ready === 'function') void t.ready().then((s) => (window.__readyAt = s.ok ? performance.now() : -1));
          else setTimeout(poll, 1);
        };
        poll();
      })()`);
      const page = await context.newPage();
      await page.goto(url);
      await page.waitForFunction(() => (window as unknown as { __readyAt?: number }).__readyAt !== undefined);
      const at = await page.evaluate(() => (window as unknown as { __readyAt: number }).__readyAt);
      if (at < 0) throw new Error(`tailor.ready() reported not ok on ${url}`);
      times.push(at);
      await context.close();
    }
  } finally {
    await browser.close();
  }
  return times;
}

export const benchmark: Benchmark = {
  title: 'Start-up',
  async run(ctx) {
    const loads = ctx.quick ? 5 : 15;
    return [
      figure('ready: navigation start → tailor.ready(), cross-origin shop', 'ms', await readyTimes(`${ctx.shopUrl}/`, loads), 'cold context per load; blob-trampolined module worker'),
      figure('ready: navigation start → tailor.ready(), same-origin strict CSP', 'ms', await readyTimes(`${ctx.strictShopUrl}/`, loads), 'cold context per load; direct module worker'),
    ];
  },
};
