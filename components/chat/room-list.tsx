import type { RoomSummary } from "@/lib/types";

export function RoomList({ rooms, activeId }: { rooms: RoomSummary[]; activeId: string }) {
  return (
    <nav aria-labelledby="rooms-heading" className="flex flex-col gap-2 p-3">
      <h2 id="rooms-heading" className="text-xs font-semibold uppercase tracking-wide text-zinc-500 dark:text-zinc-400">
        Rooms
      </h2>
      <ul className="flex flex-col gap-1">
        {rooms.map((room) => (
          <li key={room.id}>
            <a
              href="/"
              aria-current={room.id === activeId ? "page" : undefined}
              className="block rounded-md px-2 py-1.5 text-sm aria-[current=page]:bg-zinc-200 aria-[current=page]:font-semibold dark:aria-[current=page]:bg-zinc-800"
            >
              # {room.name}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
