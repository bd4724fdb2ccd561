/**
 * Finds and launches Debian's Chromium for the end-to-end tests.
 * Never downloads a browser: CHROME_PATH, then /usr/bin/chromium.
 */
import { chromium, type Browser } from 'playwright-core';
import { existsSync } from 'node:fs';

/** Flags that keep Chromium off the (closed) network and out of first-run UI. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** Path of the Chromium binary, or a clear error saying how to install it. */
export function chromiumPath(): string {
  const candidates = [process.env.CHROME_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean) as string[];
  const found = candidates.find((p) => existsSync(p));
  if (!found) {
    throw new Error(
      'Chromium not found. Install it with `sudo apt-get install -y chromium` (Debian/Ubuntu) or set CHROME_PATH. ' +
        'Do not use `npx playwright install`.',
    );
  }
  return found;
}

/**
 * Launches headless Chromium. Playwright's `launch` always starts from a new,
 * empty temporary profile, and every test context is a fresh incognito-like
 * context on top of it.
 */
export async function launchChromium(extraArgs: string[] = [], options: { backForwardCache?: boolean } = {}): Promise<Browser> {
  // Playwright turns the back/forward cache off by default; the bfcache test turns it back on.
  const ignoreDefaultArgs = options.backForwardCache ? ['--disable-back-forward-cache'] : [];
  return chromium.launch({ executablePath: chromiumPath(), headless: true, args: [...CHROMIUM_ARGS, ...extraArgs], ignoreDefaultArgs });
}
