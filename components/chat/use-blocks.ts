"use client";

import { useCallback, useState } from "react";
import type { Requester } from "@/lib/client/request";
import type { Outcome } from "@/lib/client/run-command";
import type { PublicUser } from "@/lib/shared/types";

/** The people this user blocks; the user card, /block and the settings page share it. */
export function useBlocks(ask: Requester) {
  const [blocked, setBlocked] = useState<Map<string, PublicUser>>(new Map());

  const loadBlocks = useCallback(async () => {
    const answer = await ask("block:list", {});
    if (answer.ok) setBlocked(new Map(answer.data.users.map((u) => [u.id, u])));
    return answer;
  }, [ask]);

  const block = useCallback(
    async (usernames: string[]): Promise<Outcome<PublicUser[]>> => {
      const answer = await ask("block:add", { usernames });
      if (!answer.ok) return { ok: false, error: answer.error.message };
      setBlocked((m) => new Map([...m, ...answer.data.blocked.map((u) => [u.id, u] as const)]));
      return { ok: true, data: answer.data.blocked };
    },
    [ask],
  );

  const unblock = useCallback(
    async (usernames: string[]): Promise<Outcome<{ unblocked: PublicUser[]; notBlocked: PublicUser[] }>> => {
      const answer = await ask("block:remove", { usernames });
      if (!answer.ok) return { ok: false, error: answer.error.message };
      setBlocked((m) => {
        const next = new Map(m);
        for (const u of answer.data.unblocked) next.delete(u.id);
        return next;
      });
      return { ok: true, data: answer.data };
    },
    [ask],
  );

  return { blocked, loadBlocks, block, unblock };
}
