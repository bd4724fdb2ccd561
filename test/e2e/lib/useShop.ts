/**
 * The server and the browser an end-to-end suite runs against: started in `beforeAll`, stopped in
 * `afterAll` of the suite that calls these (the file, or one `describe`). They hand back getters,
 * because the values only exist once the hooks ran: call them inside hooks and tests.
 */
import { afterAll, beforeAll } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from './chromium';
import { startServer, type RunningServer } from './server';

/** Environment of the server process: fixed, or computed in `beforeAll` from what earlier hooks prepared. */
export type ServerEnv = Record<string, string> | (() => Record<string, string>);

/** What {@link useShop} starts. */
export interface ShopOptions {
  env?: ServerEnv;
  /** Extra Chromium flags. */
  chromiumArgs?: string[];
}

/** Getters of the running server and browser. */
export interface Shop {
  server: () => RunningServer;
  browser: () => Browser;
}

function getter<T>(what: string, hook: string, value: () => T | undefined): () => T {
  return () => {
    const current = value();
    if (current === undefined) throw new Error(`the ${what} of '${hook}' was read before its beforeAll started it (read it inside hooks and tests)`);
    return current;
  };
}

/** Starts `src/server/main.ts` with `env` (fresh database, free ports) for the calling suite. */
export function useServer(env: ServerEnv = {}): () => RunningServer {
  let server: RunningServer | undefined;
  beforeAll(async () => {
    server = await startServer(typeof env === 'function' ? env() : env);
  });
  afterAll(async () => server?.stop());
  return getter('server', 'useServer', () => server);
}

/** Launches headless Chromium (with `args` added) for the calling suite. */
export function useBrowser(args: string[] = []): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchChromium(args);
  });
  afterAll(async () => browser?.close());
  return getter('browser', 'useBrowser', () => browser);
}

/**
 * The server, then the browser; after the suite the browser closes first (vitest runs `afterAll`
 * hooks in reverse), then the server stops.
 */
export function useShop(options: ShopOptions = {}): Shop {
  const server = useServer(options.env);
  const browser = useBrowser(options.chromiumArgs);
  return { server, browser };
}
