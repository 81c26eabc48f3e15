import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import type { BrowserContext } from "@playwright/test";
import { expect, test } from "@playwright/test";
import { io } from "socket.io-client";
import type { ParleyProcess } from "./fixtures/parley-server";
import { startParley } from "./fixtures/parley-server";
import { uniqueName } from "./fixtures/test";
import { cookieHeader, signedInClient } from "./pages/admin-api";
import { ChatPage } from "./pages/chat-page";

/**
 * An attacker's page on another port of the same host: same *site*, so the browser
 * sends Parley's SameSite=Lax cookies along with its requests and WebSockets.
 */
let parley: ParleyProcess;
let attacker: http.Server;
let attackerOrigin: string;
let context: BrowserContext;
const adminName = uniqueName("ada");

test.beforeAll(async ({ browser }) => {
  parley = await startParley();
  attacker = http.createServer((_req, res) => {
    res.writeHead(200, { "content-type": "text/html" });
    res.end("<!doctype html><title>Totally harmless</title><p>Nothing to see.</p>");
  });
  await new Promise<void>((resolve) => attacker.listen(0, "127.0.0.1", resolve));
  attackerOrigin = `http://127.0.0.1:${(attacker.address() as AddressInfo).port}`;
  context = await browser.newContext({ baseURL: parley.url });
  await new ChatPage(await context.newPage()).signUp(adminName, "Ada");
});

test.afterAll(async () => {
  await context?.close();
  attacker?.close();
  await parley?.stop();
});

/** Every state-changing method of every route handler in app/, read from the files, so a new route is covered. */
function stateChangingRoutes(): Array<{ method: string; path: string }> {
  const found: Array<{ method: string; path: string }> = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === "route.ts") {
        const source = fs.readFileSync(full, "utf8");
        const methods = new Set<string>();
        for (const m of source.matchAll(/export (?:const|async function|function) (POST|PUT|PATCH|DELETE)\b/g)) methods.add(m[1]!);
        for (const m of source.matchAll(/export \{([^}]*)\}/g)) for (const n of m[1]!.matchAll(/\bas (POST|PUT|PATCH|DELETE)\b/g)) methods.add(n[1]!);
        const route = path
          .relative("app", path.dirname(full))
          .split(path.sep)
          .filter((segment) => !/^\(.*\)$/.test(segment))
          .join("/");
        const paths = route.includes("[...nextauth]")
          ? ["signout", "callback/credentials", "signin/credentials"].map((p) => `/${route.replace("[...nextauth]", p)}`)
          : [`/${route.replace(/\[[^\]]+\]/g, "x1")}`];
        for (const method of methods) for (const p of paths) found.push({ method, path: p });
      }
    }
  };
  walk("app");
  // Pages take server actions as POSTs.
  for (const page of ["/", "/login", "/signup", "/settings/profile", "/admin"]) found.push({ method: "POST", path: page });
  return found;
}

test("every state-changing route refuses another origin, with the cookies of a signed-in admin", async () => {
  const routes = stateChangingRoutes();
  expect(routes.length).toBeGreaterThanOrEqual(20);
  expect(routes).toContainEqual({ method: "POST", path: "/api/admin/actions" });
  const body = JSON.stringify({ action: "role", userId: "someone", role: "moderator" });
  for (const { method, path: route } of routes) {
    const foreign: Array<Record<string, string>> = [{ origin: attackerOrigin }, { "sec-fetch-site": "same-site" }, { origin: "null" }];
    for (const headers of foreign) {
      const response = await context.request.fetch(route, { method, headers: { ...headers, "content-type": "text/plain" }, data: body, maxRedirects: 0 });
      expect(response.status(), `${method} ${route} ${JSON.stringify(headers)}`).toBe(403);
      expect(await response.json()).toEqual({
        error: { code: "FORBIDDEN", message: "This page's origin is not allowed to make changes here. Open Parley at its own address." },
      });
    }
  }
});

test("a page on another port cannot open the signed-in person's socket or promote anyone, and Parley's own page still works", async () => {
  const victim = await signedInClient(parley.url, uniqueName("mal"), "Mallory");
  const { user } = (await (await victim.get("/api/auth/session")).json()) as { user: { id: string } };
  const page = await context.newPage();
  await page.goto(attackerOrigin);
  const socketAnswer = await page.evaluate(async (target) => {
    return new Promise<string>((resolve) => {
      const ws = new WebSocket(`${target.replace("http", "ws")}/socket.io/?EIO=4&transport=websocket`);
      ws.onmessage = (event) => {
        const data = String(event.data);
        if (data.startsWith("0")) ws.send("40");
        else if (data.startsWith("4")) resolve(data);
      };
      ws.onerror = () => resolve("error");
      setTimeout(() => resolve("timeout"), 5000);
    });
  }, parley.url);
  expect(socketAnswer.startsWith("44")).toBe(true);
  expect(socketAnswer).toContain("This page's origin is not allowed");
  await page.evaluate(
    async ({ target, userId }) => {
      await fetch(`${target}/api/admin/actions`, {
        method: "POST",
        mode: "no-cors",
        credentials: "include",
        headers: { "content-type": "text/plain" },
        body: JSON.stringify({ action: "role", userId, role: "moderator" }),
      });
    },
    { target: parley.url, userId: user.id },
  );
  const users = (await (await context.request.get(`/api/admin/users?query=mal`)).json()) as { users: Array<{ id: string; role: string }> };
  expect(users.users.find((u) => u.id === user.id)?.role).toBe("user");

  // Parley's own page: the socket connects and chat works; a same-origin text/plain body is refused as not JSON.
  const chat = new ChatPage(await context.newPage());
  await chat.page.goto("/");
  await chat.expectInChat();
  await chat.send("still here from my own origin");
  const smuggled = await context.request.post("/api/admin/actions", {
    headers: { origin: parley.url, "content-type": "text/plain" },
    data: JSON.stringify({ action: "role", userId: user.id, role: "moderator" }),
  });
  expect(smuggled.status()).toBe(400);
  expect(((await smuggled.json()) as { error: { message: string } }).error.message).toBe("Send the request body as JSON (Content-Type: application/json).");
  const proper = await context.request.post("/api/admin/actions", {
    headers: { origin: parley.url },
    data: { action: "role", userId: user.id, role: "moderator", reason: "" },
  });
  expect(proper.status(), await proper.text()).toBe(200);
  await victim.dispose();
});

test("a client with no Origin header (the terminal client) connects with its cookie", async () => {
  const cookie = await cookieHeader(await signedInClient(parley.url, uniqueName("term"), "Terminal"));
  const client = io(parley.url, { path: "/socket.io", transports: ["websocket"], extraHeaders: { cookie }, reconnection: false });
  const ready = await new Promise<string>((resolve) => {
    client.once("session:ready", () => resolve("ready"));
    client.once("connect_error", (error) => resolve(error.message));
  });
  client.disconnect();
  expect(ready).toBe("ready");
});
