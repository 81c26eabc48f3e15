"use client";

import type { ClipboardEvent, RefObject } from "react";
import { useCallback, useEffect, useState, useSyncExternalStore } from "react";
import { readUploadLimits, uploadAttachment } from "@/components/chat/attachment-requests";
import type { TrayFile } from "@/lib/client/attachment-queue";
import { createAttachmentQueue } from "@/lib/client/attachment-queue";

const NONE: readonly TrayFile[] = [];

/** A screenshot pasted from the clipboard arrives as "image.png" (or nameless): it gets a name that says where it came from. */
export function pastedName(file: File): File {
  if (!file.type.startsWith("image/") || (file.name && !/^image\.\w+$/i.test(file.name))) return file;
  const ext =
    file.type
      .slice("image/".length)
      .replace("jpeg", "jpg")
      .replace(/[^a-z0-9]/gi, "") || "png";
  return new File([file], `pasted-image.${ext}`, { type: file.type, lastModified: file.lastModified });
}

const hasFiles = (event: DragEvent) => !!event.dataTransfer?.types.includes("Files");

/**
 * The composer's files: added by the button, pasted into the text box, or dropped
 * anywhere on the chat area (the `<main>` around `within`, which shows a drop overlay
 * while files are dragged over it). Uploads stop when the composer goes away.
 */
export function useAttachments(within: RefObject<HTMLElement | null>) {
  const [queue] = useState(() =>
    createAttachmentQueue({
      upload: uploadAttachment,
      limits: readUploadLimits,
      previewUrl: (file) => URL.createObjectURL(file),
      revokeUrl: (url) => URL.revokeObjectURL(url),
    }),
  );
  useEffect(() => () => queue.dispose(), [queue]);
  const files = useSyncExternalStore(queue.subscribe, queue.files, () => NONE);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);

  const add = useCallback(
    (picked: readonly File[]) => {
      if (!picked.length) return;
      void queue.add(picked).then((refused) => setRefusal(refused.length ? refused.join(" ") : null));
    },
    [queue],
  );

  useEffect(() => {
    const area = within.current?.closest("main");
    if (!area) return;
    // dragenter/dragleave fire for every child crossed: count them to know when the pointer left.
    let depth = 0;
    const enter = (event: DragEvent) => {
      if (!hasFiles(event)) return;
      event.preventDefault();
      depth++;
      setDragging(true);
    };
    const over = (event: DragEvent) => {
      if (hasFiles(event)) event.preventDefault();
    };
    const leave = () => {
      depth = Math.max(0, depth - 1);
      if (!depth) setDragging(false);
    };
    const drop = (event: DragEvent) => {
      if (!hasFiles(event)) return;
      event.preventDefault();
      depth = 0;
      setDragging(false);
      add([...(event.dataTransfer?.files ?? [])]);
    };
    // A file dropped next to the chat area would make the browser open it, leaving the chat.
    const guard = (event: DragEvent) => {
      if (hasFiles(event)) event.preventDefault();
    };
    window.addEventListener("dragover", guard);
    window.addEventListener("drop", guard);
    area.addEventListener("dragenter", enter);
    area.addEventListener("dragover", over);
    area.addEventListener("dragleave", leave);
    area.addEventListener("drop", drop);
    return () => {
      area.removeEventListener("dragenter", enter);
      area.removeEventListener("dragover", over);
      area.removeEventListener("dragleave", leave);
      area.removeEventListener("drop", drop);
      window.removeEventListener("dragover", guard);
      window.removeEventListener("drop", guard);
    };
  }, [within, add]);

  /** Files on the clipboard are attached; text pastes as usual. */
  const onPaste = (event: ClipboardEvent<HTMLTextAreaElement>) => {
    const pasted = [...event.clipboardData.files];
    if (!pasted.length) return;
    if (!event.clipboardData.getData("text/plain")) event.preventDefault();
    add(pasted.map(pastedName));
  };

  return {
    files,
    refusal,
    dragging,
    add,
    onPaste,
    remove: queue.remove,
    retry: queue.retry,
    blocker: queue.blocker,
    dismissRefusal: () => setRefusal(null),
    /** The uploaded files, for the message being sent now; the tray empties. */
    take: queue.take,
  };
}
