"use client";

import { XIcon } from "lucide-react";
import type { LinkPreview } from "@/lib/shared/types";

/**
 * The compact card under a message with a link: the page's own title, description and
 * site, as plain text; the image is Parley's re-encoded copy. Its sender may remove it.
 */
export function LinkPreviewCard({ preview, tabIndex, onRemove }: { preview: LinkPreview; tabIndex?: number; onRemove?: () => void }) {
  let host = preview.url;
  try {
    host = new URL(preview.url).host;
  } catch {}
  return (
    <div className="relative mt-1 flex max-w-md gap-3 rounded-md border border-border border-l-4 border-l-primary bg-card p-2 pr-8 text-sm" data-link-preview>
      {preview.imageUrl ? <img src={preview.imageUrl} alt="" loading="lazy" className="size-16 shrink-0 rounded object-cover" /> : null}
      <div className="min-w-0">
        <p className="truncate text-xs text-muted-foreground">{preview.siteName ?? host}</p>
        <a
          href={preview.url}
          target="_blank"
          rel="noopener noreferrer nofollow"
          tabIndex={tabIndex}
          className="line-clamp-2 font-medium text-primary underline-offset-2 hover:underline"
        >
          {preview.title}
        </a>
        {preview.description ? <p className="line-clamp-2 text-xs text-muted-foreground">{preview.description}</p> : null}
      </div>
      {onRemove ? (
        <button
          type="button"
          tabIndex={tabIndex}
          onClick={onRemove}
          aria-label="Remove preview"
          className="absolute top-1 right-1 rounded p-1 text-muted-foreground hover:bg-accent hover:text-accent-foreground"
        >
          <XIcon aria-hidden="true" className="size-3.5" />
        </button>
      ) : null}
    </div>
  );
}
