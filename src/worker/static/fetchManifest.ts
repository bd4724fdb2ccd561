/**
 * Fetches Tailor's own data manifest, a static file served beside the SDK.
 * Like the model loader, this may only read Tailor's static files: it sends
 * nothing about the shopper (no body, no cookies, no Referer).
 */
export async function fetchManifest(sdkBase: string): Promise<unknown> {
  try {
    const response = await fetch(new URL('tailor-manifest.json', sdkBase), { credentials: 'omit', referrerPolicy: 'no-referrer' });
    return response.ok ? await response.json() : null;
  } catch {
    return null;
  }
}
