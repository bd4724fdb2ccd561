/**
 * Starts Tailor's module worker from its URL on Tailor's origin.
 *
 * Browsers refuse `new Worker(url)` for another origin's URL, and a merchant's
 * shop lives on its own origin. So when the origins differ we start a
 * same-origin blob worker whose only line imports the real module (served with
 * CORS). Module imports resolve against the imported module's own URL, so the
 * worker's lazy chunks still load from Tailor's origin. When the origins match
 * we use the URL directly, which keeps a strict `worker-src 'self'` CSP happy.
 *
 * The blob also names the chunks the worker imports (`deps`, known at build time), so the browser requests them
 * together with the worker module instead of after it has arrived and been parsed: one round trip fewer.
 */
export interface StartedWorker {
  worker: Worker;
  /** Frees the blob URL, if one was made; call once the worker has answered. */
  release(): void;
}

/** Starts the worker; throws (to the caller, which degrades) when the browser refuses. */
export function startWorker(workerUrl: string, pageOrigin: string = location.origin, deps: readonly string[] = []): StartedWorker {
  const url = new URL(workerUrl, location.href);
  if (url.origin === pageOrigin) {
    return { worker: new Worker(url, { type: 'module', name: 'tailor' }), release: () => {} };
  }
  // Dependencies first: evaluation order is the worker's own import order anyway (they are its static imports).
  const source = [...deps.map((d) => new URL(d, url).href), url.href].map((href) => `import ${JSON.stringify(href)};`).join('\n');
  const blobUrl = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
  try {
    return { worker: new Worker(blobUrl, { type: 'module', name: 'tailor' }), release: () => URL.revokeObjectURL(blobUrl) };
  } catch (error) {
    URL.revokeObjectURL(blobUrl);
    throw error;
  }
}
