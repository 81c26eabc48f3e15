/**
 * A realistic message corpus for the search bench, written straight into a scratch
 * database in big batches (no server, no per-message service call): 1,000,000 messages
 * take tens of seconds instead of hours. Words follow a Zipf law over a vocabulary of
 * common English words, chat and work words, and a long tail of made-up words, the way
 * real chat text does; some messages carry a link, a file, a whisper, a deletion.
 */
import Database from "better-sqlite3";
import pg from "pg";

export interface Corpus {
  /** The member searching: in ROOMS_JOINED of the public rooms and one DM. */
  viewerId: string;
  viewerName: string;
  /** A username that wrote in the viewer's rooms. */
  someAuthor: string;
  /** A room the viewer is in. */
  someRoom: string;
  /** A month of the corpus, as after:/before: days. */
  monthAfter: string;
  monthBefore: string;
  rareWord: string;
}

const ROOMS = 50;
const ROOMS_JOINED = 12;
const USERS = 500;
const DMS = 40;
const DAYS = 730;
export const RARE_WORD = "quokkaflux";

const COMMON = (
  "the to i a and you it is that in of for on this we be have so not but with are just what was " +
  "can do at if my me all get like no up out about your there now will they one know how going " +
  "think when an yeah good ok from its time some here see or got would then need did right people " +
  "want lol sure should more today also could back any yes work really why thanks way new well much"
).split(" ");
const WORK = (
  "deploy release notes meeting lunch project review bug fix server build test branch merge ticket " +
  "customer design team sprint standup docs database query cache latency incident alert metrics " +
  "dashboard budget invoice contract roadmap feature issue pull request staging production rollback " +
  "coffee weekend holiday birthday train office remote laptop screen keyboard mobile browser chrome"
).split(" ");
const SYLLABLES = "ka lo mi ne ru ta vo shi an el or um ix ba de fo gu pi".split(" ");

/** Deterministic PRNG (mulberry32): the same corpus on every run and both databases. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function vocabulary(rand: () => number): string[] {
  const tail = new Set<string>();
  while (tail.size < 20_000) {
    const n = 2 + Math.floor(rand() * 3);
    let word = "";
    for (let i = 0; i < n; i++) word += SYLLABLES[Math.floor(rand() * SYLLABLES.length)];
    tail.add(word);
  }
  // Work words sit among the common ones, so they are frequent but not stop words.
  return [...COMMON.slice(0, 40), ...WORK, ...COMMON.slice(40), ...[...tail].filter((w) => !COMMON.includes(w) && !WORK.includes(w))];
}

/** A Zipf(1) sampler over `words`. */
function zipf(words: string[], rand: () => number): () => string {
  const cdf = new Float64Array(words.length);
  let sum = 0;
  for (let i = 0; i < words.length; i++) cdf[i] = sum += 1 / (i + 1);
  return () => {
    const x = rand() * sum;
    let lo = 0;
    let hi = words.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cdf[mid] ?? 0) < x) lo = mid + 1;
      else hi = mid;
    }
    return words[lo] ?? "the";
  };
}

export interface SeedRow {
  id: number;
  roomId: string;
  authorId: string;
  body: string;
  kind: string;
  recipientId: string | null;
  createdAt: Date;
  deleted: boolean;
  file: boolean;
}

interface Plan {
  users: { id: string; username: string }[];
  rooms: { id: string; name: string; kind: string }[];
  members: [string, string][];
  corpus: Corpus;
  rows: (batch: number) => Generator<SeedRow[]>;
}

