"use client";

import { DownloadIcon, FileIcon } from "lucide-react";
import { Suspense, useState } from "react";
import { lazyComponent } from "@/components/ui/lazy";
import { formatBytes } from "@/lib/shared/format-bytes";
import type { MessageAttachment } from "@/lib/shared/types";

/** Radix Dialog is not part of the chat's first load: the lightbox loads on first open, or when the pointer reaches a thumbnail. */
export const attachmentLightbox = lazyComponent(() => import("@/components/chat/attachment-lightbox").then((m) => m.AttachmentLightbox));

const preloadLightbox = () => void attachmentLightbox.preload().catch(() => undefined);

/**
 * A message's files: images as thumbnails that open full size in a lightbox, other files
 * as download links with their size. Both URLs are access-checked by the server.
 */
export function MessageAttachments({ attachments, tabIndex }: { attachments: MessageAttachment[]; tabIndex?: number }) {
  const [open, setOpen] = useState<MessageAttachment | null>(null);
  const images = attachments.filter((a) => a.kind === "image");
  const files = attachments.filter((a) => a.kind !== "image");
  return (
    <div className="mt-1 flex flex-col gap-1.5" data-attachments={attachments.length}>
      {images.length ? (
        <ul className="flex flex-wrap gap-1.5" aria-label="Images">
          {images.map((image) => (
            <li key={image.id}>
              <button
                type="button"
                tabIndex={tabIndex}
                onClick={() => setOpen(image)}
                onPointerEnter={preloadLightbox}
                onFocus={preloadLightbox}
                aria-label={`Open image ${image.name}`}
                className="block overflow-hidden rounded-md border border-border bg-muted focus-visible:ring-2 focus-visible:ring-ring"
              >
                <img
                  src={image.thumbUrl ?? image.url}
                  alt={image.name}
                  width={thumbSize(image).width}
                  height={thumbSize(image).height}
                  loading="lazy"
                  className="max-h-60 w-auto max-w-[min(20rem,70vw)] object-contain"
                />
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {files.length ? (
        <ul className="flex flex-col gap-1" aria-label="Files">
          {files.map((file) => (
            <li key={file.id}>
              <a
                href={file.url}
                download={file.name}
                tabIndex={tabIndex}
                className="inline-flex max-w-full items-center gap-2 rounded-md border border-border bg-card px-3 py-2 text-sm hover:bg-accent"
              >
                <FileIcon aria-hidden="true" className="size-4 shrink-0 text-muted-foreground" />
                <span className="min-w-0 truncate" title={file.name}>
                  {file.name}
                </span>
                <span className="shrink-0 text-xs text-muted-foreground">{formatBytes(file.size)}</span>
                <DownloadIcon aria-hidden="true" className="size-4 shrink-0" />
                <span className="sr-only">Download</span>
              </a>
            </li>
          ))}
        </ul>
      ) : null}
      {open ? (
        <Suspense fallback={null}>
          <attachmentLightbox.Component image={open} onClose={() => setOpen(null)} />
        </Suspense>
      ) : null}
    </div>
  );
}

/** The thumbnail's box (at most 480×480, the server's thumbnail size), so the list doesn't jump when it loads. */
function thumbSize(image: MessageAttachment): { width?: number; height?: number } {
  if (!image.width || !image.height) return {};
  const scale = Math.min(1, 480 / Math.max(image.width, image.height));
  return { width: Math.round(image.width * scale), height: Math.round(image.height * scale) };
}
