import type { APIRequestContext } from "@playwright/test";
import { expect, request, test } from "@playwright/test";
import { io } from "socket.io-client";
import type { ParleyProcess } from "./fixtures/parley-server";
import { startParley } from "./fixtures/parley-server";
import { uniqueName } from "./fixtures/test";
import type { Method } from "./pages/admin-api";
import { callAdmin, cookieHeader, signedInClient } from "./pages/admin-api";
import { AdminConsole } from "./pages/admin-console";
import { AdminUsers } from "./pages/admin-users";

/**
 * Every /api/admin route and method, as a plain user, a moderator and a visitor, on a
 * fresh server whose first account (ours) is the admin. Each call carries a body that
 * would change something if it were allowed; afterwards nothing has changed.
 */
interface Call {
  method: Method;
  path: string;
  body?: unknown;
  adminOnly?: boolean;
  name: string;
}

let server: ParleyProcess;
let admin: APIRequestContext, moderator: APIRequestContext, user: APIRequestContext, target: APIRequestContext;
const names = { admin: uniqueName("ada"), moderator: uniqueName("moe"), user: uniqueName("pat"), target: uniqueName("tia") };
let calls: Call[] = [];

async function ask<T>(client: APIRequestContext, path: string): Promise<T> {
  const { status, json } = await callAdmin(client, "GET", path);
  expect(status, JSON.stringify(json)).toBe(200);
  return json as T;
}

/** Everything the calls could change, as the admin sees it (minus presence, which moves by itself). */
async function snapshot() {
  const users = await ask<{ users: Array<Record<string, unknown>> }>(admin, "/api/admin/users?pageSize=100&sort=username&order=asc");
  const stats = await ask<Record<string, unknown>>(admin, "/api/admin/stats");
  const targetSession = await (await target.get("/api/auth/session")).json();
  return {
    users: users.users.map(({ username, role, status }) => ({ username, role, status })),
    stats: { bans: stats.activeBans, timeouts: stats.activeTimeouts, reports: stats.openReports },
    messages: await ask(admin, "/api/admin/messages"),
    reports: await ask(admin, "/api/admin/reports"),
    audit: await ask(admin, "/api/admin/audit"),
    settings: await ask(admin, "/api/admin/settings"),
    slowMode: await ask(admin, "/api/admin/slow-mode"),
    targetSignedIn: (targetSession as { user?: { username: string } }).user?.username === names.target,
  };
}

test.beforeAll(async () => {
  test.setTimeout(180_000);
  server = await startParley();
  admin = await signedInClient(server.url, names.admin, "Ada Admin");
  moderator = await signedInClient(server.url, names.moderator, "Moe Moderator");
  user = await signedInClient(server.url, names.user, "Pat Plain");
  target = await signedInClient(server.url, names.target, "Tia Target");
  const { users } = await ask<{ users: Array<{ id: string; username: string }> }>(admin, "/api/admin/users?pageSize=100");
  const id = (name: string) => users.find((u) => u.username === name)!.id;
  const promoted = await callAdmin(admin, "POST", "/api/admin/actions", { action: "role", userId: id(names.moderator), role: "moderator", reason: "matrix" });
  expect(promoted.status).toBe(200);

  // Tia writes a message and Pat reports it, so message and report calls have real targets.
  const { rooms } = await ask<{ rooms: Array<{ id: string; name: string }> }>(admin, "/api/admin/slow-mode");
  const roomId = rooms.find((r) => r.name === "general")!.id;
  const emit = async (client: APIRequestContext, events: Array<[string, unknown]>) => {
    const socket = io(server.url, { transports: ["websocket"], extraHeaders: { cookie: await cookieHeader(client) } });
    for (const [event, payload] of events) {
      const ack = await new Promise<{ ok: boolean }>((resolve) => socket.emit(event, payload, resolve));
      expect(ack.ok, `${event}: ${JSON.stringify(ack)}`).toBe(true);
    }
    socket.disconnect();
  };
  await emit(target, [
    ["room:join", { roomId }],
    ["message:send", { roomId, body: "a perfectly fine message", clientId: `authz-${Date.now()}` }],
  ]);
  const { messages } = await ask<{ messages: Array<{ id: number }> }>(admin, "/api/admin/messages");
  const messageId = messages[0]!.id;
  await emit(user, [["message:report", { messageId, reason: "other", note: "testing" }]]);
  const { queue } = await ask<{ queue: Array<{ reports: Array<{ id: string }> }> }>(admin, "/api/admin/reports");
  const reportId = queue[0]!.reports[0]!.id;
  const { settings } = await ask<{ settings: { flood: { messages: number } } }>(admin, "/api/admin/settings");

  const userId = id(names.target);
  const action = (body: Record<string, unknown>, adminOnly = false): Call => ({
    method: "POST",
    path: "/api/admin/actions",
    body: { userId, reason: "matrix", ...body },
    adminOnly,
    name: `actions ${JSON.stringify(body)}`,
  });
  calls = [
    { method: "GET", path: "/api/admin/stats", name: "stats" },
    { method: "GET", path: "/api/admin/users", name: "users" },
    action({ action: "ban" }),
    action({ action: "ban", minutes: 60 }),
    action({ action: "ban", ip: true }, true),
    action({ action: "unban" }),
    action({ action: "timeout", minutes: 10 }),
    action({ action: "end-timeout" }),
    action({ action: "kick" }),
    action({ action: "logout" }),
    action({ action: "role", role: "moderator" }, true),
    { method: "GET", path: "/api/admin/messages", name: "messages" },
    { method: "DELETE", path: "/api/admin/messages", body: { messageId, reason: "matrix" }, name: "delete message" },
    { method: "GET", path: "/api/admin/reports", name: "reports" },
    { method: "POST", path: "/api/admin/reports", body: { reportId, action: "delete", reason: "matrix" }, name: "resolve report" },
    { method: "GET", path: "/api/admin/spam", name: "spam" },
    { method: "GET", path: "/api/admin/audit", name: "audit" },
    { method: "GET", path: "/api/admin/settings", name: "settings" },
    {
      method: "PUT",
      path: "/api/admin/settings",
      body: { ...settings, flood: { ...settings.flood, messages: settings.flood.messages + 1 } },
      adminOnly: true,
      name: "save settings",
    },
    { method: "GET", path: "/api/admin/slow-mode", name: "slow mode" },
    { method: "PUT", path: "/api/admin/slow-mode", body: { roomId, seconds: 30 }, name: "set slow mode" },
  ];
});

