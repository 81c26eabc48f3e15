import "server-only";
import { Readable } from "node:stream";
import type { AttachmentService } from "@/lib/server/services/attachments/service";
import { contentDisposition } from "@/lib/server/services/attachments/names";
import { readUploadedPart } from "@/lib/server/upload";
import type { MessageAttachment, SessionUser } from "@/lib/shared/types";
import { attachmentIdSchema } from "@/lib/shared/schemas/message";
import { FILE_POLICY } from "@/lib/server/security/csp";

const MB = 1024 * 1024;

/**
 * POST /api/uploads: the rate limit first (nothing read yet), then the body, cut off
 * past the console's size limit while it streams, then type, quota and storage.
 */
export async function uploadFromRequest(service: AttachmentService, user: SessionUser, request: Request): Promise<MessageAttachment> {
  await service.admit(user);
  const maxBytes = service.maxBytes();
  const { bytes, name } = await readUploadedPart(request, {
    field: "file",
    maxBytes,
    tooLarge: `That file is over the ${Math.round(maxBytes / MB)} MB limit. Choose a smaller one.`,
    missing: "Choose a file to upload.",
  });
  return service.upload(user, bytes, name);
}

/** Whatever may be served from Parley's origin must never run: no sniffing, no scripts, no plugins, no frames. */
const SAFE_HEADERS = {
  "X-Content-Type-Options": "nosniff",
  "Content-Security-Policy": FILE_POLICY,
  "Cross-Origin-Resource-Policy": "same-origin",
  // Access can end (a message deleted, a member gone): keep it out of shared caches, and revalidate.
  "Cache-Control": "private, no-cache",
} as const;

const notFound = () =>
  Response.json(
    { error: { code: "NOT_FOUND", message: "That file does not exist, or you can't see it." } },
    { status: 404, headers: { ...SAFE_HEADERS, "Cache-Control": "private, no-store" } },
  );

/**
 * GET /api/files/<id>[?thumb=1]: a 404 for anything the viewer may not read (so an id
 * reveals nothing), images inline with their real type, everything else only as a
 * download. Stored bytes never change, so the id is a strong validator.
 */
export async function fileResponse(service: AttachmentService, viewerId: string, id: string, request: Request): Promise<Response> {
  if (!attachmentIdSchema.safeParse(id).success) return notFound();
  const thumb = new URL(request.url).searchParams.get("thumb") === "1";
  const file = await service.readable(viewerId, id, thumb);
  if (!file) return notFound();
  const etag = `"${id}${thumb ? "-t" : ""}"`;
  const headers: Record<string, string> = {
    ...SAFE_HEADERS,
    ETag: etag,
    "Content-Type": file.kind === "image" ? file.mime : file.mime || "application/octet-stream",
    "Content-Disposition": contentDisposition(file.kind === "image" ? "inline" : "attachment", file.name),
    ...(file.size !== undefined ? { "Content-Length": String(file.size) } : {}),
  };
  if (request.headers.get("if-none-match") === etag) {
    if (!Buffer.isBuffer(file.body)) file.body.destroy();
    const { "Content-Length": _length, ...rest } = headers;
    return new Response(null, { status: 304, headers: rest });
  }
  const body = Buffer.isBuffer(file.body) ? new Uint8Array(file.body) : (Readable.toWeb(file.body) as ReadableStream<Uint8Array>);
  return new Response(body, { status: 200, headers });
}
