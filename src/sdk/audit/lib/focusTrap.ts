/**
 * Keeps Tab and Shift+Tab inside a modal. A native `<dialog>` opened with `showModal()` makes the page inert,
 * but Tab can still leave for the browser's own UI, and without `showModal()` (old browsers) nothing holds
 * focus at all; wrapping from the last control to the first (and back) works the same everywhere.
 */

const FOCUSABLE = 'button:not([disabled]), summary, a[href], [tabindex="0"]';

/** Focusable elements inside `container`, in document order, skipping those in closed `<details>` bodies. */
export function focusables(container: ParentNode): HTMLElement[] {
  return [...container.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((node) => {
    const details = node.parentElement?.closest('details');
    return !details || details.open || (node.tagName === 'SUMMARY' && node.parentElement === details);
  });
}

/** Wraps focus within `container`; `active()` reads the focused element (a shadow root's `activeElement`). */
export function trapFocus(container: HTMLElement, active: () => Element | null): void {
  container.addEventListener('keydown', (e) => {
    if (e.key !== 'Tab') return;
    const items = focusables(container);
    const first = items[0];
    const last = items[items.length - 1];
    if (!first || !last) {
      e.preventDefault();
      return;
    }
    const current = active();
    const inside = current !== null && items.includes(current as HTMLElement);
    if (e.shiftKey && (current === first || !inside)) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && (current === last || !inside)) {
      e.preventDefault();
      first.focus();
    }
  });
}
