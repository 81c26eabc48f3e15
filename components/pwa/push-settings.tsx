"use client";

import { useEffect, useState } from "react";
import { isIos } from "@/components/pwa/platform";
import type { PushProblem } from "@/components/pwa/push-subscription";
import { currentSubscription, disablePush, enablePush, pushSupported } from "@/components/pwa/push-subscription";
import type { MutableRoom } from "@/components/pwa/room-mutes";
import { RoomMutes } from "@/components/pwa/room-mutes";
import type { OwnProfile } from "@/lib/shared/schemas/profile";
import { Button } from "@/components/ui/button";

type Browser = { supported: boolean; permission: NotificationPermission; subscribed: boolean; ios: boolean };

const problemText: Record<PushProblem, string> = {
  unsupported: "This browser can't receive push notifications.",
  denied: "Notifications are blocked for Parley in this browser. Allow them in the site settings (next to the address bar), then try again.",
  dismissed: "Parley needs your permission to show notifications. Click the button again and choose Allow.",
  "no-worker": "Parley's offline worker isn't running in this tab, so it can't receive pushes. Reload the page and try again.",
  "push-service": "This browser couldn't sign up with its push service. Try again later, or in another browser.",
};

/**
 * Web push on/off for this browser, plus rooms that never push. Permission is
 * only requested from the button; the browser's state is read after hydration.
 */
export function PushSettings({
  profile,
  rooms,
  initialMutedRoomIds,
  onChange,
}: {
  profile: OwnProfile;
  rooms: MutableRoom[];
  initialMutedRoomIds: string[];
  onChange: (profile: OwnProfile) => void;
}) {
  const [browser, setBrowser] = useState<Browser | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let current = true;
    const supported = pushSupported();
    const permission = supported ? Notification.permission : "denied";
    void currentSubscription()
      .catch(() => null)
      .then((subscription) => {
        if (current) setBrowser({ supported, permission, subscribed: !!subscription, ios: isIos() });
      });
    return () => {
      current = false;
    };
  }, []);

  async function onEnable() {
    setBusy(true);
    setProblem(null);
    const result = await enablePush();
    setBusy(false);
    if (result.ok) {
      setBrowser((b) => b && { ...b, permission: "granted", subscribed: true });
      onChange(result.profile);
    } else if ("problem" in result) {
      // Denied replaces the button with its own sentence; saying it twice would only be noise.
      if (result.problem === "denied") setBrowser((b) => b && { ...b, permission: "denied" });
      else setProblem(problemText[result.problem]);
    } else {
      setProblem(result.error.message);
    }
  }

  async function onDisable() {
    setBusy(true);
    setProblem(null);
    const result = await disablePush();
    setBusy(false);
    if (!result.ok) return setProblem(result.error.message);
    setBrowser((b) => b && { ...b, subscribed: false });
    onChange(result.data);
  }

  return (
    <section aria-labelledby="push-heading" className="flex flex-col gap-3">
      <h2 id="push-heading" className="text-lg font-semibold">
        Push notifications
      </h2>
      <p className="text-sm text-muted-foreground">
        Get a notification for direct messages and mentions while no Parley tab is open. Clicking it opens the conversation.
      </p>
      <PushState browser={browser} enabled={profile.pushEnabled} />
      {browser?.supported && browser.permission !== "denied" ? (
        <div className="flex flex-wrap gap-2">
          {profile.pushEnabled && browser.subscribed ? null : (
            <Button type="button" onClick={onEnable} disabled={busy}>
              {busy ? "Working…" : "Enable push notifications"}
            </Button>
          )}
          {profile.pushEnabled ? (
            <Button variant="outline" type="button" onClick={onDisable} disabled={busy}>
              Turn off
            </Button>
          ) : null}
        </div>
      ) : profile.pushEnabled && browser ? (
        <div>
          <Button variant="outline" type="button" onClick={onDisable} disabled={busy}>
            Turn off
          </Button>
        </div>
      ) : null}
      {problem ? (
        <p role="alert" className="text-sm text-destructive">
          {problem}
        </p>
      ) : null}
      <RoomMutes rooms={rooms} initialMutedRoomIds={initialMutedRoomIds} />
    </section>
  );
}

function PushState({ browser, enabled }: { browser: Browser | null; enabled: boolean }) {
  let text: string;
  if (!browser) text = "Checking this browser…";
  else if (!browser.supported)
    text = `${problemText.unsupported}${browser.ios ? " On iPhone and iPad, add Parley to your Home Screen first, then turn them on from there." : ""}`;
  else if (browser.permission === "denied") text = problemText.denied;
  else if (enabled && browser.subscribed) text = "Push notifications are on for this browser.";
  else if (enabled) text = "Push notifications are on for your account, but not yet for this browser.";
  else text = "Push notifications are off.";
  return (
    <p role="status" className="text-sm">
      {text}
    </p>
  );
}
