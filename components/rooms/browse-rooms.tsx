"use client";

import type { FormEvent } from "react";
import { useEffect, useState } from "react";
import type { RoomOutcome } from "@/components/chat/use-room-actions";
import type { Requester } from "@/lib/client/request";
import type { RoomSummary } from "@/lib/shared/types";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/input";
import { LockIcon } from "lucide-react";

const SEARCH_DELAY_MS = 200;

export const memberCountText = (room: Pick<RoomSummary, "memberCount" | "memberLimit">) =>
  room.memberLimit > 0 ? `${room.memberCount} / ${room.memberLimit} members` : `${room.memberCount} member${room.memberCount === 1 ? "" : "s"}`;

/** The room browser: search public and private rooms, join (with a password when private). */
export function BrowseRooms(props: {
  ask: Requester;
  memberOf: Set<string>;
  onJoin: (roomId: string, password?: string) => Promise<RoomOutcome<unknown>>;
  onOpen: (roomId: string) => void;
}) {
  const { ask, memberOf, onJoin, onOpen } = props;
  const [query, setQuery] = useState("");
  const [rooms, setRooms] = useState<RoomSummary[] | null>(null);
  const [listError, setListError] = useState<string | null>(null);
  const [asking, setAsking] = useState<string | null>(null);
  const [password, setPassword] = useState("");
  const [joinError, setJoinError] = useState<{ roomId: string; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let current = true;
    const timer = setTimeout(async () => {
      const answer = await ask("room:list", { query: query.trim() });
      if (!current) return;
      if (answer.ok) {
        setRooms(answer.data.rooms);
        setListError(null);
      } else setListError(answer.error.message);
    }, SEARCH_DELAY_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [ask, query]);

  async function join(room: RoomSummary, withPassword?: string) {
    if (room.kind === "private" && withPassword === undefined) {
      setAsking(room.id);
      setPassword("");
      setJoinError(null);
      return;
    }
    setBusy(true);
    const outcome = await onJoin(room.id, withPassword);
    setBusy(false);
    if (outcome.ok) return;
    if ("fields" in outcome && outcome.fields?.password) setAsking(room.id);
    setJoinError({ roomId: room.id, text: outcome.error });
  }

  const submitPassword = (room: RoomSummary) => (e: FormEvent) => {
    e.preventDefault();
    void join(room, password);
  };

  return (
    <div className="flex flex-col gap-3">
      <label className="flex flex-col gap-1 text-sm font-medium">
        Search rooms
        {/* biome-ignore lint/a11y/noAutofocus: the dialog opens for this field; Radix would otherwise focus its first button. */}
        <input type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder="Name or description" className={inputClass} autoFocus />
      </label>
      {listError ? (
        <p role="alert" className="text-sm text-destructive">
          {listError}
        </p>
      ) : null}
      {rooms === null ? <p className="text-sm text-muted-foreground">Loading rooms…</p> : null}
      {rooms?.length === 0 ? <p className="text-sm text-muted-foreground">No rooms match. Create one, or join a hidden room with /join name.</p> : null}
      <ul aria-label="Rooms to join" className="flex flex-col divide-y divide-border">
        {rooms?.map((room) => (
          <li key={room.id} className="flex flex-col gap-2 py-2">
            <div className="flex items-start gap-3">
              <div className="min-w-0 flex-1">
                <p className="font-medium">
                  # {room.name}{" "}
                  {room.kind === "private" ? (
                    <>
                      <LockIcon aria-hidden="true" className="inline size-3.5 align-baseline text-muted-foreground" />
                      <span className="sr-only">(private — needs a password)</span>
                    </>
                  ) : null}
                </p>
                {room.description ? <p className="text-sm text-muted-foreground">{room.description}</p> : null}
                <p className="text-xs text-muted-foreground">{memberCountText(room)}</p>
              </div>
              {memberOf.has(room.id) ? (
                <Button variant="outline" size="sm" type="button" onClick={() => onOpen(room.id)} aria-label={`Open #${room.name}`}>
                  Open
                </Button>
              ) : (
                <Button size="sm" type="button" disabled={busy} onClick={() => void join(room)} aria-label={`Join #${room.name}`}>
                  Join
                </Button>
              )}
            </div>
            {asking === room.id ? (
              <form onSubmit={submitPassword(room)} className="flex items-end gap-2">
                <label className="flex flex-1 flex-col gap-1 text-sm">
                  Password for #{room.name}
                  {/* biome-ignore lint/a11y/noAutofocus: the dialog opens for this field; Radix would otherwise focus its first button. */}
                  <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} className={inputClass} autoFocus required />
                </label>
                <Button size="sm" type="submit" disabled={busy || !password}>
                  Join with password
                </Button>
              </form>
            ) : null}
            {joinError?.roomId === room.id ? (
              <p role="alert" className="text-sm text-destructive">
                {joinError.text}
              </p>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
