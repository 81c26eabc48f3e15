import { updateProfile } from "@/components/profile/profile-requests";
import type { HttpError, HttpResult } from "@/lib/client/http";
import { http } from "@/lib/client/http";
import type { OwnProfile } from "@/lib/shared/schemas/profile";

/** Why push can't be turned on here: each has its own sentence in the settings. */
export type PushProblem = "unsupported" | "denied" | "dismissed" | "no-worker" | "push-service";

export type EnableResult = { ok: true; profile: OwnProfile } | { ok: false; problem: PushProblem } | { ok: false; error: HttpError };

const WORKER_WAIT_MS = 10_000;

export function pushSupported(): boolean {
  return typeof window !== "undefined" && "serviceWorker" in navigator && "PushManager" in window && "Notification" in window;
}

/** `ready` never settles when no worker is registered (development, blocked storage): give up after a while. */
async function readyRegistration(): Promise<ServiceWorkerRegistration | null> {
  const timeout = new Promise<null>((resolve) => setTimeout(() => resolve(null), WORKER_WAIT_MS));
  return Promise.race([navigator.serviceWorker.ready, timeout]);
}

/** The VAPID key arrives as base64url; a byte array is the form every browser takes. */
function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const base64 = base64url
    .replace(/-/g, "+")
    .replace(/_/g, "/")
    .padEnd(Math.ceil(base64url.length / 4) * 4, "=");
  const binary = atob(base64);
  const bytes = new Uint8Array(new ArrayBuffer(binary.length));
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function sameKey(a: ArrayBuffer | null, b: Uint8Array): boolean {
  if (!a || a.byteLength !== b.byteLength) return false;
  const view = new Uint8Array(a);
  return view.every((byte, i) => byte === b[i]);
}

/** This browser's current subscription, without waiting for (or installing) a worker. */
export async function currentSubscription(): Promise<PushSubscription | null> {
  if (!pushSupported()) return null;
  const registration = await navigator.serviceWorker.getRegistration();
  return (await registration?.pushManager.getSubscription()) ?? null;
}

/**
 * Asks for permission (only ever from a click), subscribes this browser with
 * the server's VAPID key, stores the subscription and switches push on.
 */
export async function enablePush(): Promise<EnableResult> {
  if (!pushSupported()) return { ok: false, problem: "unsupported" };
  const permission = await Notification.requestPermission();
  if (permission === "denied") return { ok: false, problem: "denied" };
  if (permission !== "granted") return { ok: false, problem: "dismissed" };

  const registration = await readyRegistration();
  if (!registration) return { ok: false, problem: "no-worker" };
  const key = await http<{ publicKey: string }>("/api/push");
  if (!key.ok) return key;
  const applicationServerKey = keyBytes(key.data.publicKey);

  let subscription: PushSubscription | null;
  try {
    subscription = await registration.pushManager.getSubscription();
    // Made with another key (the server's keys were replaced): the push service would refuse our pushes.
    if (subscription && !sameKey(subscription.options.applicationServerKey, applicationServerKey)) {
      await subscription.unsubscribe();
      subscription = null;
    }
    subscription ??= await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey });
  } catch (error) {
    if (error instanceof DOMException && error.name === "NotAllowedError") return { ok: false, problem: "denied" };
    return { ok: false, problem: "push-service" };
  }

  const stored = await http<unknown>("/api/push", { method: "POST", body: subscription.toJSON() });
  if (!stored.ok) return stored;
  const updated = await updateProfile({ pushEnabled: true });
  return updated.ok ? { ok: true, profile: updated.data } : updated;
}

/** Switches push off for the account and forgets this browser's subscription. */
export async function disablePush(): Promise<HttpResult<OwnProfile>> {
  const updated = await updateProfile({ pushEnabled: false });
  if (!updated.ok) return updated;
  const subscription = await currentSubscription().catch(() => null);
  if (subscription) {
    await http<unknown>("/api/push", { method: "DELETE", body: { endpoint: subscription.endpoint } });
    await subscription.unsubscribe().catch(() => false);
  }
  return updated;
}
