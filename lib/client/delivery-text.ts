import type { Delivery } from "@/lib/shared/types";

/** The sender's per-recipient feedback for a direct message. */
export function deliveryText(delivery: Delivery): string {
  const name = delivery.user.username;
  return delivery.online ? `delivered to ${name}` : `${name} is offline — saved, will be delivered when they log in`;
}
