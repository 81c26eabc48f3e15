import type { ClientSocket } from "@/lib/client/socket";
import type { Ack } from "@/lib/shared/events";
import type { AckData, ClientEvent, EventPayload } from "@/lib/shared/protocol";

export type { AckData, ClientEvent, EventPayload };

const ACK_TIMEOUT_MS = 10_000;
export const NO_ANSWER = "No answer from the server. Check your connection.";

const unavailable = (): Ack<never> => ({ ok: false, error: { code: "UNAVAILABLE", message: NO_ANSWER } });

/**
 * Emits with an ack and a timeout; no answer in time, or a connection lost on the way,
 * reads as an error sentence, not silence. The payload's type is `event`'s schema input
 * (lib/shared/protocol.ts), so the server's validation and the caller agree.
 */
export async function request<E extends ClientEvent>(
  socket: ClientSocket | null,
  event: E,
  payload: EventPayload<E>,
  timeoutMs = ACK_TIMEOUT_MS,
): Promise<Ack<AckData<E>>> {
  if (!socket) return unavailable();
  try {
    // socket.io types emitWithAck's arguments through conditional types that a generic
    // `E` can't resolve (and its answer after `timeout()` as any), so it is called for
    // "some event" here; this function's signature is the typed one, checked at every call site.
    return await socket.timeout(timeoutMs).emitWithAck<ClientEvent>(event, payload as never);
  } catch {
    // Rejected by socket.io: no answer within the timeout, or the socket disconnected first.
    return unavailable();
  }
}

/** `request` bound to the tab's socket. */
export type Requester = <E extends ClientEvent>(event: E, payload: EventPayload<E>) => Promise<Ack<AckData<E>>>;
