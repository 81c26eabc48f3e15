import { blockerOf } from "@/lib/client/attachment-status";
import type { HttpResult } from "@/lib/client/http";
import type { UploadLimits } from "@/lib/shared/upload-limits";
import { fileTooLarge, MAX_FILES_PER_MESSAGE, TOO_MANY_FILES } from "@/lib/shared/upload-limits";
import type { MessageAttachment } from "@/lib/shared/types";

/** A file in the composer's tray: uploading as soon as it was added, then ready to go out with the message. */
export interface TrayFile {
  key: string;
  name: string;
  size: number;
  /** A blob: URL of the file itself for images (revoked when it leaves the tray); null otherwise. */
  previewUrl: string | null;
  status: "uploading" | "uploaded" | "failed";
  /** Of bytes sent; 100 while the server still works on the file. */
  percent: number;
  /** Failed: the server's sentence (or the network's). */
  error?: string;
  attachment?: MessageAttachment;
}

export interface AttachmentQueueDeps {
  upload: (file: File, onProgress: (percent: number) => void, signal: AbortSignal) => Promise<HttpResult<MessageAttachment>>;
  /** The signed-in person's limits; null when they could not be read (the server still checks). */
  limits: () => Promise<UploadLimits | null>;
  /** URL.createObjectURL and its revoke in the browser; absent in tests. */
  previewUrl?: (file: File) => string;
  revokeUrl?: (url: string) => void;
}

/**
 * The files of the message being written. Refusals the browser can make itself (too
 * many files, too large) happen before any byte is sent, in the server's words; the rest
 * is the server's call. Removing a file aborts its upload. Snapshots are immutable, for
 * useSyncExternalStore.
 */
export function createAttachmentQueue(deps: AttachmentQueueDeps) {
  let files: readonly TrayFile[] = [];
  let seq = 0;
  const sources = new Map<string, { file: File; controller: AbortController | null }>();
  const listeners = new Set<() => void>();

  const set = (next: readonly TrayFile[]) => {
    files = next;
    for (const listener of listeners) listener();
  };
  const patch = (key: string, change: Partial<TrayFile>) => {
    if (files.some((f) => f.key === key)) set(files.map((f) => (f.key === key ? { ...f, ...change } : f)));
  };

  function start(key: string) {
    const source = sources.get(key);
    if (!source) return;
    const controller = new AbortController();
    source.controller = controller;
    patch(key, { status: "uploading", percent: 0, error: undefined });
    void deps
      .upload(source.file, (percent) => !controller.signal.aborted && patch(key, { percent }), controller.signal)
      .then((answer) => {
        if (controller.signal.aborted) return;
        source.controller = null;
        patch(key, answer.ok ? { status: "uploaded", percent: 100, attachment: answer.data } : { status: "failed", error: answer.error.message });
      });
  }

  function drop(key: string) {
    const source = sources.get(key);
    source?.controller?.abort();
    sources.delete(key);
    const gone = files.find((f) => f.key === key);
    if (gone?.previewUrl) deps.revokeUrl?.(gone.previewUrl);
  }

  return {
    files: () => files,
    subscribe(listener: () => void) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },

    /** Adds and starts uploading what fits; answers the sentences for what was refused. */
    async add(picked: readonly File[]): Promise<string[]> {
      if (!picked.length) return [];
      const limits = await deps.limits().catch(() => null);
      const refusals: string[] = [];
      const added: TrayFile[] = [];
      for (const file of picked) {
        if (limits && file.size > limits.maxBytes) {
          refusals.push(fileTooLarge(file.name, file.size, limits.maxBytes));
          continue;
        }
        if (files.length + added.length >= MAX_FILES_PER_MESSAGE) {
          if (!refusals.includes(TOO_MANY_FILES)) refusals.push(TOO_MANY_FILES);
          continue;
        }
        const key = `f${++seq}`;
        sources.set(key, { file, controller: null });
        const previewUrl = file.type.startsWith("image/") && deps.previewUrl ? deps.previewUrl(file) : null;
        added.push({ key, name: file.name, size: file.size, previewUrl, status: "uploading", percent: 0 });
      }
      set([...files, ...added]);
      for (const f of added) start(f.key);
      return refusals;
    },

    /** Cancels the upload if it is still running. */
    remove(key: string) {
      drop(key);
      set(files.filter((f) => f.key !== key));
    },

    retry(key: string) {
      if (files.find((f) => f.key === key)?.status === "failed") start(key);
    },

    /** Why the message can't be sent yet; null when every file has uploaded. */
    blocker: () => blockerOf(files),

    /** The uploaded files, in the order they were added, leaving the tray empty for the next message. */
    take(): MessageAttachment[] {
      const taken = files.flatMap((f) => (f.attachment ? [f.attachment] : []));
      for (const f of files) drop(f.key);
      set([]);
      return taken;
    },

    /** The composer is going away: stop every upload, free every preview. */
    dispose() {
      for (const f of files) drop(f.key);
      files = [];
    },
  };
}

export type AttachmentQueue = ReturnType<typeof createAttachmentQueue>;
