import { describe, expect, it } from "vitest";
import { createAttachmentQueue } from "@/lib/client/attachment-queue";
import { STILL_UPLOADING, UPLOAD_FAILED } from "@/lib/client/attachment-status";
import type { HttpResult } from "@/lib/client/http";
import { CANCELLED } from "@/lib/client/http";
import type { MessageAttachment } from "@/lib/shared/types";
import { TOO_MANY_FILES } from "@/lib/shared/upload-limits";

const MB = 1024 * 1024;
const limits = { maxBytes: 25 * MB, dailyQuotaBytes: 500 * MB, usedTodayBytes: 0 };

/** A File that claims `size` bytes without holding them. */
function fakeFile(name: string, size: number, type = "application/octet-stream"): File {
  const file = new File(["x"], name, { type });
  Object.defineProperty(file, "size", { value: size });
  return file;
}

const attachment = (id: string, name: string): MessageAttachment => ({ id, kind: "file", name, mime: "text/plain", size: 1, url: `/api/files/${id}` });

/** Uploads the test finishes by hand. */
function network() {
  const calls: {
    file: File;
    progress: (p: number) => void;
    signal: AbortSignal;
    finish: (answer: HttpResult<MessageAttachment>) => void;
  }[] = [];
  const upload = (file: File, progress: (p: number) => void, signal: AbortSignal) =>
    new Promise<HttpResult<MessageAttachment>>((finish) => {
      calls.push({ file, progress, signal, finish });
      signal.addEventListener("abort", () => finish({ ok: false, error: { status: 0, code: "UNAVAILABLE", message: CANCELLED } }));
    });
  return { calls, upload };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

function setup(readLimits: () => Promise<typeof limits | null> = async () => limits) {
  const net = network();
  const revoked: string[] = [];
  const queue = createAttachmentQueue({
    upload: net.upload,
    limits: readLimits,
    previewUrl: (file) => `blob:${file.name}`,
    revokeUrl: (url) => revoked.push(url),
  });
  return { queue, net, revoked };
}

describe("the composer's attachment queue", () => {
  it("starts uploading every file as soon as it is added, with progress, and blocks sending until all are up", async () => {
    const { queue, net } = setup();
    expect(await queue.add([fakeFile("a.txt", 10), fakeFile("b.png", 20, "image/png")])).toEqual([]);
    expect(net.calls.map((c) => c.file.name)).toEqual(["a.txt", "b.png"]);
    expect(queue.files().map((f) => [f.name, f.status, f.previewUrl])).toEqual([
      ["a.txt", "uploading", null],
      ["b.png", "uploading", "blob:b.png"],
    ]);
    expect(queue.blocker()).toBe(STILL_UPLOADING);
    net.calls[0]?.progress(40);
    expect(queue.files()[0]?.percent).toBe(40);
    net.calls[0]?.finish({ ok: true, data: attachment("A", "a.txt") });
    net.calls[1]?.finish({ ok: true, data: attachment("B", "b.png") });
    await settle();
    expect(queue.blocker()).toBeNull();
    expect(queue.take().map((a) => a.id)).toEqual(["A", "B"]);
    expect(queue.files()).toEqual([]);
  });

  it("refuses a file over the limit before any upload, in the server's sentence", async () => {
    const { queue, net } = setup();
    expect(await queue.add([fakeFile("photo.heic", 40 * MB), fakeFile("ok.txt", 1)])).toEqual(["photo.heic is 40 MB; the limit is 25 MB."]);
    expect(net.calls.map((c) => c.file.name)).toEqual(["ok.txt"]);
    expect(queue.files().map((f) => f.name)).toEqual(["ok.txt"]);
  });

  it("leaves the size to the server when the limits could not be read", async () => {
    const { queue, net } = setup(async () => null);
    expect(await queue.add([fakeFile("photo.heic", 40 * MB)])).toEqual([]);
    expect(net.calls).toHaveLength(1);
  });

  it("takes at most 10 files per message and says so once for the rest", async () => {
    const { queue, net } = setup();
    await queue.add(Array.from({ length: 8 }, (_, i) => fakeFile(`${i}.txt`, 1)));
    expect(await queue.add(Array.from({ length: 4 }, (_, i) => fakeFile(`more-${i}.txt`, 1)))).toEqual([TOO_MANY_FILES]);
    expect(queue.files()).toHaveLength(10);
    expect(net.calls).toHaveLength(10);
    expect(queue.files().at(-1)?.name).toBe("more-1.txt");
  });

  it("cancels the upload of a removed file and frees its preview", async () => {
    const { queue, net, revoked } = setup();
    await queue.add([fakeFile("shot.png", 5, "image/png"), fakeFile("keep.txt", 1)]);
    queue.remove(queue.files()[0]?.key ?? "");
    expect(net.calls[0]?.signal.aborted).toBe(true);
    expect(net.calls[1]?.signal.aborted).toBe(false);
    expect(revoked).toEqual(["blob:shot.png"]);
    await settle();
    expect(queue.files().map((f) => f.name)).toEqual(["keep.txt"]);
  });

  it("shows the server's refusal, blocks sending, and uploads again on retry", async () => {
    const { queue, net } = setup();
    await queue.add([fakeFile("a.txt", 1)]);
    net.calls[0]?.finish({ ok: false, error: { status: 429, code: "RATE_LIMITED", message: "You have uploaded 500 MB today; the limit is 500 MB." } });
    await settle();
    expect(queue.files()[0]).toMatchObject({ status: "failed", error: "You have uploaded 500 MB today; the limit is 500 MB." });
    expect(queue.blocker()).toBe(UPLOAD_FAILED);
    queue.retry(queue.files()[0]?.key ?? "");
    expect(net.calls).toHaveLength(2);
    expect(queue.files()[0]).toMatchObject({ status: "uploading", percent: 0 });
    net.calls[1]?.finish({ ok: true, data: attachment("A", "a.txt") });
    await settle();
    expect(queue.blocker()).toBeNull();
  });

  it("stops every upload when the composer goes away", async () => {
    const { queue, net, revoked } = setup();
    await queue.add([fakeFile("a.png", 1, "image/png"), fakeFile("b.txt", 1)]);
    queue.dispose();
    expect(net.calls.every((c) => c.signal.aborted)).toBe(true);
    expect(revoked).toEqual(["blob:a.png"]);
  });
});
