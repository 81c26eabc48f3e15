"use client";

import { useEffect } from "react";
// Side effect: starts catching `beforeinstallprompt` on every page, before any install button mounts.
import "@/components/pwa/install-prompt";

/**
 * Registers public/sw.js once the page has loaded. Production only: in
 * development Next serves changing chunks under stable names, and a
 * cache-first worker would keep serving stale code.
 */
export function ServiceWorkerRegistration() {
  useEffect(() => {
    if (process.env.NODE_ENV !== "production" || !("serviceWorker" in navigator)) return;
    // updateViaCache "none": an edited sw.js is picked up on the next visit, whatever the HTTP cache says.
    navigator.serviceWorker.register("/sw.js", { scope: "/", updateViaCache: "none" }).catch(() => {
      // Unsupported contexts (plain http on a LAN address, private modes) simply run without offline support.
    });
  }, []);
  return null;
}
