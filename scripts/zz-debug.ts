import { bootstrap } from "@/lib/bootstrap";
import { createLogger } from "@/lib/logger";
import { createPostgresDatabase } from "@/tests/test-database";
const { url, drop } = await createPostgresDatabase();
try {
  const ctx = await bootstrap({ dataDir: "/tmp/wtpg-dbg", databaseUrl: url, authSecret: "x".repeat(40), welcomeMessage: "hi", logger: createLogger("silent") });
  const u = await ctx.users.signUp({ username: "abc", displayName: "ABC", password: "password123" });
  try { console.log(await ctx.messages.send(u, { roomId: ctx.defaultRoom.id, body: "hello", clientId: "c-0000001", kind: "text" } as never)); } catch (e) { console.log("SEND", e); }
  try { console.log(await ctx.memberships.enter(u, { roomId: ctx.defaultRoom.id } as never)); } catch (e) { console.log("ENTER", e); }
  await ctx.db.$disconnect();
} finally { await drop(); }
