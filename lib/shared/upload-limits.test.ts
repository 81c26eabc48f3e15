import { describe, expect, it } from "vitest";
import { MAX_ATTACHMENTS } from "@/lib/shared/schemas/message";
import { fileTooLarge, MAX_FILES_PER_MESSAGE } from "@/lib/shared/upload-limits";

const MB = 1024 * 1024;

describe("upload limits as the browser states them", () => {
  it("refuses a large file in the server's words", () => {
    expect(fileTooLarge("photo.heic", 40 * MB, 25 * MB)).toBe("photo.heic is 40 MB; the limit is 25 MB.");
    expect(fileTooLarge("notes.pdf", 4.24 * MB, 2 * MB)).toBe("notes.pdf is 4.2 MB; the limit is 2 MB.");
    expect(fileTooLarge("video.mov", 2048 * MB, 1024 * MB)).toBe("video.mov is 2048 MB; the limit is 1024 MB.");
  });

  it("caps files per message as the message schema does", () => expect(MAX_FILES_PER_MESSAGE).toBe(MAX_ATTACHMENTS));
});
