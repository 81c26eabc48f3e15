import { expect, test } from "@playwright/test";
import { startParley } from "./fixtures/parley-server";
import { ChatPage } from "./pages/chat-page";

test("Ctrl+C warns everyone, exits 0, and a restart keeps users and messages", async ({ browser }) => {
  test.setTimeout(120_000);
  const first = await startParley({ env: { SHUTDOWN_GRACE_SECONDS: "2" } });
  const context = await browser.newContext({ baseURL: first.url });
  const chat = new ChatPage(await context.newPage());
  await chat.signUp("gina_restart", "Gina");
  await chat.send("written before the restart");

  const exitCode = first.stop();
  await expect(chat.page.getByText("Server is shutting down in 2 s")).toBeVisible();
  expect(await exitCode).toBe(0);
  expect(first.output()).toContain("Parley stopped cleanly.");
  await expect(chat.page.getByText(/Reconnecting…/)).toBeVisible();

  const second = await startParley({ dataDir: first.dataDir, port: first.port });
  try {
    // The open tab reconnects by itself and is still signed in (the secret was kept).
    await expect(chat.page.getByRole("status")).toHaveCount(0, { timeout: 20_000 });
    await chat.send("written after the restart");

    await chat.page.reload();
    await chat.expectInChat();
    await expect(chat.message("written before the restart")).toBeVisible();
    await expect(chat.message("written after the restart")).toHaveCount(1);
  } finally {
    await context.close();
    expect(await second.stop()).toBe(0);
  }
});

test("HOST=:: serves IPv4 and IPv6 on one port", async () => {
  const server = await startParley({ env: { HOST: "::" } });
  try {
    const v4 = await fetch(`http://127.0.0.1:${server.port}/login`);
    expect(v4.status).toBe(200);
    const v6 = await fetch(`http://[::1]:${server.port}/login`).catch((error: Error) => error);
    // A machine without IPv6 falls back to 0.0.0.0 (logged), where ::1 cannot answer.
    if (v6 instanceof Error) expect(server.output()).toContain("Parley is ready");
    else expect(v6.status).toBe(200);
  } finally {
    expect(await server.stop()).toBe(0);
  }
});
