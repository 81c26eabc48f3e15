import sharp from "sharp";
import { io } from "socket.io-client";
import { expect, test, uniqueName } from "./fixtures/test";
import { cookieHeader, signedInClient } from "./pages/admin-api";

type Attachment = { id: string; kind: string; name: string; mime: string; url: string; thumbUrl?: string };

/** The production server's real routes: session cookies, the security-header wrapper, Next's route handlers. */
test("uploads over HTTP, serves files only to readers, with download-only headers for non-images", async ({ parley }) => {
  const ann = await signedInClient(parley.url, uniqueName("att"), "Ann");
  const bob = await signedInClient(parley.url, uniqueName("atb"), "Bob");

  const limits = await ann.get("/api/uploads");
  expect(limits.status()).toBe(200);
  expect(await limits.json()).toEqual({ maxBytes: 25 * 1024 * 1024, dailyQuotaBytes: 500 * 1024 * 1024, usedTodayBytes: 0 });

  const png = await sharp({ create: { width: 120, height: 80, channels: 3, background: "#3366cc" } })
    .png()
    .toBuffer();
  const posted = await ann.post("/api/uploads", { multipart: { file: { name: "chart.txt", mimeType: "text/plain", buffer: png } } });
  expect(posted.status(), await posted.text()).toBe(201);
  const { attachment: image } = (await posted.json()) as { attachment: Attachment };
  expect(image).toMatchObject({ kind: "image", mime: "image/png", name: "chart.png" });

  const html = await ann.post("/api/uploads", {
    multipart: { file: { name: "page.png", mimeType: "image/png", buffer: Buffer.from("<html><script>alert(1)</script></html>") } },
  });
  const { attachment: page } = (await html.json()) as { attachment: Attachment };
  expect(page).toMatchObject({ kind: "file", mime: "application/octet-stream" });

  // Not sent yet: its uploader only.
  expect((await ann.get(image.url)).status()).toBe(200);
  expect((await bob.get(image.url)).status()).toBe(404);

  const session = io(parley.url, { path: "/socket.io", transports: ["websocket"], extraHeaders: { cookie: await cookieHeader(ann) }, reconnection: false });
  try {
    const roomId = await new Promise<string>((resolve, reject) => {
      session.once("connect_error", reject);
      session.once("session:ready", () =>
        session.emit("room:mine", {}, (ack: { ok: boolean; data?: { rooms: { id: string; name: string }[] } }) =>
          resolve(ack.data?.rooms.find((r) => r.name === "general")?.id ?? ""),
        ),
      );
    });
    const sent = await new Promise<{ ok: boolean; data?: { attachments?: Attachment[] } }>((resolve) =>
      session.emit("message:send", { roomId, body: "", clientId: `e2e-att-${Date.now()}`, attachments: [image.id, page.id] }, resolve),
    );
    expect(sent.ok).toBe(true);
    expect(sent.data?.attachments?.map((a) => a.id)).toEqual([image.id, page.id]);
  } finally {
    session.disconnect();
  }

  const shown = await bob.get(image.url);
  expect(shown.status()).toBe(200);
  expect(shown.headers()["content-type"]).toBe("image/png");
  expect(shown.headers()["content-disposition"]).toMatch(/^inline;/);
  expect(shown.headers()["x-content-type-options"]).toBe("nosniff");
  expect(shown.headers()["content-security-policy"]).toBe("sandbox; default-src 'none'; frame-ancestors 'none'");
  expect(shown.headers()["cache-control"]).toMatch(/^private/);
  expect((await bob.get(image.thumbUrl!)).headers()["content-type"]).toBe("image/webp");

  const download = await bob.get(page.url);
  expect(download.status()).toBe(200);
  expect(download.headers()["content-disposition"]).toMatch(/^attachment; filename="page.png"/);
  expect(download.headers()["content-security-policy"]).toBe("sandbox; default-src 'none'; frame-ancestors 'none'");
  expect(download.headers()["x-frame-options"]).toBe("DENY");

  const missing = await bob.get("/api/files/AAAAAAAAAAAAAAAAAAAAAA");
  expect(missing.status()).toBe(404);
  expect(missing.headers()["x-content-type-options"]).toBe("nosniff");
  await ann.dispose();
  await bob.dispose();
});
