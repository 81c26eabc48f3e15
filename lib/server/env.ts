import "server-only";
import path from "node:path";
import { z } from "zod";
import type { TrustProxy } from "@/lib/server/client-ip";
import { parseTrustProxy } from "@/lib/server/client-ip";
import { checkFileStoreEnv, fileStoreEnvShape } from "@/lib/server/storage/file-store-env";
import { localFilesDir } from "@/lib/server/storage/local-store";

/**
 * The only reader of process.env. Every setting has a default that works on a
 * laptop, so `npm start` needs no .env file.
 */
/** `tsx server.ts --dev` runs Next in development mode; anything else is production. */
export const isDevServer = process.argv.includes("--dev");
// Next reads NODE_ENV itself; set it before Next is first imported.
(process.env as Record<string, string | undefined>).NODE_ENV ??= isDevServer ? "development" : "production";

const boolish = z.stringbool().default(false);

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** `::` listens on IPv6 and IPv4 (dual stack). */
  HOST: z.string().min(1).default("::"),
  DATA_DIR: z.string().min(1).default("./data"),
  DATABASE_URL: z.string().min(1).optional(),
  /** PostgreSQL only: connections per node, and how long a query waits for one (ms). */
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(1000).default(10),
  DATABASE_POOL_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(10_000),
  /** PostgreSQL only: an unused connection is closed after this long (ms). */
  DATABASE_POOL_IDLE_MS: z.coerce.number().int().min(1_000).max(3_600_000).default(30_000),
  /** next-auth's own setting; when set, its protocol decides whether session cookies are Secure. */
  NEXTAUTH_URL: z.url({ error: "NEXTAUTH_URL must be a URL like https://chat.example.org" }).optional(),
  AUTH_SECRET: z.string().min(32, "AUTH_SECRET must be at least 32 characters").optional(),
  WELCOME_MESSAGE: z.string().max(500).default("Welcome to Parley! Be kind, and have fun."),
  /** A browser session with no user action for this long is logged out by the server. */
  IDLE_TIMEOUT_MINUTES: z.coerce
    .number()
    .positive()
    .max(60 * 24 * 30)
    .default(30),
  /** A person whose last tab closed (or moved to a page without chat) is announced offline after this long. */
  PRESENCE_GRACE_SECONDS: z.coerce.number().min(0).max(300).default(5),
  SHUTDOWN_GRACE_SECONDS: z.coerce.number().min(0).max(60).default(5),
  /** `false`, `true` (one proxy), a number of proxies in a chain, or a list of proxy addresses/CIDRs. */
  TRUST_PROXY: z
    .string()
    .optional()
    .transform((value, ctx): TrustProxy => {
      try {
        return parseTrustProxy(value);
      } catch (error) {
        ctx.addIssue({ code: "custom", message: (error as Error).message });
        return z.NEVER;
      }
    }),
  /** Parley's public address (e.g. https://chat.example.org); requests from other origins are refused. Default: the request's own host. */
  PUBLIC_URL: z.url({ protocol: /^https?$/, error: "PUBLIC_URL must be an http(s) URL like https://chat.example.org" }).optional(),
  /** Extra origins allowed to use Parley's sockets and forms (comma-separated URLs). */
  ALLOWED_ORIGINS: z
    .string()
    .default("")
    .transform((value, ctx) => {
      const origins: string[] = [];
      for (const item of value
        .split(",")
        .map((o) => o.trim())
        .filter(Boolean)) {
        try {
          origins.push(new URL(item).origin);
        } catch {
          ctx.addIssue({ code: "custom", message: `ALLOWED_ORIGINS: "${item}" is not a URL like https://chat.example.org` });
        }
      }
      return origins;
    }),
  /** Open sockets one account may hold at once (tabs, devices); the next is refused. */
  MAX_SOCKETS_PER_USER: z.coerce.number().int().min(1).max(10_000).default(20),
  /** Open sockets from one network address at once (an office behind one NAT shares it). */
  MAX_SOCKETS_PER_ADDRESS: z.coerce.number().int().min(1).max(100_000).default(200),
  /** Built-in TLS: paths to a PEM certificate (chain) and its private key; both or neither. */
  TLS_CERT: z.string().min(1).optional(),
  TLS_KEY: z.string().min(1).optional(),
  /** Comma-separated usernames promoted to admin at start. */
  ADMIN_USERNAMES: z
    .string()
    .default("")
    .transform((v) =>
      v
        .split(",")
        .map((u) => u.trim().toLowerCase())
        .filter(Boolean),
    ),
  /** Optional: shares rate limits across nodes (the scale-out path). */
  REDIS_URL: z.string().url("REDIS_URL must be a URL like redis://127.0.0.1:6379").optional(),
  /** Start of every Redis key and channel: lets several Parley communities share one Redis. */
  REDIS_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{1,40}$/, "REDIS_PREFIX may hold letters, digits, _ . - (up to 40)")
    .default("parley"),
  /** Contact the push services see for this server; Apple rejects localhost addresses. */
  VAPID_SUBJECT: z
    .string()
    .regex(/^(mailto:|https:\/\/)/, "VAPID_SUBJECT must start with mailto: or https://")
    .default("mailto:admin@example.com"),
  LOGIN_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(3),
  LOGIN_BLOCK_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
  /** Defaults of the console's file settings: the largest attachment, and uploads per person per 24 h. */
  UPLOAD_MAX_MB: z.coerce.number().int().min(1).max(1024).default(25),
  UPLOAD_DAILY_QUOTA_MB: z.coerce.number().int().min(1).max(100_000).default(500),
  /** Where attachment bytes live: FILE_STORE, FILES_DIR, S3_* (see storage/file-store-env.ts). */
  ...fileStoreEnvShape,
  /** Set by `npm run bench` on the server it starts: answer memory probes over IPC. */
  PARLEY_BENCH_PROBE: boolish,
  /** Hosts (`host` or `host:port`) link previews may fetch despite the address and port rules; for tests against a local server. */
  LINK_PREVIEW_ALLOW_HOSTS: z
    .string()
    .default("")
    .transform((v) =>
      v
        .split(",")
        .map((h) => h.trim().toLowerCase())
        .filter(Boolean),
    ),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
});

