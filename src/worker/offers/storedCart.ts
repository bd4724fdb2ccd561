/** The device's cart from the store: the cart events (by the `by-name` index, not every event) folded in store order. */
import { CART_EVENT_NAMES, cartFromEvents, type CartState } from '../../core/cart/cartModel';
import type { Store } from '../store/store';

/** The cart every tab of the shop knows, from `store`. */
export async function storedCart(store: Store): Promise<CartState> {
  return cartFromEvents(await store.eventsNamed(CART_EVENT_NAMES));
}
