import { formatDateTime } from "@/lib/shared/format-time";
import { Badge } from "@/components/ui/badge";
import type { ConsoleUser } from "@/components/admin/types";

/** Banned / timed out / active, with the end in the viewer's time zone. */
export function UserStatus({ user }: { user: ConsoleUser }) {
  if (user.bannedUntil) {
    const text = user.bannedUntil === "permanent" ? "Banned permanently" : `Banned until ${formatDateTime(user.bannedUntil)}`;
    return (
      <Badge variant="destructive" className="whitespace-normal">
        {text}
      </Badge>
    );
  }
  if (user.timedOutUntil) {
    return (
      <Badge variant="warning" className="whitespace-normal">
        Timed out until {formatDateTime(user.timedOutUntil)}
      </Badge>
    );
  }
  return <Badge variant="success">Active</Badge>;
}