function plan(messages: number, now = Date.UTC(2026, 11, 1)): Plan {
  const rand = random(16);
  const word = zipf(vocabulary(rand), rand);
  const users = Array.from({ length: USERS }, (_, i) => ({ id: `u${i}`, username: i === 0 ? "bench_member" : `user${i}` }));
  const rooms = [
    ...Array.from({ length: ROOMS }, (_, i) => ({ id: `r${i}`, name: `team-${i}`, kind: "public" })),
    ...Array.from({ length: DMS }, (_, i) => ({ id: `d${i}`, name: `~dm:${i}`, kind: "dm" })),
  ];
  const members: [string, string][] = [];
  for (let r = 0; r < ROOMS; r++) for (let u = 1; u < USERS; u++) if ((u + r) % 10 === 0) members.push([`r${r}`, `u${u}`]);
  for (let r = 0; r < ROOMS_JOINED; r++) members.push([`r${r * 4}`, "u0"]);
  for (let d = 0; d < DMS; d++) members.push([`d${d}`, `u${d + 1}`], [`d${d}`, d === 0 ? "u0" : `u${d + 100}`]);
  // ~40 messages with the rare word, in a room the viewer reads.
  const rareEvery = Math.max(500, Math.floor(messages / 40));
  const start = now - DAYS * 86_400_000;
  const month = new Date(now - 180 * 86_400_000);
  const day = (d: Date) => d.toISOString().slice(0, 10);
  function* rows(batch: number): Generator<SeedRow[]> {
    let out: SeedRow[] = [];
    for (let id = 1; id <= messages; id++) {
      const rare = id % rareEvery === 7;
      const dm = !rare && rand() < 0.05;
      const roomIndex = rare ? 0 : Math.floor(rand() * (dm ? DMS : ROOMS));
      const author = dm ? (rand() < 0.5 ? `u${roomIndex + 1}` : roomIndex === 0 ? "u0" : `u${roomIndex + 100}`) : `u${1 + Math.floor(rand() * (USERS - 1))}`;
      const length = 3 + Math.floor(rand() * rand() * 25);
      const words: string[] = [];
      for (let i = 0; i < length; i++) words.push(word());
      if (rand() < 0.002) words.splice(Math.floor(rand() * words.length), 0, "release", "notes");
      if (rare) words.push(RARE_WORD);
      if (rand() < 0.04) words.push(`https://example.org/page/${id}`);
      const whisper = !dm && rand() < 0.01;
      out.push({
        id,
        roomId: dm ? `d${roomIndex}` : `r${roomIndex}`,
        authorId: author,
        body: words.join(" "),
        kind: whisper ? "whisper" : "text",
        recipientId: whisper ? `u${1 + Math.floor(rand() * (USERS - 1))}` : null,
        createdAt: new Date(start + Math.floor(((id - 0.5) / messages) * DAYS * 86_400_000)),
        deleted: rand() < 0.005,
        file: rand() < 0.01,
      });
      if (out.length === batch) {
        yield out;
        out = [];
      }
    }
    if (out.length) yield out;
  }
  return {
    users,
    rooms,
    members,
    corpus: {
      viewerId: "u0",
      viewerName: "bench_member",
      someAuthor: "user7",
      someRoom: "team-4",
      monthAfter: day(month),
      monthBefore: day(new Date(month.getTime() + 30 * 86_400_000)),
      rareWord: RARE_WORD,
    },
    rows,
  };
}

/** SQLite keeps DateTime as Prisma's adapter writes it (ISO 8601, "+00:00"). */
const sqliteDate = (d: Date) => d.toISOString().replace("Z", "+00:00");

