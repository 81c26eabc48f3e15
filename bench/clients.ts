import Database from "better-sqlite3";
import path from "node:path";
import type { Socket } from "socket.io-client";
import { io } from "socket.io-client";
import type { RunningServer } from "./server-runner.ts";

export type Client = Socket;
export type Ack = { ok: true; data: unknown } | { ok: false; error: { code: string; message: string } };

export const PASSWORD = "bench-password-1";

/** Counts sockets that dropped without the generator asking: any is a failed run. */
export const health = { unexpectedDisconnects: 0, connectRetries: 0, reasons: new Set<string>() };

function cookiePair(setCookies: string[], name: string): string | undefined {
  return setCookies.map((c) => c.split(";")[0]!).find((pair) => pair.startsWith(`${name}=`));
}

/**
 * Signs a user up and logs in the way a browser does (csrf → credentials callback),
 * from `address` (X-Forwarded-For: sign-ups are limited per address); returns the
 * Cookie header.
 */
export async function createSession(baseUrl: string, username: string, address: string): Promise<string> {
  const forwarded = { "x-forwarded-for": address };
  const signUp = await fetch(`${baseUrl}/api/signup`, {
    method: "POST",
    headers: { "content-type": "application/json", ...forwarded },
    body: JSON.stringify({ username, displayName: username, password: PASSWORD }),
  });
  if (signUp.status !== 201) throw new Error(`sign-up of ${username} failed: ${signUp.status} ${await signUp.text()}`);
  const csrf = await fetch(`${baseUrl}/api/auth/csrf`, { headers: forwarded });
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const csrfCookie = cookiePair(csrf.headers.getSetCookie(), "next-auth.csrf-token");
  const login = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrfCookie ?? "", ...forwarded },
    body: new URLSearchParams({ csrfToken, username, password: PASSWORD, json: "true" }).toString(),
  });
  const session = cookiePair(login.headers.getSetCookie(), "next-auth.session-token");
  if (!session) throw new Error(`login of ${username} failed: ${login.status} ${await login.text()}`);
  return session;
}

let accounts = 0;

/** `count` accounts named `${prefix}${i}`, each from its own address in 10.0.0.0/8. */
export async function createSessions(server: RunningServer, count: number, prefix: string): Promise<string[]> {
  const cookies: string[] = [];
  // One at a time: argon2 runs on the server's single pinned core anyway.
  for (let i = 0; i < count; i++) {
    const n = ++accounts;
    cookies.push(await createSession(server.url(), `${prefix}${i}`, `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`));
  }
  return cookies;
}

/** The id of #general, read from the server's SQLite file (read-only). */
export function readGeneralRoomId(server: RunningServer): string {
  if (server.kind === "baseline") return "general";
  const db = new Database(path.join(server.dataDir, "parley.db"), { readonly: true, fileMustExist: true });
  try {
    const row = db.prepare("SELECT id FROM Room WHERE name = 'general'").get() as { id: string } | undefined;
    if (!row) throw new Error("no #general room in the database");
    return row.id;
  } finally {
    db.close();
  }
}

/** `listen` runs before the handshake, so a listener it adds misses nothing the server sends after it. */
export function connectOne(url: string, cookie?: string, listen?: (socket: Client) => void): Promise<Client> {
  const socket = io(url, {
    path: "/socket.io",
    transports: ["websocket"],
    extraHeaders: cookie ? { cookie } : undefined,
    reconnection: false,
    forceNew: true,
    timeout: 30_000,
  });
  listen?.(socket);
  return new Promise((resolve, reject) => {
    socket.once("connect", () => {
      socket.on("disconnect", (reason) => {
        if (reason === "io client disconnect") return;
        health.unexpectedDisconnects++;
        health.reasons.add(reason);
      });
      resolve(socket);
    });
    socket.once("connect_error", (error: Error & { description?: unknown }) => {
      socket.close();
      // engine.io-client wraps the transport's failure; keep its reason in the message.
      const cause = error.description as { message?: string; error?: { message?: string } } | undefined;
      const reason = cause?.error?.message ?? cause?.message;
      reject(new Error(reason ? `${error.message}: ${reason}` : error.message, { cause: error }));
    });
  });
}

/** A refused or reset handshake under a connection storm is retried twice and counted. */
async function connectWithRetry(url: string, cookie?: string): Promise<Client> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await connectOne(url, cookie);
    } catch (error) {
      if (attempt >= 3 || /Please sign in|banned/i.test(String(error))) throw error;
      health.connectRetries++;
      health.reasons.add(`connect retried: ${error instanceof Error ? error.message : String(error)}`);
      await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
    }
  }
}

export function emitAck(client: Client, event: string, payload: unknown, timeoutMs = 30_000): Promise<Ack> {
  return new Promise((resolve) => {
    client.timeout(timeoutMs).emit(event, payload, (error: Error | null, response: Ack) => {
      resolve(error ? { ok: false, error: { code: "TIMEOUT", message: error.message } } : response);
    });
  });
}

/**
 * Connects `count` sockets (cookies used round-robin, like many tabs per user),
 * `concurrency` handshakes at a time, spread over `hosts` loopback addresses;
 * joins the room when `roomId` is given.
 */
export async function connectMany(
  server: RunningServer,
  count: number,
  options: { cookies: string[]; roomId?: string; hosts?: number; concurrency?: number; offset?: number },
): Promise<Client[]> {
  const { cookies, roomId, hosts = 4, concurrency = 64, offset = 0 } = options;
  const clients: Client[] = new Array(count);
  let next = 0;
  async function worker() {
    while (next < count) {
      const i = next++;
      const n = offset + i;
      const client = await connectWithRetry(server.url(1 + (n % hosts)), cookies.length ? cookies[n % cookies.length] : undefined);
      if (roomId) {
        const ack = await emitAck(client, "room:join", { roomId });
        if (!ack.ok) throw new Error(`room:join failed: ${ack.error.message}`);
      }
      clients[i] = client;
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return clients;
}

export function closeAll(clients: Client[]): void {
  for (const client of clients) client.disconnect();
}
