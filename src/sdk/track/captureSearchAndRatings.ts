/**
 * On-site search (from the results page URL or a submitted search form) and
 * product ratings the shopper submits through a form that exposes a `rating`
 * field. The query is kept locally only, like everything else.
 */
import type { Capture } from './context';

const QUERY_PARAMS = ['q', 'query', 's', 'search'];

function ratingFrom(form: HTMLFormElement): number | null {
  const field = form.querySelector<HTMLInputElement | HTMLSelectElement>(
    'input[name*="rating" i]:checked, select[name*="rating" i], input[name*="rating" i]:not([type="radio"])',
  );
  const value = field ? Number(field.value) : NaN;
  return Number.isFinite(value) ? value : null;
}

export const captureSearchAndRatings: Capture = (ctx) => {
  let lastQuery = '';
  const fromUrl = () => {
    if (ctx.page.type !== 'search') return;
    const params = new URLSearchParams(location.search);
    const q = QUERY_PARAMS.map((p) => params.get(p)).find((v) => v && v.trim());
    if (q && q !== lastQuery) {
      lastQuery = q;
      ctx.emit({ name: 'search', props: { query: q } });
    }
  };
  const onSubmit = (e: SubmitEvent) => {
    const form = e.target;
    if (!(form instanceof HTMLFormElement)) return;
    const search = form.querySelector<HTMLInputElement>('input[type="search"], input[name="q"], input[name="query"]');
    if (search?.value.trim() && search.value !== lastQuery) {
      lastQuery = search.value;
      ctx.emit({ name: 'search', props: { query: search.value } });
      return;
    }
    const rating = ratingFrom(form);
    const productId = form.dataset.productId || ctx.page.productId;
    if (rating !== null && productId) {
      const review = form.querySelector<HTMLTextAreaElement>('textarea');
      ctx.emit({ name: 'rating', props: { product_id: productId, rating, has_review: Boolean(review?.value.trim()) } });
    }
  };
  fromUrl();
  ctx.onPageView(fromUrl);
  document.addEventListener('submit', onSubmit, { capture: true });
  return () => document.removeEventListener('submit', onSubmit, { capture: true });
};
