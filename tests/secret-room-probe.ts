import type { TestServer } from "@/tests/socket-harness";

/**
 * What a secret-room test looks for in everything the server kept or said: every
 * frame in and out (Engine.IO level, so nothing Socket.IO does is missed), every log
 * line, and every row of every table.
 */
export function recordFrames(server: TestServer): string[] {
  const frames: string[] = [];
  const text = (data: unknown) =>
    typeof data === "string" ? data : data instanceof Uint8Array ? Buffer.from(data).toString("latin1") : JSON.stringify(data ?? "");
  server.io.engine.on("connection", (connection: { on: (event: string, listener: (packet: { data?: unknown }) => void) => void }) => {
    connection.on("packet", (packet) => frames.push(`in ${text(packet.data)}`));
    connection.on("packetCreate", (packet) => frames.push(`out ${text(packet.data)}`));
  });
  return frames;
}

/** Every line the server's logger and the console print from now on. */
export function recordLogs(server: TestServer): string[] {
  const lines: string[] = [];
  const keep =
    (level: string) =>
    (...args: unknown[]) =>
      lines.push(`${level} ${args.map((a) => (a instanceof Error ? `${a.message} ${a.stack}` : typeof a === "string" ? a : JSON.stringify(a))).join(" ")}`);
  for (const level of ["debug", "info", "warn", "error"] as const) server.context.logger[level] = keep(level);
  for (const level of ["log", "info", "warn", "error", "debug"] as const) {
    const original = console[level];
    console[level] = (...args: unknown[]) => {
      keep(`console.${level}`)(...args);
      original.apply(console, args);
    };
  }
  return lines;
}

const bytesAway = (_key: string, value: unknown) =>
  typeof value === "bigint"
    ? Number(value)
    : value instanceof Uint8Array || (value && typeof value === "object" && "type" in value && value.type === "Buffer")
      ? "<bytes>"
      : value;

/** Row count and content of every table of the test database (SQLite or PostgreSQL). */
export async function everyTable(server: TestServer): Promise<{ counts: Record<string, number>; dump: string }> {
  const db = server.context.db as unknown as { $queryRawUnsafe: <T>(sql: string) => Promise<T> };
  const postgres = /^postgres(ql)?:/.test(server.database.url);
  const tables = await db.$queryRawUnsafe<{ name: string }[]>(
    postgres
      ? "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"
      : "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
  );
  const counts: Record<string, number> = {};
  let dump = "";
  for (const { name } of tables) {
    const rows = await db.$queryRawUnsafe<unknown[]>(`SELECT * FROM "${name}"`);
    counts[name] = rows.length;
    dump += `${name}: ${JSON.stringify(rows, bytesAway)}\n`;
  }
  return { counts, dump };
}
