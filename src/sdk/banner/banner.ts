/** The banner chunk: loaded lazily, only when an offer is shown. */
export { showBanner, type BannerHandle, type BannerInteraction, type BannerOptions } from './showBanner';
