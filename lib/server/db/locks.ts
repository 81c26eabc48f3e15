import "server-only";
/**
 * PostgreSQL advisory lock keys (two-int form: a namespace, then a key within it),
 * in one place so two features never share a key by accident. Every node must use
 * the same values.
 */
export const LOCK_NAMESPACE = {
  /** applyMigrations at start: key 1. */
  migrations: 0x7061726c,
  /** Message inserts, keyed by hashtext(roomId): see lib/server/services/message-writer.ts. */
  roomMessages: 0x7061726d,
} as const;
