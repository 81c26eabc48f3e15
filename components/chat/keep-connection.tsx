"use client";

import { useConnection } from "@/components/chat/use-connection";

/**
 * Holds the tab's socket on pages without the chat (Profile, the moderation console):
 * the person stays online while there, and the chat finds the same connection on return.
 * A session the server ends still sends the tab to the login page.
 */
export function KeepConnection() {
  useConnection();
  return null;
}
