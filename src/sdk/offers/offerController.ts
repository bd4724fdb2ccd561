/**
 * Turns triggers into at most one banner per tab: asks the worker, loads the
 * banner chunk only when there is something to show, reports the shopper's
 * interactions as tracked events, and closes the banner in every tab of the
 * shop when it is dismissed in one (BroadcastChannel).
 */
import type { Locale } from '../../core/config';
import type { OfferRequest, OfferView, Trigger } from '../../worker/protocol';
import type { Logger } from '../../core/logger';
import type { TailorEventInput } from '../../core/events/schema';
import type { BannerHandle } from '../banner/banner';
import { watchTriggers, type TriggerConfig, type TriggerSources } from './triggers';

/** What the controller needs. */
export interface OfferControllerDeps {
  locale: Locale;
  log: Logger;
  triggers: TriggerConfig;
  sources: TriggerSources;
  /** The product viewed on this page, if any, for the order value (the worker adds the cart). */
  context(): { productPrice: number | null; productId?: string; category?: string };
  decide(request: OfferRequest): Promise<OfferView | null>;
  dismiss(decisionId: string): Promise<void>;
  emit(input: TailorEventInput): void;
  theme?: Record<string, unknown>;
}

const CHANNEL = 'tailor-offers';

/** A running controller. */
export interface OfferController {
  stop(): void;
  /** Runs a trigger now (the same path the watchers take); resolves when the banner is shown or not. */
  fire(trigger: Trigger): Promise<void>;
}

/** Starts the controller. */
export function startOffers(deps: OfferControllerDeps): OfferController {
  let banner: BannerHandle | null = null;
  let busy = false;
  let queue: Promise<void> = Promise.resolve();
  let channel: BroadcastChannel | null = null;
  try {
    channel = new BroadcastChannel(CHANNEL);
    channel.onmessage = (e: MessageEvent<{ type?: string; decisionId?: string }>) => {
      if (e.data?.type === 'dismissed' && banner && banner.decisionId === e.data.decisionId) banner.close();
    };
  } catch {
    // No BroadcastChannel: the shared cool-down in IndexedDB still keeps other tabs quiet next time.
  }

  const onTrigger = async (trigger: Trigger) => {
    if (banner || busy) return;
    busy = true;
    try {
      const { productPrice, productId, category } = deps.context();
      const offer = await deps.decide({ trigger, pageType: deps.sources.pageType(), productPrice, ...(productId ? { productId } : {}), ...(category ? { category } : {}) });
      if (!offer || banner) return;
      const { showBanner } = await import('../banner/banner');
      const meta = { tier: offer.tier, offer_id: offer.decisionId };
      banner = showBanner(offer, {
        locale: deps.locale,
        ...(deps.theme ? { theme: deps.theme } : {}),
        onInteraction: (kind) => {
          if (kind === 'useful' || kind === 'not_useful') {
            deps.emit({ name: 'offer_feedback', props: { ...meta, useful: kind === 'useful' } });
            return;
          }
          deps.emit({ name: `offer_${kind}`, props: meta } as TailorEventInput);
          if (kind === 'dismissed') {
            void deps.dismiss(offer.decisionId).catch((e: unknown) => deps.log.warn('dismiss not recorded:', e));
            channel?.postMessage({ type: 'dismissed', decisionId: offer.decisionId });
          }
        },
        onClose: () => (banner = null),
      });
    } catch (error) {
      deps.log.warn('no offer shown:', error instanceof Error ? error.message : error);
    } finally {
      busy = false;
    }
  };
  // A tab the shopper is not looking at decides nothing (idle_cart would fire in every open tab at once); the
  // visible tab's decision is the one, and the worker's lock keeps two visible windows to one.
  const stop = watchTriggers(deps.triggers, deps.sources, (t) => {
    if (typeof document !== 'undefined' && document.visibilityState === 'hidden') return;
    void onTrigger(t);
  });
  return {
    stop() {
      stop();
      banner?.close();
      channel?.close();
    },
    // Explicit fires (debug, tests) wait for a decision in flight instead of being dropped.
    fire: (t: Trigger) => (queue = queue.then(async () => {
      while (busy) await new Promise((r) => setTimeout(r, 50));
      await onTrigger(t);
    })),
  };
}
