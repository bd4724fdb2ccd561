/**
 * Starts Tailor's module worker from its URL on Tailor's origin.
 *
 * Browsers refuse `new Worker(url)` for another origin's URL, and a merchant's
 * shop lives on its own origin. So when the origins differ we start a
 * same-origin blob worker whose only line imports the real module (served with
 * CORS). Module imports resolve against the imported module's own URL, so the
 * worker's lazy chunks still load from Tailor's origin. When the origins match
 * we use the URL directly, which keeps a strict `worker-src 'self'` CSP happy.
 */
export interface StartedWorker {
  worker: Worker;
  /** Frees the blob URL, if one was made; call once the worker has answered. */
  release(): void;
}

/** Starts the worker; throws (to the caller, which degrades) when the browser refuses. */
export function startWorker(workerUrl: string, pageOrigin: string = location.origin): StartedWorker {
  const url = new URL(workerUrl, location.href);
  if (url.origin === pageOrigin) {
    return { worker: new Worker(url, { type: 'module', name: 'tailor' }), release: () => {} };
  }
  const source = `import ${JSON.stringify(url.href)};`;
  const blobUrl = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
  try {
    return { worker: new Worker(blobUrl, { type: 'module', name: 'tailor' }), release: () => URL.revokeObjectURL(blobUrl) };
  } catch (error) {
    URL.revokeObjectURL(blobUrl);
    throw error;
  }
}