/** Rules between settings, each reported on the setting to change. */
const checkedEnvSchema = envSchema.superRefine(checkFileStoreEnv);

export type Env = z.infer<typeof envSchema> & { DATA_DIR: string; DATABASE_URL: string; FILES_DIR: string };

/** Exported for tests; the app reads `env`. */
export function loadEnv(source: Record<string, string | undefined>): Env {
  const parsed = checkedEnvSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join("\n")}`);
  }
  if (Boolean(parsed.data.TLS_CERT) !== Boolean(parsed.data.TLS_KEY)) {
    throw new Error("Invalid configuration:\n  TLS_CERT and TLS_KEY: set both (certificate and private key files) or neither");
  }
  const dataDir = path.resolve(parsed.data.DATA_DIR);
  return {
    ...parsed.data,
    DATA_DIR: dataDir,
    DATABASE_URL: parsed.data.DATABASE_URL ?? `file:${path.join(dataDir, "parley.db")}`,
    FILES_DIR: path.resolve(parsed.data.FILES_DIR ?? localFilesDir(dataDir)),
  };
}

export const env: Env = loadEnv(process.env);

/**
 * next-auth reads these from the process environment itself. server.ts vouches for
 * the Host header (it rewrites forwarded headers unless TRUST_PROXY), and the
 * session secret may have been generated into the data folder.
 */
export function exportAuthEnvironment(authSecret: string): void {
  process.env.AUTH_TRUST_HOST ??= "true";
  process.env.NEXTAUTH_SECRET ??= authSecret;
}
