/**
 * The one owner of `window.dataLayer.push` for Tailor: the tracker (ecommerce) and the consent reader (Consent
 * Mode) both listen here, so the page's push is wrapped once. The wrapper runs the page's push first and returns
 * exactly what it returned; a listener that throws never reaches the page.
 *
 * A page may have made `push` read-only or frozen the array. Then nothing is wrapped: new entries are read by
 * polling the array's length (every {@link POLL_MS}, and at page hide), so nothing the page pushes is missed and
 * nothing Tailor does can throw into the page.
 */

type DataLayer = unknown[] & { push: (...items: unknown[]) => number };
type Listener = (entry: unknown) => void;

/** How often a dataLayer whose push could not be wrapped is read for new entries. */
export const POLL_MS = 250;

interface Observer {
  listeners: Set<Listener>;
  stop: () => void;
  /** Reads entries pushed since the last poll (polled mode; nothing to do when wrapped). */
  poll: () => void;
  /** 'wrapped', or 'polled' when push could not be replaced. */
  mode: 'wrapped' | 'polled';
}

const observers = new WeakMap<object, Observer>();

function start(dl: DataLayer): Observer {
  const listeners = new Set<Listener>();
  const deliver = (entry: unknown) => {
    for (const fn of listeners) {
      try {
        fn(entry);
      } catch {
        // A listener's bug is Tailor's problem, never the page's.
      }
    }
  };
  const original = dl.push;
  const wrapped = function (this: unknown, ...items: unknown[]): number {
    const result = original.apply(this, items);
    for (const item of items) deliver(item);
    return result;
  };
  try {
    dl.push = wrapped;
  } catch {
    // Read-only push (or a frozen array): fall through to polling.
  }
  if (dl.push === wrapped) {
    return { listeners, mode: 'wrapped', poll: () => {}, stop: () => { try { if (dl.push === wrapped) dl.push = original; } catch { /* nothing to undo */ } } };
  }
  let seen = dl.length;
  const poll = () => {
    while (seen < dl.length) deliver(dl[seen++]);
  };
  const timer = setInterval(poll, POLL_MS);
  addEventListener('pagehide', poll);
  return { listeners, mode: 'polled', poll, stop: () => { clearInterval(timer); removeEventListener('pagehide', poll); } };
}

/**
 * Calls `listener` with every entry pushed to `dl` from now on (entries already there are the caller's to read).
 * Returns the unsubscribe; the wrapper goes when its last listener does. `mode` says how entries are seen.
 */
export function observeDataLayer(dl: DataLayer, listener: Listener): { stop: () => void; poll: () => void; mode: 'wrapped' | 'polled' } {
  let observer = observers.get(dl);
  if (!observer) {
    observer = start(dl);
    observers.set(dl, observer);
  }
  const current = observer;
  current.listeners.add(listener);
  return {
    mode: current.mode,
    poll: () => current.poll(),
    stop() {
      current.listeners.delete(listener);
      if (current.listeners.size === 0) {
        current.stop();
        observers.delete(dl);
      }
    },
  };
}
