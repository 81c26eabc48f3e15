import { createFileStore } from "@/lib/server/storage/create-store";
import { env, exportAuthEnvironment, isDevServer } from "@/lib/server/env";
import { EventEmitter } from "node:events";
import fs from "node:fs";
import http from "node:http";
import https from "node:https";
import type { AddressInfo } from "node:net";
import type { Duplex } from "node:stream";
import { createRedisClient } from "@/lib/server/cluster/redis";
import { createStoreFailureLog } from "@/lib/server/stores/redis-store";
import next from "next";
import { CLIENT_IP_HEADER, clientIp } from "@/lib/server/client-ip";
import { bootstrap } from "@/lib/server/bootstrap";
import { installBenchProbe } from "@/lib/server/bench-probe";
import { setAppContext } from "@/lib/server/context";
import { createLogger } from "@/lib/server/logger";
import { createRealtimeServer, SOCKET_PATH } from "@/lib/server/realtime/create-server";
import { applySecurityHeaders } from "@/lib/server/security/headers";
import type { OriginPolicy } from "@/lib/server/security/origin";
import { mayChangeState } from "@/lib/server/security/origin";
import { installShutdown } from "@/lib/server/shutdown";

const logger = createLogger(env.LOG_LEVEL);

/** One warning per 30 s while Redis is unreachable, not one per reconnect attempt. */
const redisFailed = createStoreFailureLog(logger, "Redis connection", 30_000);

async function main() {
  const context = await bootstrap({
    dataDir: env.DATA_DIR,
    fileStore: createFileStore(env),
    databaseUrl: env.DATABASE_URL,
    pool: { max: env.DATABASE_POOL_MAX, acquireTimeoutMs: env.DATABASE_POOL_TIMEOUT_MS, idleTimeoutMs: env.DATABASE_POOL_IDLE_MS },
    authSecret: env.AUTH_SECRET,
    welcomeMessage: env.WELCOME_MESSAGE,
    idleTimeoutMinutes: env.IDLE_TIMEOUT_MINUTES,
    presenceGraceSeconds: env.PRESENCE_GRACE_SECONDS,
    adminUsernames: env.ADMIN_USERNAMES,
    login: { maxAttempts: env.LOGIN_MAX_ATTEMPTS, blockSeconds: env.LOGIN_BLOCK_SECONDS },
    files: { maxMb: env.UPLOAD_MAX_MB, dailyQuotaMb: env.UPLOAD_DAILY_QUOTA_MB },
    trustProxy: env.TRUST_PROXY,
    vapidSubject: env.VAPID_SUBJECT,
    redis: env.REDIS_URL ? createRedisClient(env.REDIS_URL, (error) => redisFailed(error, "reconnecting")) : undefined,
    redisPrefix: env.REDIS_PREFIX,
    logger,
    linkPreviewAllowHosts: env.LINK_PREVIEW_ALLOW_HOSTS,
  });
  setAppContext(context);
  exportAuthEnvironment(context.authSecret);

  const hostname = env.HOST === "::" || env.HOST === "0.0.0.0" ? "localhost" : env.HOST;
  // Next attaches its own WebSocket upgrade handler to the server of the first request
  // it sees. In production it would route every Socket.IO upgrade too, and keep an
  // AbortController and listeners on each connection for as long as it stays open
  // (~1 KB per idle socket, and CPU per handshake). Next gets an emitter of its own
  // instead: in development it receives its hot-reload upgrades through it.
  const nextUpgrades = new EventEmitter();
  const app = next({ dev: isDevServer, hostname, port: env.PORT, httpServer: nextUpgrades as http.Server });
  await app.prepare();
  const handleRequest = app.getRequestHandler();

  const origins: OriginPolicy = {
    publicOrigin: env.PUBLIC_URL ? new URL(env.PUBLIC_URL).origin : undefined,
    allowedOrigins: env.ALLOWED_ORIGINS,
    trustProxy: env.TRUST_PROXY,
  };
  const tls = env.TLS_CERT && env.TLS_KEY ? { cert: fs.readFileSync(env.TLS_CERT), key: fs.readFileSync(env.TLS_KEY) } : null;

  const onRequest = (req: http.IncomingMessage, res: http.ServerResponse) => {
    // First, so the origin refusal below carries them too.
    applySecurityHeaders(req, res, { trustProxy: env.TRUST_PROXY, dev: isDevServer });
    const encrypted = tls !== null;
    // One gate for every route, server action and next-auth endpoint: a page on another
    // origin (even another port of this host, which gets the same cookies) changes nothing.
    if (!mayChangeState(req.method, req.headers, encrypted, origins)) {
      res.writeHead(403, { "content-type": "application/json; charset=utf-8" });
      res.end(
        JSON.stringify({ error: { code: "FORBIDDEN", message: "This page's origin is not allowed to make changes here. Open Parley at its own address." } }),
      );
      return;
    }
    req.headers[CLIENT_IP_HEADER] = clientIp(req.headers, req.socket.remoteAddress, env.TRUST_PROXY);
    if (!env.TRUST_PROXY) {
      // Without a trusted proxy in front, forwarded headers are whatever a client made up.
      req.headers["x-forwarded-proto"] = encrypted ? "https" : "http";
      req.headers["x-forwarded-host"] = req.headers.host;
      delete req.headers["x-forwarded-for"];
    }
    void handleRequest(req, res);
  };
  const server: http.Server = tls ? https.createServer(tls, onRequest) : http.createServer(onRequest);

  server.on("upgrade", (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    if (req.url?.startsWith(`${SOCKET_PATH}/`)) return; // Socket.IO's own listener takes it.
    if (isDevServer) nextUpgrades.emit("upgrade", req, socket, head);
    // Nothing else speaks WebSocket here: refuse instead of leaving the socket open.
    else socket.end("HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
  });
  const io = createRealtimeServer(server, context, {
    origins,
    caps: { perUser: env.MAX_SOCKETS_PER_USER, perAddress: env.MAX_SOCKETS_PER_ADDRESS },
  });
  installShutdown({ server, io, context, graceSeconds: env.SHUTDOWN_GRACE_SECONDS, logger });
  installBenchProbe(io);

  await listen(server, env.PORT, env.HOST);
  const { port } = server.address() as AddressInfo;
  logger.info(`Parley is ready on ${tls ? "https" : "http"}://localhost:${port} (${isDevServer ? "development" : "production"}, data in ${env.DATA_DIR})`);
}

/** Listens on HOST; `::` falls back to IPv4 on machines without IPv6. */
function listen(server: http.Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      if (host === "::" && (error.code === "EAFNOSUPPORT" || error.code === "EADDRNOTAVAIL")) {
        server.listen(port, "0.0.0.0", resolve);
        return;
      }
      reject(error.code === "EADDRINUSE" ? new Error(`Port ${port} is already in use. Stop the other program or set PORT.`) : error);
    };
    server.once("error", onError);
    server.listen(port, host, () => {
      server.off("error", onError);
      resolve();
    });
  });
}

main().catch((error: unknown) => {
  logger.error(error instanceof Error ? error.message : "Parley failed to start", error instanceof Error ? undefined : error);
  if (error instanceof Error && error.stack && env.LOG_LEVEL === "debug") console.error(error.stack);
  process.exit(1);
});
