import { formatDateTime } from "@/components/admin/format";
import { badge } from "@/components/admin/styles";
import type { ConsoleUser } from "@/components/admin/types";

/** Banned / timed out / active, with the end in the viewer's time zone. */
export function UserStatus({ user }: { user: ConsoleUser }) {
  if (user.bannedUntil) {
    const text = user.bannedUntil === "permanent" ? "Banned permanently" : `Banned until ${formatDateTime(user.bannedUntil)}`;
    return <span className={`${badge} bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-200`}>{text}</span>;
  }
  if (user.timedOutUntil) {
    return <span className={`${badge} bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200`}>Timed out until {formatDateTime(user.timedOutUntil)}</span>;
  }
  return <span className={`${badge} bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-200`}>Active</span>;
}
