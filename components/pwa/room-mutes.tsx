"use client";

import { useState } from "react";
import { http } from "@/lib/client/http";

export interface MutableRoom {
  id: string;
  name: string;
}

/** Rooms whose messages (mentions included) never send a push; saved on each click. */
export function RoomMutes({ rooms, initialMutedRoomIds }: { rooms: MutableRoom[]; initialMutedRoomIds: string[] }) {
  const [muted, setMuted] = useState(() => new Set(initialMutedRoomIds));
  const [pending, setPending] = useState<Set<string>>(() => new Set());
  const [error, setError] = useState<string | null>(null);

  async function toggle(room: MutableRoom, mute: boolean) {
    setError(null);
    setPending((p) => new Set(p).add(room.id));
    setMuted((m) => {
      const next = new Set(m);
      if (mute) next.add(room.id);
      else next.delete(room.id);
      return next;
    });
    const result = await http<{ roomIds: string[] }>("/api/push/mutes", { method: mute ? "PUT" : "DELETE", body: { roomId: room.id } });
    setPending((p) => {
      const next = new Set(p);
      next.delete(room.id);
      return next;
    });
    if (result.ok) {
      setMuted(new Set(result.data.roomIds));
    } else {
      setMuted((m) => {
        const next = new Set(m);
        if (mute) next.delete(room.id);
        else next.add(room.id);
        return next;
      });
      setError(`#${room.name}: ${result.error.message}`);
    }
  }

  if (rooms.length === 0) return null;
  return (
    <fieldset className="flex flex-col gap-2">
      <legend className="mb-1 text-sm font-medium">Muted rooms</legend>
      <p className="text-sm text-muted-foreground">
        Muted rooms never send you a push, not even for mentions or whispers. Direct messages always do while push is on.
      </p>
      <ul className="flex flex-col gap-1">
        {rooms.map((room) => (
          <li key={room.id}>
            <label className="inline-flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                checked={muted.has(room.id)}
                disabled={pending.has(room.id)}
                onChange={(e) => void toggle(room, e.target.checked)}
                className="h-4 w-4 accent-primary"
              />
              Mute #{room.name}
            </label>
          </li>
        ))}
      </ul>
      {error ? (
        <p role="alert" className="text-sm text-destructive">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
