import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import Redis from "ioredis";
import { createRedisClient } from "@/lib/server/cluster/redis";
import { encode } from "next-auth/jwt";
import type { Socket } from "socket.io-client";
import { io as connect } from "socket.io-client";
import { bootstrap } from "@/lib/server/bootstrap";
import type { TrustProxy } from "@/lib/server/client-ip";
import type { AppContext } from "@/lib/server/context";
import { createLogger } from "@/lib/server/logger";
import type { Ack, ClientToServerEvents, ServerToClientEvents } from "@/lib/shared/events";
import type { RealtimeOptions } from "@/lib/server/realtime/create-server";
import { createRealtimeServer } from "@/lib/server/realtime/create-server";
import type { ParleyServer } from "@/lib/server/realtime/types";
import type { SessionUser } from "@/lib/shared/types";
import { createTestDatabaseUrl } from "@/tests/test-database";

export type TestClient = Socket<ServerToClientEvents, ClientToServerEvents>;

/** The auth secret of every test server: tests that forge tokens sign with it. */
export const SECRET = "test-secret-test-secret-test-secret-42";

/**
 * A real Parley realtime server on a random port, with a real SQLite file in a
 * temp dir (or a fresh PostgreSQL database with PARLEY_TEST_DATABASE_URL, dropped at
 * close) and real next-auth session cookies — only Next's pages are left out.
 * A restart passes the previous server's `database` (after `close({ keepDatabase: true })`)
 * and takes over dropping it.
 */