/** Fills a migrated SQLite file; the FTS5 triggers index every row as it lands. */
export function seedSqlite(file: string, messages: number): Corpus {
  const p = plan(messages);
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = OFF");
  const now = sqliteDate(new Date());
  const user = db.prepare(`INSERT INTO "User" (id, username, "displayName", "passwordHash", "createdAt") VALUES (?, ?, ?, 'x', ?)`);
  const room = db.prepare(`INSERT INTO "Room" (id, name, kind, "createdAt") VALUES (?, ?, ?, ?)`);
  const member = db.prepare(`INSERT INTO "RoomMember" ("roomId", "userId", "joinedAt") VALUES (?, ?, ?)`);
  const message = db.prepare(
    `INSERT INTO "Message" (id, "roomId", "authorId", body, "clientId", kind, "recipientId", "createdAt", "deletedAt", "deletedById") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const attachment = db.prepare(
    `INSERT INTO "Attachment" (id, "uploaderId", "messageId", kind, name, mime, size, "storageKey", "createdAt") VALUES (?, ?, ?, 'file', 'notes.txt', 'text/plain', 10, ?, ?)`,
  );
  db.transaction(() => {
    for (const u of p.users) user.run(u.id, u.username, u.username, now);
    for (const r of p.rooms) room.run(r.id, r.name, r.kind, now);
    for (const [r, u] of p.members) member.run(r, u, now);
  })();
  const insert = db.transaction((batch: SeedRow[]) => {
    for (const m of batch) {
      const at = sqliteDate(m.createdAt);
      message.run(m.id, m.roomId, m.authorId, m.body, `s${m.id}`, m.kind, m.recipientId, at, m.deleted ? at : null, m.deleted ? m.authorId : null);
      if (m.file) attachment.run(`a${m.id}`, m.authorId, m.id, `k${m.id}`, at);
    }
  });
  for (const batch of p.rows(10_000)) insert(batch);
  db.close();
  return p.corpus;
}

const pgDate = (d: Date) => d.toISOString().slice(0, 23).replace("T", " ");

/**
 * Fills a migrated PostgreSQL database. The GIN index is dropped for the load and
 * rebuilt from its own definition after (one sort instead of a million index inserts),
 * then ANALYZE, as autovacuum would do on a live server.
 */
export async function seedPostgres(url: string, messages: number): Promise<Corpus> {
  const p = plan(messages);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows: indexes } = await client.query<{ indexname: string; indexdef: string }>(
      `SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'Message' AND indexdef ILIKE '%to_tsvector%'`,
    );
    for (const index of indexes) await client.query(`DROP INDEX "${index.indexname}"`);
    const multi = async (table: string, columns: string[], values: unknown[][]) => {
      for (let i = 0; i < values.length; i += 1000) {
        const chunk = values.slice(i, i + 1000);
        const params: unknown[] = [];
        const tuples = chunk.map((row) => `(${row.map((v) => `$${params.push(v)}`).join(",")})`);
        await client.query(`INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(",")}) VALUES ${tuples.join(",")}`, params);
      }
    };
    await multi(
      "User",
      ["id", "username", "displayName", "passwordHash"],
      p.users.map((u) => [u.id, u.username, u.username, "x"]),
    );
    await multi(
      "Room",
      ["id", "name", "kind"],
      p.rooms.map((r) => [r.id, r.name, r.kind]),
    );
    await multi("RoomMember", ["roomId", "userId"], p.members);
    for (const batch of p.rows(5_000)) {
      await client.query("BEGIN");
      await multi(
        "Message",
        ["id", "roomId", "authorId", "body", "clientId", "kind", "recipientId", "createdAt", "deletedAt", "deletedById"],
        batch.map((m) => {
          const at = pgDate(m.createdAt);
          return [m.id, m.roomId, m.authorId, m.body, `s${m.id}`, m.kind, m.recipientId, at, m.deleted ? at : null, m.deleted ? m.authorId : null];
        }),
      );
      await multi(
        "Attachment",
        ["id", "uploaderId", "messageId", "kind", "name", "mime", "size", "storageKey"],
        batch.filter((m) => m.file).map((m) => [`a${m.id}`, m.authorId, m.id, "file", "notes.txt", "text/plain", 10, `k${m.id}`]),
      );
      await client.query("COMMIT");
    }
    await client.query(`SELECT setval(pg_get_serial_sequence('"Message"', 'id'), $1)`, [messages]);
    await client.query("SET maintenance_work_mem = '256MB'");
    for (const index of indexes) await client.query(index.indexdef);
    await client.query("ANALYZE");
  } finally {
    await client.end();
  }
  return p.corpus;
}
