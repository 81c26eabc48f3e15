"use client";

import { Dialog, DialogContent, DialogDescription, DialogTitle } from "@/components/ui/dialog";
import { formatBytes } from "@/lib/shared/format-bytes";
import type { MessageAttachment } from "@/lib/shared/types";

/** An image at full size, with its name, dimensions, size and a download link. Escape or the close button ends it. */
export function AttachmentLightbox({ image, onClose }: { image: MessageAttachment; onClose: () => void }) {
  return (
    <Dialog open onOpenChange={(next) => !next && onClose()}>
      <DialogContent className="w-[min(64rem,calc(100vw-2rem))]" closeLabel="Close image">
        <DialogTitle className="truncate pr-8 text-base">{image.name}</DialogTitle>
        <DialogDescription className="text-xs text-muted-foreground">
          {image.width && image.height ? `${image.width}×${image.height}, ` : ""}
          {formatBytes(image.size)} ·{" "}
          <a href={image.url} download={image.name} className="underline">
            Download
          </a>
        </DialogDescription>
        <img src={image.url} alt={image.name} className="max-h-[70dvh] w-full object-contain" />
      </DialogContent>
    </Dialog>
  );
}
