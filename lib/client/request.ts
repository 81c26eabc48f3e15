import type { ClientSocket } from "@/lib/client/socket";
import type { Ack, AckFn, ClientToServerEvents } from "@/lib/shared/events";

export type ClientEvent = keyof ClientToServerEvents;
/** The `data` an event's ack carries. */
export type AckData<E extends ClientEvent> = NonNullable<Parameters<ClientToServerEvents[E]>[1]> extends AckFn<infer T> ? T : never;

const ACK_TIMEOUT_MS = 10_000;
export const NO_ANSWER = "No answer from the server. Check your connection.";

/** Emits with an ack and a timeout; a lost connection reads as an error sentence, not silence. */
export function request<E extends ClientEvent>(socket: ClientSocket | null, event: E, payload: unknown): Promise<Ack<AckData<E>>> {
  if (!socket) return Promise.resolve({ ok: false, error: { code: "UNAVAILABLE", message: NO_ANSWER } });
  return new Promise((resolve) => {
    const emitter = socket.timeout(ACK_TIMEOUT_MS) as unknown as {
      emit: (e: string, p: unknown, cb: (err: Error | null, r: Ack<AckData<E>>) => void) => void;
    };
    emitter.emit(event, payload, (err, response) => {
      if (err) resolve({ ok: false, error: { code: "UNAVAILABLE", message: NO_ANSWER } });
      else resolve(response);
    });
  });
}

export type Requester = <E extends ClientEvent>(event: E, payload: unknown) => Promise<Ack<AckData<E>>>;
