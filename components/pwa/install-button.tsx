"use client";

import type { ReactNode } from "react";
import { useState, useSyncExternalStore } from "react";
import { installPromptSnapshot, promptInstall, subscribeInstallPrompt, wasInstalled } from "@/components/pwa/install-prompt";
import { Button } from "@/components/ui/button";
import { isIos, isStandalone } from "@/components/pwa/platform";

const noop = () => () => {};
type Platform = "server" | "standalone" | "ios" | "other";

function readPlatform(): Platform {
  if (isStandalone()) return "standalone";
  return isIos() ? "ios" : "other";
}

/**
 * "Install Parley" when the browser offers installation, a how-to on iOS
 * (Safari has no install event), nothing when already installed, `fallback`
 * when the browser offers nothing (yet: Chromium decides when). Renders
 * nothing on the server: all of this is per device.
 */
export function InstallButton({ className = "", fallback = null }: { className?: string; fallback?: ReactNode }) {
  const platform = useSyncExternalStore<Platform>(noop, readPlatform, () => "server");
  const offer = useSyncExternalStore(subscribeInstallPrompt, installPromptSnapshot, () => null);
  const installed = useSyncExternalStore(subscribeInstallPrompt, wasInstalled, () => false);
  const [outcome, setOutcome] = useState<string | null>(null);

  if (platform === "server" || platform === "standalone") return null;
  if (installed || outcome === "accepted") return <p className={`text-sm text-muted-foreground ${className}`}>Parley is installed. Open it from your apps.</p>;
  if (offer) {
    return (
      <Button variant="outline" size="sm" className={className} onClick={() => void promptInstall().then(setOutcome)}>
        Install Parley
      </Button>
    );
  }
  if (platform === "ios") {
    return (
      <p className={`text-sm text-muted-foreground ${className}`}>
        To install Parley, tap the Share button <span aria-hidden="true">(□↑)</span>, then Add to Home Screen.
      </p>
    );
  }
  return fallback;
}
