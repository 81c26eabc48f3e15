import { io as connect } from "socket.io-client";
import type { Ack, SentMessage } from "@/lib/shared/events";
import type { SessionUser } from "@/lib/shared/types";
import type { TestClient } from "@/tests/socket-harness";
import { call } from "@/tests/socket-harness";

/** Someone sending as fast as acks allow, for the kill -9 suites. */
export interface Sender {
  user: SessionUser;
  cookie: string;
  /** Every message this sender ever emitted, by clientId: the only bodies allowed in history. */
  sent: Map<string, string>;
  /** The stored id each acknowledged clientId was answered with. */
  acked: Map<string, number>;
  seq: number;
}

export const newSender = (user: SessionUser, cookie: string): Sender => ({ user, cookie, sent: new Map(), acked: new Map(), seq: 0 });

export const unacked = (senders: Sender[]) => senders.flatMap((s) => [...s.sent.keys()].filter((id) => !s.acked.has(id)).map((id) => [s.user.id, id] as const));
export const ackedCount = (senders: Sender[]) => senders.reduce((n, s) => n + s.acked.size, 0);
export const sentCount = (senders: Sender[]) => senders.reduce((n, s) => n + s.sent.size, 0);

/** A socket of its own (no reconnection: the test decides where it goes next). */
export function openSocket(url: string, cookie: string): Promise<TestClient> {
  const client: TestClient = connect(url, { transports: ["websocket"], extraHeaders: { cookie }, reconnection: false, forceNew: true });
  return new Promise((resolve, reject) => {
    client.once("connect", () => resolve(client));
    client.once("connect_error", reject);
  });
}

/** One send; false when the connection went away before the ack (the message is then resent). Wrong answers go to `problems`. */
function send(client: TestClient, roomId: string, sender: Sender, clientId: string, problems: string[], ackTimeoutMs: number): Promise<boolean> {
  const body = sender.sent.get(clientId)!;
  return new Promise((resolve) => {
    client.timeout(ackTimeoutMs).emit("message:send", { roomId, body, clientId }, (error: Error | null, ack: Ack<SentMessage>) => {
      if (error) return resolve(false);
      if (!ack.ok) {
        problems.push(`${clientId}: refused: ${ack.error.code} ${ack.error.message}`);
        return resolve(true);
      }
      const before = sender.acked.get(clientId);
      if (before !== undefined && before !== ack.data.id) problems.push(`${clientId}: acked as ${before}, then as ${ack.data.id}`);
      if (ack.data.body !== body || ack.data.clientId !== clientId) problems.push(`${clientId}: ack carries another message`);
      sender.acked.set(clientId, ack.data.id);
      resolve(true);
    });
  });
}

/**
 * Connects, joins, resends everything not yet acknowledged (same clientId), then keeps
 * `window` sends in flight while `more()` says so and the connection lasts — with
 * `more` false, until every message is acknowledged.
 */
export async function streamMessages(
  url: string,
  roomId: string,
  sender: Sender,
  options: { more: () => boolean; window: number; problems: string[]; ackTimeoutMs?: number },
): Promise<void> {
  const client = await openSocket(url, sender.cookie);
  const joined = await call(client, "room:join", { roomId });
  if (!joined.ok) throw new Error(joined.error.message);
  const queue = [...sender.sent.keys()].filter((id) => !sender.acked.has(id));
  const nextId = () => {
    const resend = queue.shift();
    if (resend !== undefined || !options.more()) return resend;
    const clientId = `${sender.user.username}-${String(++sender.seq).padStart(6, "0")}`;
    sender.sent.set(clientId, `message ${sender.seq} from ${sender.user.username}`);
    return clientId;
  };
  const worker = async () => {
    for (let id = nextId(); id !== undefined && client.connected; id = nextId()) {
      if (!(await send(client, roomId, sender, id, options.problems, options.ackTimeoutMs ?? 5000))) queue.push(id);
    }
  };
  await Promise.all(Array.from({ length: options.window }, worker));
  client.disconnect();
}
