import "server-only";
import type { MessageAttachment } from "@/lib/shared/types";

/** What a client needs of an attachment (its bytes are read through /api/files/<id>, access checked). */
export const attachmentSelect = { id: true, kind: true, name: true, mime: true, size: true, width: true, height: true, thumbKey: true } as const;
export type AttachmentRow = {
  id: string;
  kind: string;
  name: string;
  mime: string;
  size: number;
  width: number | null;
  height: number | null;
  thumbKey: string | null;
};

export function toAttachment(row: AttachmentRow): MessageAttachment {
  return {
    id: row.id,
    kind: row.kind === "image" ? "image" : "file",
    name: row.name,
    mime: row.mime,
    size: row.size,
    ...(row.width && row.height ? { width: row.width, height: row.height } : {}),
    url: `/api/files/${row.id}`,
    ...(row.thumbKey ? { thumbUrl: `/api/files/${row.id}?thumb=1` } : {}),
  };
}
