"use client";

import type { ChangeEvent } from "react";
import { useEffect, useRef, useState } from "react";
import { AvatarImage } from "@/components/profile/avatar-image";
import { removeAvatar } from "@/components/profile/profile-requests";
import { UploadProgress } from "@/components/profile/upload-progress";
import { uploadAvatar } from "@/components/profile/upload-avatar";
import type { OwnProfile } from "@/lib/shared/schemas/profile";
import { AVATAR_ACCEPT, AVATAR_MAX_BYTES, AVATAR_MAX_SIDE } from "@/lib/shared/schemas/profile";
import { Button } from "@/components/ui/button";

const MAX_MB = AVATAR_MAX_BYTES / (1024 * 1024);

/**
 * Pick → preview (cropped to the centre square, as the server will) → upload
 * with progress. Whether the file is acceptable is the server's call (it reads
 * the bytes, not the name or the browser's guess); only the size is checked
 * here, to spare a long upload that would be refused.
 */
export function AvatarUpload({ profile, onSaved }: { profile: OwnProfile; onSaved: (profile: OwnProfile) => void }) {
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [previewUrl, setPreviewUrl] = useState<string | null>(null);
  const [previewBroken, setPreviewBroken] = useState(false);
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  // Created here rather than in the change handler so the URL is always revoked with the file it shows.
  useEffect(() => {
    if (!file) return;
    const url = URL.createObjectURL(file);
    setPreviewUrl(url);
    setPreviewBroken(false);
    return () => {
      URL.revokeObjectURL(url);
      setPreviewUrl(null);
    };
  }, [file]);

  function clear() {
    setFile(null);
    if (input.current) input.current.value = "";
  }

  function onPick(event: ChangeEvent<HTMLInputElement>) {
    const picked = event.target.files?.[0] ?? null;
    setError(null);
    setNotice(null);
    if (picked && picked.size > AVATAR_MAX_BYTES) {
      setError(`Avatars must be ${MAX_MB} MB or smaller`);
      clear();
      return;
    }
    setFile(picked);
  }

  async function onUpload() {
    if (!file) return;
    setBusy(true);
    setError(null);
    setProgress(0);
    const result = await uploadAvatar(file, setProgress);
    setBusy(false);
    setProgress(null);
    if (!result.ok) {
      setError(result.error.message);
      return;
    }
    clear();
    setNotice("Avatar saved.");
    onSaved(result.data);
  }

  async function onRemove() {
    setBusy(true);
    setError(null);
    setNotice(null);
    const result = await removeAvatar();
    setBusy(false);
    if (!result.ok) {
      setError(result.error.message);
      return;
    }
    setNotice("Avatar removed. Others see your initials instead.");
    onSaved(result.data);
  }

  return (
    // The heading is the file input's label, so "Avatar" is written once and names only the input.
    <section className="flex flex-col gap-4">
      <h2 className="text-lg font-semibold">
        <label htmlFor="avatar-file">Avatar</label>
      </h2>
      <div className="flex flex-wrap items-start gap-6">
        <figure className="flex flex-col items-center gap-1">
          {previewUrl ? (
            previewBroken ? (
              <span className="flex h-24 w-24 items-center justify-center rounded-full border border-dashed border-input p-2 text-center text-xs text-muted-foreground">
                No preview
              </span>
            ) : (
              // A blob: URL of the picked file; next/image can't load those.
              <img
                src={previewUrl}
                alt="Preview of your new avatar"
                onError={() => setPreviewBroken(true)}
                className="h-24 w-24 rounded-full object-cover object-center"
              />
            )
          ) : (
            <AvatarImage user={profile} size="xl" />
          )}
          <figcaption className="text-xs text-muted-foreground">{previewUrl ? "Preview (not saved yet)" : "Current avatar"}</figcaption>
        </figure>
        <div className="flex min-w-60 flex-1 flex-col gap-3">
          <div className="flex flex-col gap-1">
            <input
              ref={input}
              id="avatar-file"
              type="file"
              accept={AVATAR_ACCEPT}
              onChange={onPick}
              disabled={busy}
              aria-describedby="avatar-hint"
              className="text-sm file:mr-3 file:rounded-md file:border-0 file:bg-secondary file:px-3 file:py-2 file:text-sm file:font-medium file:text-secondary-foreground hover:file:bg-accent"
            />
            <p id="avatar-hint" className="text-sm text-muted-foreground">
              PNG, JPEG, WebP or GIF, up to {MAX_MB} MB and {AVATAR_MAX_SIDE}×{AVATAR_MAX_SIDE} pixels. It is cropped to the centre square.
            </p>
          </div>
          {previewBroken ? (
            <p className="text-sm text-muted-foreground">This browser can&apos;t preview that file; the server will check it when you upload.</p>
          ) : null}
          {progress !== null ? <UploadProgress percent={progress} /> : null}
          <div className="flex flex-wrap gap-2">
            {file ? (
              <>
                <Button type="button" onClick={onUpload} disabled={busy}>
                  {busy ? "Uploading…" : "Upload avatar"}
                </Button>
                <Button variant="outline" type="button" onClick={clear} disabled={busy}>
                  Cancel
                </Button>
              </>
            ) : profile.avatarUrl ? (
              <Button variant="outline" type="button" onClick={onRemove} disabled={busy}>
                Remove avatar
              </Button>
            ) : null}
          </div>
          {error ? (
            <p role="alert" className="text-sm text-destructive">
              {error}
            </p>
          ) : null}
          <p role="status" className="text-sm text-success">
            {notice ?? ""}
          </p>
        </div>
      </div>
    </section>
  );
}
