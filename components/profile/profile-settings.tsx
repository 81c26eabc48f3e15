"use client";

import Link from "next/link";
import { useState } from "react";
import { AvatarUpload } from "@/components/profile/avatar-upload";
import { ProfileForm } from "@/components/profile/profile-form";
import { UserCardDialog } from "@/components/profile/user-card";
import { InstallButton } from "@/components/pwa/install-button";
import { ThemeToggle } from "@/components/ui/theme-toggle";
import type { OwnProfile } from "@/lib/shared/schemas/profile";
import { Button } from "@/components/ui/button";
import { ArrowLeftIcon } from "lucide-react";

const headerLink = "inline-flex items-center gap-1 whitespace-nowrap rounded-md px-2 py-1 text-sm hover:bg-accent";

/** /settings/profile: how others see you, and installing the app. Notifications live in /settings. */
export function ProfileSettings({ initialProfile }: { initialProfile: OwnProfile }) {
  const [profile, setProfile] = useState(initialProfile);
  const [cardOpen, setCardOpen] = useState(false);
  return (
    <div className="flex min-h-dvh flex-col">
      <header className="flex flex-wrap items-center gap-2 border-b border-border px-4 py-2">
        <Link href="/" className={headerLink}>
          <ArrowLeftIcon aria-hidden="true" className="size-4" />
          Back to chat
        </Link>
        <h1 className="font-semibold">Your profile</h1>
        <span className="flex-1" />
        <Link href="/settings" className={headerLink}>
          Settings and notifications
        </Link>
        <ThemeToggle />
      </header>
      <main className="mx-auto flex w-full max-w-2xl flex-col gap-10 px-4 py-6">
        <AvatarUpload profile={profile} onSaved={setProfile} />
        <ProfileForm profile={profile} onSaved={setProfile} />
        <div>
          <Button variant="outline" type="button" onClick={() => setCardOpen(true)}>
            See how others see you
          </Button>
          <UserCardDialog open={cardOpen} onClose={() => setCardOpen(false)} profile={profile} online />
        </div>
        <section aria-labelledby="install-heading" className="flex flex-col gap-2">
          <h2 id="install-heading" className="text-lg font-semibold">
            Parley as an app
          </h2>
          <p className="text-sm text-muted-foreground">Install Parley to open it from your home screen or dock, in its own window.</p>
          <InstallButton
            className="self-start"
            fallback={
              <p className="text-sm text-muted-foreground">
                This browser isn&apos;t offering to install Parley right now. In Chrome or Edge, look for the install icon in the address bar.
              </p>
            }
          />
        </section>
      </main>
    </div>
  );
}
