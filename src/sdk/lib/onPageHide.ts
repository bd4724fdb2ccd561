/**
 * Calls `fn` when the page may be going away: `pagehide`, or the tab becoming
 * hidden (the last reliable moment on mobile, where `pagehide` may never fire).
 * Returns a function that removes the listeners.
 */
export function onPageHide(fn: () => void): () => void {
  const onVisibility = () => {
    if (document.visibilityState === 'hidden') fn();
  };
  addEventListener('pagehide', fn, { capture: true });
  document.addEventListener('visibilitychange', onVisibility, { capture: true });
  return () => {
    removeEventListener('pagehide', fn, { capture: true });
    document.removeEventListener('visibilitychange', onVisibility, { capture: true });
  };
}
