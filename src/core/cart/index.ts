/** The device's cart, folded from stored events: lines, value, and the order value an offer is priced on. */
export { CART_EVENT_NAMES, EMPTY_CART, cartFromEvents, cartIsEmpty, cartKey, foldCart, orderValueOf, type CartLine, type CartState } from './cartModel';
export { cartFromShopify, cartFromWooStore, type PlatformCart } from './platformCarts';