export async function startTestServer(
  options: {
    dataDir?: string;
    database?: TestDatabase;
    idleTimeoutMinutes?: number;
    /** Default 0 here (announce offline at once); the product's default is 5 s. */
    presenceGraceSeconds?: number;
    realtime?: RealtimeOptions;
    trustProxy?: TrustProxy;
    /** A cluster node: Redis at `url`, or a client of the test's own; keys and channels under `prefix` (one per test cluster). */
    redis?: { url: string; prefix: string } | Redis;
    /** Hosts link previews may fetch though they are local (a test's own page server); default none. */
    linkPreviewAllowHosts?: string[];
    /** A fixed port (a restart that clients must find again at the same address); default: a random one. */
    port?: number;
  } = {},
) {
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), "parley-test-"));
  const database: TestDatabase = options.database ?? (await createTestDatabaseUrl(dataDir));
  const given = options.redis instanceof Redis ? options.redis : undefined;
  const redis = given ?? (options.redis && !(options.redis instanceof Redis) ? createRedisClient(options.redis.url, () => undefined) : undefined);
  const context: AppContext = await bootstrap({
    redis,
    redisPrefix: options.redis && !(options.redis instanceof Redis) ? options.redis.prefix : undefined,
    dataDir,
    databaseUrl: database.url,
    authSecret: SECRET,
    welcomeMessage: "hi",
    idleTimeoutMinutes: options.idleTimeoutMinutes,
    presenceGraceSeconds: options.presenceGraceSeconds ?? 0,
    trustProxy: options.trustProxy,
    linkPreviewAllowHosts: options.linkPreviewAllowHosts,
    logger: createLogger(process.env.PARLEY_TEST_LOG_LEVEL === "error" ? "error" : "silent"),
  });
  const httpServer = http.createServer();
  const io: ParleyServer = createRealtimeServer(httpServer, context, options.realtime);
  await new Promise<void>((resolve) => httpServer.listen(options.port ?? 0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;
  const clients: TestClient[] = [];

  /** A real next-auth session cookie for a fresh server-side session, as after a login. */
  async function cookieFor(user: SessionUser, sessionId?: string): Promise<string> {
    const sid = sessionId ?? (await context.sessions.start(user.id));
    const token = await encode({ token: { sub: user.id, sid, name: user.displayName }, secret: SECRET });
    return `next-auth.session-token=${token}`;
  }

  /** Connects as `user` (or with a raw cookie header) and waits for the handshake result. */
  async function connectAs(user: SessionUser | { cookie: string }, headers: Record<string, string> = {}): Promise<TestClient> {
    const cookie = "cookie" in user ? user.cookie : await cookieFor(user);
    const client: TestClient = connect(url, {
      path: "/socket.io",
      transports: ["websocket"],
      extraHeaders: { ...headers, cookie },
      reconnection: false,
      forceNew: true,
    });
    clients.push(client);
    await new Promise<void>((resolve, reject) => {
      client.once("connect", () => resolve());
      client.once("connect_error", reject);
    });
    return client;
  }

  let counter = 0;
  async function createUser(name?: string): Promise<SessionUser> {
    const username = name ?? `user_${++counter}_${Math.random().toString(36).slice(2, 7)}`;
    return context.users.signUp({ username, displayName: username.toUpperCase(), password: "password123" });
  }

  /**
   * A new user with a live socket; with `joinGeneral` the socket has also joined
   * #general as the chat page does on load. `role` promotes the account first.
   */
  async function person(options: { name?: string; role?: SessionUser["role"]; joinGeneral?: boolean } = {}) {
    const created = await createUser(options.name);
    const role = options.role ?? created.role;
    if (role !== created.role) await context.db.user.update({ where: { id: created.id }, data: { role } });
    const user: SessionUser = { ...created, role };
    const client = await connectAs(user);
    if (options.joinGeneral) {
      const ack = await call(client, "room:join", { roomId: context.defaultRoom.id });
      if (!ack.ok) throw new Error(`joining #general failed: ${ack.error.message}`);
    }
    return { user, client };
  }

  async function close(closeOptions: { keepDatabase?: boolean } = {}): Promise<void> {
    for (const c of clients) c.disconnect();
    io.disconnectSockets(true);
    await new Promise<void>((resolve) => io.close(() => resolve()));
    await context.writer.drain();
    await context.previews.drain();
    context.writer.close();
    await context.db.$disconnect();
    context.bus.close();
    // A client the test passed in is the test's to close.
    if (!given) redis?.disconnect();
    if (!closeOptions.keepDatabase) await database.drop();
  }

  return { url, dataDir, database, context, io, httpServer, connectAs, createUser, person, cookieFor, close, roomId: context.defaultRoom.id };
}

export type TestDatabase = Awaited<ReturnType<typeof createTestDatabaseUrl>>;

export type TestServer = Awaited<ReturnType<typeof startTestServer>>;

/**
 * Emits and resolves with the ack. Untyped on purpose: tests send payloads the protocol
 * forbids (spoofed authors, missing fields, garbage) to see the server refuse them. For
 * a typed call, as the browser makes it, use `request` from lib/client/request.ts.
 */
export function call<T = unknown>(client: TestClient, event: string, payload?: unknown): Promise<Ack<T>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ack for ${event}`)), 5000);
    (client.emit as (e: string, p: unknown, cb: (r: Ack<T>) => void) => void)(event, payload, (response) => {
      clearTimeout(timer);
      resolve(response);
    });
  });
}

/** Resolves with the next `event` the client receives (rejects after `ms`). */
export function next<T = unknown>(client: TestClient, event: string, ms = 3000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${event} within ${ms} ms`)), ms);
    (client as unknown as { once: (e: string, cb: (d: T) => void) => void }).once(event, (data) => {
      clearTimeout(timer);
      resolve(data);
    });
  });
}

/** Collects every `event` until stopped: for asserting that something did NOT arrive. */
export function collect<T = unknown>(client: TestClient, event: string) {
  const seen: T[] = [];
  const listener = (data: T) => seen.push(data);
  (client as unknown as { on: (e: string, cb: (d: T) => void) => void }).on(event, listener);
  return { seen, stop: () => (client as unknown as { off: (e: string, cb: (d: T) => void) => void }).off(event, listener) };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
