import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import selfsigned from "selfsigned";
import type { ParleyProcess } from "./fixtures/parley-server";
import { startParley } from "./fixtures/parley-server";
import { uniqueName } from "./fixtures/test";
import { ChatPage } from "./pages/chat-page";

/** Built-in TLS (TLS_CERT / TLS_KEY) with a certificate made here, as someone would for a quick private setup. */
let parley: ParleyProcess;
let origin: string;

test.beforeAll(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "parley-tls-"));
  const pems = await selfsigned.generate([{ name: "commonName", value: "localhost" }], {
    keySize: 2048,
    algorithm: "sha256",
    extensions: [
      {
        name: "subjectAltName",
        altNames: [
          { type: 7, ip: "127.0.0.1" },
          { type: 2, value: "localhost" },
        ],
      },
    ],
  });
  fs.writeFileSync(path.join(dir, "cert.pem"), pems.cert);
  fs.writeFileSync(path.join(dir, "key.pem"), pems.private, { mode: 0o600 });
  parley = await startParley({ env: { TLS_CERT: path.join(dir, "cert.pem"), TLS_KEY: path.join(dir, "key.pem") } });
  origin = `https://127.0.0.1:${parley.port}`;
});

test.afterAll(async () => {
  await parley?.stop();
});

test("serves https and wss with Secure cookies and HSTS", async ({ browser }) => {
  expect(parley.output()).toContain(`Parley is ready on https://localhost:${parley.port}`);
  const context = await browser.newContext({ baseURL: origin, ignoreHTTPSErrors: true });
  const chat = new ChatPage(await context.newPage());
  const response = await chat.page.goto("/login");
  expect(response?.headers()["strict-transport-security"]).toMatch(/max-age=\d+/);
  await chat.signUp(uniqueName("tls"), "Tess");
  await chat.send("over wss");
  const session = (await context.cookies()).find((c) => c.name.endsWith("next-auth.session-token"));
  expect(session?.name).toBe("__Secure-next-auth.session-token");
  expect(session?.secure).toBe(true);
  expect(session?.httpOnly).toBe(true);
  await context.close();
  // Nothing is served in plain text on the TLS port.
  const plain = await fetch(`http://127.0.0.1:${parley.port}/login`).then(
    (r) => r.status,
    (error: Error) => error.name,
  );
  expect(plain).not.toBe(200);
});
