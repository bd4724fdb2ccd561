/**
 * Calls `fn` when the page may be going away: `pagehide`, or the tab becoming
 * hidden (the last reliable moment on mobile, where `pagehide` may never fire).
 * `fn` gets the event: a `pagehide` with `persisted` means the page is entering the back/forward cache.
 * Returns a function that removes the listeners.
 */
export function onPageHide(fn: (e: Event) => void): () => void {
  const onVisibility = (e: Event) => {
    if (document.visibilityState === 'hidden') fn(e);
  };
  addEventListener('pagehide', fn, { capture: true });
  document.addEventListener('visibilitychange', onVisibility, { capture: true });
  return () => {
    removeEventListener('pagehide', fn, { capture: true });
    document.removeEventListener('visibilitychange', onVisibility, { capture: true });
  };
}
