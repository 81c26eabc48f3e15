import { afterEach, describe, expect, it, vi } from "vitest";
import { CANCELLED, UNREACHABLE } from "@/lib/client/http";
import { field, upload } from "@/lib/client/upload";

/** Just enough XMLHttpRequest for upload(): the test plays the network. */
class FakeXhr {
  static last: FakeXhr | null = null;
  method = "";
  url = "";
  responseType = "";
  status = 0;
  response: unknown = null;
  sent: FormData | null = null;
  aborted = false;
  upload: { onprogress: ((e: { lengthComputable: boolean; loaded: number; total: number }) => void) | null } = { onprogress: null };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onabort: (() => void) | null = null;
  constructor() {
    FakeXhr.last = this;
  }
  open(method: string, url: string) {
    this.method = method;
    this.url = url;
  }
  send(body: FormData) {
    this.sent = body;
  }
  abort() {
    this.aborted = true;
    this.onabort?.();
  }
  answer(status: number, body: unknown) {
    this.status = status;
    this.response = body;
    this.onload?.();
  }
}

const xhr = () => {
  if (!FakeXhr.last) throw new Error("no request was made");
  return FakeXhr.last;
};

afterEach(() => {
  vi.unstubAllGlobals();
  FakeXhr.last = null;
});

const photo = () => new File([new Uint8Array(10)], "photo.png", { type: "image/png" });

describe("upload", () => {
  it("POSTs the file as multipart in the named field and answers what `pick` takes from the body", async () => {
    vi.stubGlobal("XMLHttpRequest", FakeXhr);
    const answer = upload("/api/uploads", photo(), "file", field<{ id: string }>("attachment"));
    expect(xhr().method).toBe("POST");
    expect(xhr().url).toBe("/api/uploads");
    const sent = xhr().sent?.get("file");
    expect(sent instanceof File ? sent.name : null).toBe("photo.png");
    xhr().answer(201, { attachment: { id: "a1" } });
    expect(await answer).toEqual({ ok: true, data: { id: "a1" } });
  });

  it("reports progress in whole percentages", async () => {
    vi.stubGlobal("XMLHttpRequest", FakeXhr);
    const seen: number[] = [];
    const answer = upload("/api/uploads", photo(), "file", field("attachment"), (p) => seen.push(p));
    xhr().upload.onprogress?.({ lengthComputable: true, loaded: 1, total: 3 });
    xhr().upload.onprogress?.({ lengthComputable: false, loaded: 2, total: 0 });
    xhr().upload.onprogress?.({ lengthComputable: true, loaded: 3, total: 3 });
    xhr().answer(201, { attachment: {} });
    await answer;
    expect(seen).toEqual([33, 100]);
  });

  it("answers the server's error sentence with its status", async () => {
    vi.stubGlobal("XMLHttpRequest", FakeXhr);
    const answer = upload("/api/uploads", photo(), "file", field("attachment"));
    xhr().answer(400, { error: { code: "VALIDATION", message: "photo.heic is 40 MB; the limit is 25 MB" } });
    expect(await answer).toEqual({ ok: false, error: { status: 400, code: "VALIDATION", message: "photo.heic is 40 MB; the limit is 25 MB" } });
  });

  it("treats a 2xx without the promised body as an error", async () => {
    vi.stubGlobal("XMLHttpRequest", FakeXhr);
    const answer = upload("/api/uploads", photo(), "file", field("attachment"));
    xhr().answer(200, { something: "else" });
    expect(await answer).toMatchObject({ ok: false, error: { status: 200, code: "INTERNAL" } });
  });

  it("aborts the request when the signal fires, and says it was cancelled", async () => {
    vi.stubGlobal("XMLHttpRequest", FakeXhr);
    const controller = new AbortController();
    const answer = upload("/api/uploads", photo(), "file", field("attachment"), undefined, controller.signal);
    controller.abort();
    expect(xhr().aborted).toBe(true);
    expect(await answer).toEqual({ ok: false, error: { status: 0, code: "UNAVAILABLE", message: CANCELLED } });
  });

  it("says the server could not be reached on a network error", async () => {
    vi.stubGlobal("XMLHttpRequest", FakeXhr);
    const answer = upload("/api/uploads", photo(), "file", field("attachment"));
    xhr().onerror?.();
    expect(await answer).toEqual({ ok: false, error: { status: 0, code: "UNAVAILABLE", message: UNREACHABLE } });
  });
});
