import { z } from "@/lib/shared/schemas/zod";

/** Base64url of exactly `bytes` bytes; counted from the length so it also runs in the browser. */
const base64url = (bytes: number, message: string) =>
  z
    .string({ error: message })
    .regex(/^[A-Za-z0-9_-]+={0,2}$/, message)
    .refine((s) => Math.floor((s.replace(/=+$/, "").length * 3) / 4) === bytes, message);

/**
 * The JSON of a browser's `PushSubscription` (`subscription.toJSON()`).
 * p256dh is an uncompressed P-256 point (65 bytes), auth a 16-byte secret (RFC 8291).
 */
export const pushSubscriptionSchema = z.object({
  endpoint: z.url({ protocol: /^https$/, error: "The push endpoint must be an https URL" }).max(2048, "The push endpoint is too long"),
  keys: z.object(
    {
      p256dh: base64url(65, "The subscription's p256dh key is not valid"),
      auth: base64url(16, "The subscription's auth secret is not valid"),
    },
    { error: "The subscription's keys are missing" },
  ),
});
export type PushSubscriptionInput = z.infer<typeof pushSubscriptionSchema>;

export const unsubscribeSchema = z.object({
  endpoint: z.string({ error: "endpoint is required" }).min(1, "endpoint is required").max(2048, "The push endpoint is too long"),
});
export type UnsubscribeInput = z.infer<typeof unsubscribeSchema>;

export const roomMuteSchema = z.object({
  roomId: z.string({ error: "roomId is required" }).min(1, "roomId is required").max(64, "roomId is too long"),
});
export type RoomMuteInput = z.infer<typeof roomMuteSchema>;

/** What the service worker receives in a `push` event (public/sw.js reads these fields). */
export interface PushPayload {
  title: string;
  body: string;
  /** Same-origin path the notification opens, e.g. `/?room=<id>`. */
  url: string;
  /** Messages from a muted room are never pushed. */
  roomId?: string;
  /** Notifications with one tag replace each other (one per conversation). */
  tag?: string;
}
