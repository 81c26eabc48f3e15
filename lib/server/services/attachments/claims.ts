import "server-only";
import type { Database as SqliteConnection } from "better-sqlite3";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Db } from "@/lib/server/db/client";
import type { AttachmentRow } from "@/lib/server/services/attachment-info";
import { attachmentSelect } from "@/lib/server/services/attachment-info";
import { AppError } from "@/lib/shared/errors";

/**
 * Claiming files for a message happens in the message's own insert: the files are
 * the sender's, unsent until now, and taken by exactly one message — or nothing is
 * stored. A message that loses a race (the same upload sent twice at once, or purged
 * meanwhile) fails as a whole, with this sentence.
 */
export const CLAIM_REFUSED = "One of those files was already sent or is no longer available (unsent uploads expire after a day). Upload it again and resend.";

/** In PostgreSQL's error text when the claim check of a batched insert fails. */
export const CLAIM_MARKER = "parley:attachment-claim:";

export class AttachmentClaimError extends Error {
  constructor() {
    super(CLAIM_MARKER);
  }
}

export const isClaimFailure = (error: unknown) =>
  error instanceof AttachmentClaimError || String((error as { message?: unknown } | null)?.message ?? "").includes(CLAIM_MARKER);

export const claimRefused = () => new AppError("CONFLICT", CLAIM_REFUSED);

/** What one message claims, in its order. */
export interface Claim {
  authorId: string;
  clientId: string;
  attachmentIds: string[];
}

/** For better-sqlite3, inside the writer's transaction: throws (rolling the batch back) unless every file was taken. */
export function sqliteClaimer(connection: SqliteConnection) {
  const claim = connection.prepare(`UPDATE "Attachment" SET "messageId" = ?, "position" = ? WHERE "id" = ? AND "uploaderId" = ? AND "messageId" IS NULL`);
  return (messageId: number, authorId: string, ids: string[]) => {
    ids.forEach((id, position) => {
      if (claim.run(messageId, position, id, authorId).changes !== 1) throw new AttachmentClaimError();
    });
  };
}

/** The same through Prisma (a transaction client), for the writer's fallback path. */
export async function claimWithPrisma(tx: Prisma.TransactionClient, messageId: number, authorId: string, ids: string[]): Promise<void> {
  for (const [position, id] of ids.entries()) {
    const { count } = await tx.attachment.updateMany({ where: { id, uploaderId: authorId, messageId: null }, data: { messageId, position } });
    if (count !== 1) throw new AttachmentClaimError();
  }
}

/**
 * The files a message names, in its order: each one the sender's and not sent before
 * (or sent with this very clientId: a resend). Checked again, atomically, when the
 * message is written; this read gives the sentence and the broadcast its details.
 */
export async function claimableFiles(db: Db, authorId: string, clientId: string, ids: string[]): Promise<AttachmentRow[]> {
  if (ids.length === 0) return [];
  const rows = await db.attachment.findMany({
    where: { id: { in: ids } },
    select: { ...attachmentSelect, uploaderId: true, message: { select: { authorId: true, clientId: true } } },
  });
  const byId = new Map(rows.map((row) => [row.id, row]));
  const missing = ids.some((id) => byId.get(id)?.uploaderId !== authorId);
  const elsewhere = rows.some((row) => row.message && (row.message.authorId !== authorId || row.message.clientId !== clientId));
  if (missing || elsewhere) {
    // A resend of a message stored before (whose files may be gone with it, deleted): it is answered as a duplicate.
    if (await db.message.findUnique({ where: { authorId_clientId: { authorId, clientId } }, select: { id: true } })) return [];
    if (missing) throw new AppError("NOT_FOUND", "One of those files is not one you uploaded (or it expired). Upload it again and resend.");
    throw claimRefused();
  }
  return ids.map((id) => byId.get(id)!);
}
