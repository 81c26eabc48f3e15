"use client";

import { useTheme } from "next-themes";
import type { CSSProperties } from "react";
import { Toaster as Sonner } from "sonner";

/**
 * Short-lived notes (someone logged in, a room went away), never stored. They sit
 * top right, below the header and left of the member list (w-60 on md+), so they
 * never cover the people list or the composer; on a phone, under the header.
 */
export function Toaster() {
  const { resolvedTheme } = useTheme();
  return (
    <Sonner
      theme={resolvedTheme === "dark" ? "dark" : "light"}
      position="top-right"
      offset={{ top: 64, right: 256 }}
      mobileOffset={{ top: 60, left: 8, right: 8 }}
      visibleToasts={4}
      closeButton
      containerAriaLabel="Notifications"
      toastOptions={{ duration: 6_000, closeButtonAriaLabel: "Dismiss notification" }}
      style={{ "--normal-bg": "var(--popover)", "--normal-text": "var(--popover-foreground)", "--normal-border": "var(--border)" } as CSSProperties}
    />
  );
}
