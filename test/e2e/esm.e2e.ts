/**
 * The ES-module entry for shops built as apps: `import { init } from '…/sdk/tailor.mjs'`
 * loads the same loader, resolves with the page API, and tracking works.
 */
import { describe, expect, it } from 'vitest';
import { useShop } from './lib/useShop';
import { readStore } from './lib/idb';

const { server, browser } = useShop();

describe('ES-module entry', () => {
  it('init() installs Tailor from typed options and resolves with the API', async () => {
    const context = await browser().newContext();
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    // An HTML page with no Tailor tag of its own (the health JSON, shown as a document).
    await page.goto(`${server().tailorUrl}/healthz`);
    // A string, so the test runner does not rewrite the dynamic import.
    const result = (await page.evaluate(`(async () => {
      const { init } = await import(${JSON.stringify(`${server().tailorUrl}/sdk/tailor.mjs`)});
      const tailor = await init({ site: 'app-shop', endpoint: ${JSON.stringify(server().tailorUrl)}, locale: 'zh-CN' });
      tailor.track('app_opened', { screen: 'home' });
      const state = await tailor.ready();
      const again = await init({ site: 'ignored' });
      return { version: tailor.version, ok: state.ok, same: again === tailor, tags: document.querySelectorAll('script[data-tailor-esm]').length };
    })()`)) as { version: string; ok: boolean; same: boolean; tags: number };
    expect(result).toEqual({ version: '0.1.0', ok: true, same: true, tags: 1 });
    await expect.poll(async () => (await readStore(page)).filter((e) => e.name === 'custom').map((e) => e.props.name), { timeout: 10_000 }).toEqual(['app_opened']);
    expect(errors).toEqual([]);
    await context.close();
  });
});
