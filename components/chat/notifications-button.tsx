"use client";

import { BellIcon } from "lucide-react";
import { useState, useSyncExternalStore } from "react";
import { Button } from "@/components/ui/button";

type Permission = NotificationPermission | "unsupported";

const read = (): Permission => (typeof Notification === "undefined" ? "unsupported" : Notification.permission);
const subscribe = () => () => {};

/**
 * Desktop notifications are only ever requested from this button, never on load.
 * The permission is read after hydration so server and client render the same.
 */
export function NotificationsButton() {
  const browserPermission = useSyncExternalStore(subscribe, read, () => "unsupported" as Permission);
  const [asked, setAsked] = useState<Permission | null>(null);
  const permission = asked ?? browserPermission;

  if (permission === "unsupported") return null;
  if (permission === "granted")
    return <p className="text-xs text-muted-foreground">Desktop notifications are on for other rooms and direct messages while Parley is in the background.</p>;
  if (permission === "denied") return <p className="text-xs text-muted-foreground">Desktop notifications are blocked in this browser&apos;s site settings.</p>;
  return (
    // Filled and only as wide as its words: full-width and outlined, it read as a text field.
    <Button
      variant="secondary"
      size="sm"
      className="h-auto self-start py-1.5 text-left whitespace-normal"
      onClick={() => void Notification.requestPermission().then(setAsked)}
    >
      <BellIcon aria-hidden="true" />
      Enable desktop notifications
    </Button>
  );
}