test.afterAll(async () => {
  for (const client of [admin, moderator, user, target]) await client?.dispose();
  await server?.stop();
});

test("a plain user gets 403 from every console route and method, and nothing changes", async () => {
  const before = await snapshot();
  for (const call of calls) {
    const { status, json } = await callAdmin(user, call.method, call.path, call.body);
    expect(status, `${call.method} ${call.name}`).toBe(403);
    expect(json.error).toEqual({
      code: "FORBIDDEN",
      message:
        call.path.endsWith("/settings") && call.method === "PUT"
          ? "Only administrators can do that."
          : "Only moderators and administrators can open the moderation console.",
    });
  }
  expect(await snapshot()).toEqual(before);
});

test("a signed-out visitor gets 401 from every console route and method", async () => {
  const visitor = await request.newContext({ baseURL: server.url });
  for (const call of calls) {
    const { status, json } = await callAdmin(visitor, call.method, call.path, call.body);
    expect(status, `${call.method} ${call.name}`).toBe(401);
    expect((json.error as { code: string }).code).toBe("UNAUTHENTICATED");
  }
  await visitor.dispose();
});

test("a moderator gets 403 from the admin-only calls (settings, roles, IP ban), and nothing changes", async () => {
  const before = await snapshot();
  const adminOnly = calls.filter((c) => c.adminOnly);
  expect(adminOnly.map((c) => c.name)).toEqual([expect.stringContaining('"ip":true'), expect.stringContaining('"role"'), "save settings"]);
  for (const call of adminOnly) {
    const { status, json } = await callAdmin(moderator, call.method, call.path, call.body);
    expect(status, `${call.method} ${call.name}`).toBe(403);
    expect(json.error).toEqual({ code: "FORBIDDEN", message: "Only administrators can do that." });
  }
  expect(await snapshot()).toEqual(before);

  // The same session may read everything and use the moderator actions.
  for (const call of calls.filter((c) => c.method === "GET")) expect((await callAdmin(moderator, "GET", call.path)).status, call.name).toBe(200);
  expect((await callAdmin(moderator, "PUT", "/api/admin/slow-mode", calls.at(-1)!.body)).status).toBe(200);
});

test("/admin as a plain user answers 403 with the friendly page; signed out it asks to log in", async ({ browser }) => {
  for (const path of ["/admin", "/admin/users"]) {
    const response = await user.get(path, { maxRedirects: 0 });
    expect(response.status(), path).toBe(403);
    expect(await response.text(), path).toContain("Only moderators and administrators can open the moderation console.");
  }
  const context = await browser.newContext({ baseURL: server.url, storageState: await user.storageState() });
  const page = await context.newPage();
  expect((await page.goto("/admin/users"))?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "You can't open this page" })).toBeVisible();
  await expect(page.getByText("Only moderators and administrators can open the moderation console.")).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Moderation sections" })).toHaveCount(0);
  await page.getByRole("link", { name: "Back to chat" }).click();
  await expect(page).toHaveURL(`${server.url}/`);
  await context.close();

  const visitor = await browser.newContext({ baseURL: server.url });
  const anon = await visitor.newPage();
  await anon.goto("/admin");
  await expect(anon).toHaveURL(/\/login$/);
  expect((await visitor.request.get("/admin", { maxRedirects: 0 })).status()).toBe(307);
  await visitor.close();
});

test("the console hides what a moderator can't do, and shows the server's sentence when it refuses", async ({ browser }) => {
  const context = await browser.newContext({ baseURL: server.url, storageState: await moderator.storageState() });
  const desk = new AdminConsole(await context.newPage());
  await desk.page.goto("/admin/settings");
  await expect(desk.main.getByText("Only administrators can change these settings; you can read them.")).toBeVisible();
  await expect(desk.main.getByRole("button", { name: "Save settings" })).toHaveCount(0);
  await expect(desk.main.getByLabel("Flood: messages")).toBeDisabled();

  await desk.open("Users");
  const users = new AdminUsers(desk);
  await users.search(names.admin);
  await expect(users.row(names.admin)).toContainText("Only an admin can act on an admin.");
  await users.openAction(names.target, "Kick");
  await expect(desk.dialog.getByRole("button", { name: "Change role" })).toHaveCount(0);

  // Tia is promoted while the dialog is open: the server refuses, and the dialog says why and what to do.
  const { users: list } = await ask<{ users: Array<{ id: string; username: string }> }>(admin, `/api/admin/users?query=${names.target}`);
  expect((await callAdmin(admin, "POST", "/api/admin/actions", { action: "role", userId: list[0]!.id, role: "moderator", reason: "race" })).status).toBe(200);
  await desk.confirm("Kick Tia Target", "testing the refusal");
  await expect(desk.dialog.getByRole("alert")).toHaveText(/^Tia Target is a moderator — only someone above them can do that\. Ask an administrator/);
  await desk.dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(desk.dialog).toHaveCount(0);
  await context.close();
});
