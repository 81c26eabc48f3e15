"use client";

import { ErrorNotice } from "@/components/admin/error-notice";
import { ScrollTable } from "@/components/admin/scroll-table";
import { SlowModeRow } from "@/components/admin/settings/slow-mode-row";
import { StatusLine } from "@/components/admin/status-line";
import type { SlowModeRoom } from "@/components/admin/types";
import { useAdminData } from "@/components/admin/use-admin-data";
import { Table, TableBody, TableHead, TableHeader, TableRow } from "@/components/ui/table";

export function SlowModeSection() {
  const { data, error, loading, reload } = useAdminData<{ rooms: SlowModeRoom[] }>("/api/admin/slow-mode");
  return (
    <section aria-labelledby="slow-mode-title" className="flex flex-col gap-3">
      <h2 id="slow-mode-title" className="text-lg font-semibold">
        Slow mode per room
      </h2>
      <p className="text-sm text-muted-foreground">
        Seconds each member must wait between messages in the room (0 = off, at most 21600). Moderators are exempt.
      </p>
      <StatusLine text={loading && !data ? "Loading rooms…" : null} />
      {error ? <ErrorNotice error={error} onRetry={reload} /> : null}
      {data && data.rooms.length > 0 ? (
        <ScrollTable label="Slow mode per room">
          <Table className="min-w-[28rem]">
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
        </ScrollTable>
      ) : null}
    </section>
  );
}
