import { readUploadLimits, uploadAttachment } from "@/components/chat/attachment-requests";
import { createAttachmentQueue } from "@/lib/client/attachment-queue";

/**
 * What attaching files needs beyond the paperclip: the queue, the HTTP calls and the
 * tray. Loaded with the first file (or when the page is idle), not with the chat page.
 */
export { AttachmentTray } from "@/components/chat/attachment-tray";

export const createComposerQueue = () =>
  createAttachmentQueue({
    upload: uploadAttachment,
    limits: readUploadLimits,
    previewUrl: (file) => URL.createObjectURL(file),
    revokeUrl: (url) => URL.revokeObjectURL(url),
  });
