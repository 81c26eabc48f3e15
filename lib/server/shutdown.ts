import "server-only";
import type { Server as HttpServer } from "node:http";
import type { AppContext } from "@/lib/server/context";
import { providerOf } from "@/lib/server/db/client";
import type { Logger } from "@/lib/server/logger";
import type { ParleyServer } from "@/lib/server/realtime/types";

/** Signals closer together than this are one key press delivered twice. */
const DUPLICATE_SIGNAL_MS = 500;

/**
 * Ctrl+C: warn everyone, wait the grace period, close sockets and HTTP, wait for
 * every accepted message to be committed, close the database, exit 0.
 * A second Ctrl+C skips the wait but still closes the database cleanly.
 */
export function installShutdown(deps: { server: HttpServer; io: ParleyServer; context: AppContext; graceSeconds: number; logger: Logger }) {
  const { server, io, context, graceSeconds, logger } = deps;
  let stoppingSince: number | null = null;
  let skipWait: () => void = () => {};

  async function stop(signal: string) {
    if (stoppingSince !== null) {
      // One Ctrl+C reaches Parley twice under `npm start`: from the terminal and again
      // forwarded by npm. Only a second press (later than that echo) skips the wait.
      if (Date.now() - stoppingSince > DUPLICATE_SIGNAL_MS) skipWait();
      return;
    }
    stoppingSince = Date.now();
    context.draining = true;
    logger.info(`${signal} received: shutting down in ${graceSeconds} s (Ctrl+C again to stop now)`);
    io.emit("server:shutdown", { seconds: graceSeconds, message: `Server is shutting down in ${graceSeconds} s` });
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, graceSeconds * 1000);
      skipWait = () => {
        clearTimeout(timer);
        resolve();
      };
    });
    try {
      // Closing the transports (not a server-side disconnect) lets clients reconnect
      // by themselves when Parley is back.
      await new Promise<void>((resolve) => io.close(() => resolve()));
      server.closeAllConnections();
      await context.writer.drain();
      context.writer.close();
      // Folds the WAL back into the SQLite file; PostgreSQL has nothing of the kind to do.
      if (providerOf(context.db) === "sqlite") await context.db.$queryRawUnsafe("PRAGMA wal_checkpoint(TRUNCATE)").catch(() => undefined);
      await context.db.$disconnect();
      logger.info("Parley stopped cleanly.");
      process.exit(0);
    } catch (error) {
      logger.error("shutdown failed", error);
      process.exit(1);
    }
  }

  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}
