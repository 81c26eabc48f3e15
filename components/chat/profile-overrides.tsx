"use client";

import type { ReactNode } from "react";
import { createContext, useContext, useState } from "react";
import { useSocketEvent } from "@/components/chat/use-socket-event";
import type { ClientSocket } from "@/lib/client/socket";
import type { PublicUser } from "@/lib/shared/types";

type Override = Pick<PublicUser, "displayName" | "avatarUrl">;
const Overrides = createContext<Map<string, Override>>(new Map());

/**
 * Profiles changed since the messages and lists on screen were loaded (`user:updated`):
 * names and avatars everywhere follow without a reload.
 */
export function useProfileOverrides(socket: ClientSocket | null): Map<string, Override> {
  const [overrides, setOverrides] = useState<Map<string, Override>>(new Map());
  useSocketEvent(socket, "user:updated", (profile) =>
    setOverrides((m) => new Map(m).set(profile.id, { displayName: profile.displayName, avatarUrl: profile.avatarUrl })),
  );
  return overrides;
}

export function ProfileOverridesProvider({ value, children }: { value: Map<string, Override>; children: ReactNode }) {
  return <Overrides.Provider value={value}>{children}</Overrides.Provider>;
}

/** The user as they look now. */
export function useResolvedUser<U extends PublicUser>(user: U): U {
  const override = useContext(Overrides).get(user.id);
  return override ? { ...user, ...override } : user;
}
