"use client";

import type { ClipboardEvent, RefObject } from "react";
import { useCallback, useEffect, useRef, useState } from "react";
import { lazyModule } from "@/components/ui/lazy";
import type { AttachmentQueue, TrayFile } from "@/lib/client/attachment-queue";
import { blockerOf } from "@/lib/client/attachment-status";

const NONE: readonly TrayFile[] = [];
const NOT_LOADED = "Attaching files could not start. Check your connection and try again.";

/** The queue, its HTTP calls and the tray load with the first file (or when the page is idle): not chat first-load code. */
export const attachmentRuntime = lazyModule(() => import("@/components/chat/attachment-runtime"));

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
  const queue = useRef<AttachmentQueue | null>(null);
  const alive = useRef(true);
  const [files, setFiles] = useState<readonly TrayFile[]>(NONE);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);
  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
      queue.current?.dispose();
      queue.current = null;
    };
  }, []);

  const add = useCallback((picked: readonly File[]) => {
    if (!picked.length) return;
    attachmentRuntime
      .load()
      .then((runtime) => {
        if (!alive.current) return [];
        if (!queue.current) {
          const created = runtime.createComposerQueue();
          created.subscribe(() => setFiles(created.files()));
          queue.current = created;
        }
        return queue.current.add(picked);
      })
      .then(
        (refused) => setRefusal(refused.length ? refused.join(" ") : null),
        () => setRefusal(NOT_LOADED),
      );
  }, []);

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
    remove: (key: string) => queue.current?.remove(key),
    retry: (key: string) => queue.current?.retry(key),
    /** Why Send waits; null when every file has uploaded. */
    blocker: () => blockerOf(files),
    dismissRefusal: () => setRefusal(null),
    /** The uploaded files, for the message being sent now; the tray empties. */
    take: () => queue.current?.take() ?? [],
  };
}
