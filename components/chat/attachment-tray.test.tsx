import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { AttachmentTray } from "@/components/chat/attachment-tray";
import type { TrayFile } from "@/lib/client/attachment-queue";

const render = (files: TrayFile[]) => renderToStaticMarkup(<AttachmentTray files={files} onRemove={() => {}} onRetry={() => {}} />);

const shot: TrayFile = { key: "f1", name: "screenshot.png", size: 340 * 1024, previewUrl: "blob:shot", status: "uploading", percent: 40 };
const doc: TrayFile = { key: "f2", name: "notes.pdf", size: 4.24 * 1024 * 1024, previewUrl: null, status: "uploaded", percent: 100 };
const failed: TrayFile = { key: "f3", name: "big.bin", size: 812, previewUrl: null, status: "failed", percent: 0, error: "You have used today's 500 MB." };

describe("AttachmentTray", () => {
  it("renders nothing without files", () => expect(render([])).toBe(""));

  it("lists each file with its name, size and an image preview", () => {
    const html = render([shot, doc]);
    expect(html).toContain('aria-label="Files to send"');
    expect(html).toContain("screenshot.png");
    expect(html).toContain("340 KB");
    expect(html).toContain("notes.pdf");
    expect(html).toContain("4.2 MB · Ready");
    expect(html).toContain('src="blob:shot"');
    expect(html.match(/<img/g)).toHaveLength(1);
  });

  it("shows an upload's progress as a labelled progress bar with its value", () => {
    const html = render([shot]);
    expect(html).toMatch(
      /role="progressbar" aria-label="Uploading screenshot.png" aria-valuemin="0" aria-valuemax="100" aria-valuenow="40" aria-valuetext="Uploading… 40%"/,
    );
    expect(render([doc])).not.toContain("progressbar");
  });

  it("offers cancel while uploading and remove once uploaded", () => {
    expect(render([shot])).toContain('aria-label="Cancel upload of screenshot.png"');
    expect(render([doc])).toContain('aria-label="Remove notes.pdf"');
  });

  it("says why a file failed and what to do: retry or remove", () => {
    const html = render([failed]);
    expect(html).toMatch(/role="alert"[^>]*>You have used today&#x27;s 500 MB\. Retry, or remove the file\.</);
    expect(html).toContain('aria-label="Retry big.bin"');
    expect(html).toContain('aria-label="Remove big.bin"');
  });
});
