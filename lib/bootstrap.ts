import fs from "node:fs";
import type { AppContext } from "@/lib/context";
import { openDb } from "@/lib/db/client";
import { applyMigrations } from "@/lib/db/migrate";
import { createLogger, type Logger } from "@/lib/logger";
import { readOrCreateSecret } from "@/lib/secrets";
import { createMessageWriter } from "@/lib/services/message-writer";
import { createMessageService } from "@/lib/services/messages";
import { argon2Hasher } from "@/lib/services/passwords";
import { createMemoryPresence } from "@/lib/services/presence";
import { createRoomService } from "@/lib/services/rooms";
import { createUserService } from "@/lib/services/users";

export interface BootstrapOptions {
  dataDir: string;
  databaseUrl: string;
  authSecret?: string;
  welcomeMessage: string;
  logger?: Logger;
}

/** Prepares the data folder and database, then wires the services. */
export async function bootstrap(options: BootstrapOptions): Promise<AppContext> {
  const logger = options.logger ?? createLogger();
  fs.mkdirSync(options.dataDir, { recursive: true });
  const { applied } = await applyMigrations(options.databaseUrl);
  if (applied.length > 0) logger.info(`applied migrations: ${applied.join(", ")}`);

  const db = await openDb(options.databaseUrl);
  const rooms = createRoomService({ db });
  const writer = createMessageWriter({ db });
  const context: AppContext = {
    db,
    logger,
    authSecret: options.authSecret ?? readOrCreateSecret(options.dataDir, "auth-secret"),
    welcomeMessage: options.welcomeMessage,
    defaultRoom: await rooms.ensureDefaultRoom(),
    users: createUserService({ db, passwords: argon2Hasher }),
    rooms,
    messages: createMessageService({ db, writer, rooms }),
    writer,
    presence: createMemoryPresence(),
  };
  return context;
}
