/** Flat-rate shipping charged below the free-shipping threshold, in cents. */
export const SHIPPING_CENTS = 495;

/** Orders at or above this value (after any coupon) ship free; shown in the promo bar and applied by shop.js. */
export const FREE_SHIPPING_THRESHOLD_CENTS = 5000;
