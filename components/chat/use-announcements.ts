import { useEffect, useRef, useState } from "react";
import type { StreamItem } from "@/lib/client/chat-state";
import { announcementOf, arrivals } from "@/lib/client/message-announcements";

/** How many announcements the live region keeps: each is a new node, which is what gets read. */
const SPOKEN_KEPT = 5;

/** New messages from others, read out once each (the list's own rows come and go as it scrolls). */
export function useAnnouncements(items: StreamItem[], loaded: boolean, meId: string) {
  const [spoken, setSpoken] = useState<{ key: string; text: string }[]>([]);
  const before = useRef<StreamItem[]>([]);
  useEffect(() => {
    const fresh = loaded ? arrivals(before.current, items) : [];
    before.current = loaded ? items : [];
    const lines = fresh.flatMap((item) => {
      const text = announcementOf(item, meId);
      return text ? [{ key: item.key, text }] : [];
    });
    if (lines.length) setSpoken((old) => [...old, ...lines].slice(-SPOKEN_KEPT));
  }, [items, loaded, meId]);
  return spoken;
}
