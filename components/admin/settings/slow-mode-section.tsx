"use client";

import { ErrorNotice } from "@/components/admin/error-notice";
import { SlowModeRow } from "@/components/admin/settings/slow-mode-row";
import { StatusLine } from "@/components/admin/status-line";
import type { SlowModeRoom } from "@/components/admin/types";
import { useHttp } from "@/lib/client/use-http";
import { Table, TableBody, TableHead, TableHeader, TableRow } from "@/components/ui/table";

export function SlowModeSection() {
  const { data, error, isLoading, mutate } = useHttp<{ rooms: SlowModeRoom[] }>("/api/admin/slow-mode");
  return (
    <section aria-labelledby="slow-mode-title" className="flex flex-col gap-3">
      <h2 id="slow-mode-title" className="text-lg font-semibold">
        Slow mode per room
      </h2>
      <p className="text-sm text-muted-foreground">
        Seconds each member must wait between messages in the room (0 = off, at most 21600). Moderators are exempt.
      </p>
      <StatusLine text={isLoading ? "Loading rooms…" : null} />
      {error ? <ErrorNotice error={error} onRetry={() => void mutate()} /> : null}
      {data && data.rooms.length > 0 ? (
        <div role="region" aria-label="Slow mode per room" className="rounded-xl border border-border">
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead scope="col">Room</TableHead>
                <TableHead scope="col">Slow mode</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {data.rooms.map((room) => (
                <SlowModeRow key={room.id} room={room} />
              ))}
            </TableBody>
          </Table>
        </div>
      ) : null}
    </section>
  );
}
