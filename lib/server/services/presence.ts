import "server-only";
import type { PublicUser } from "@/lib/shared/types";

/**
 * Who is online, counted per connection so a second tab does not announce the user
 * twice. Behind an interface so a Redis-backed store can serve many nodes later.
 */
export interface PresenceStore {
  /** Returns true when this is the user's first live connection. */
  connect(user: PublicUser, connectionId: string): Promise<boolean>;
  /** Returns true when this was the user's last live connection. */
  disconnect(userId: string, connectionId: string): Promise<boolean>;
  list(): Promise<PublicUser[]>;
  count(): Promise<number>;
  onlineIds(): Promise<string[]>;
  isOnline(userId: string): Promise<boolean>;
}

export function createMemoryPresence(): PresenceStore {
  const online = new Map<string, { user: PublicUser; connections: Set<string> }>();

  return {
    async connect(user, connectionId) {
      const entry = online.get(user.id);
      if (entry) {
        entry.user = user;
        entry.connections.add(connectionId);
        return false;
      }
      online.set(user.id, { user, connections: new Set([connectionId]) });
      return true;
    },
    async disconnect(userId, connectionId) {
      const entry = online.get(userId);
      if (!entry?.connections.delete(connectionId)) return false;
      if (entry.connections.size > 0) return false;
      online.delete(userId);
      return true;
    },
    async list() {
      return [...online.values()].map((e) => e.user).sort((a, b) => a.displayName.localeCompare(b.displayName));
    },
    async count() {
      return online.size;
    },
    async onlineIds() {
      return [...online.keys()];
    },
    async isOnline(userId) {
      return online.has(userId);
    },
  };
}
