import type http from "node:http";
import { decode } from "next-auth/jwt";
import { parseCookies, sessionTokenFromCookies } from "@/lib/server/auth/cookies";
import { toAppError } from "@/lib/shared/errors";
import type { TestServer } from "@/tests/socket-harness";
import { SECRET } from "@/tests/socket-harness";

/**
 * The sign-up and sign-in endpoints of docs/protocol.md ("Connecting") on a test server,
 * which serves Socket.IO only (Next's routes need a build). They answer as the real ones
 * do — `POST /api/signup`, next-auth's csrf → credentials callback (`json=true`: `{ url }`,
 * `?error=` with the sentence on failure) and signout — through the same services
 * (`context.signUp`, `context.signIn`, sessions), so a client outside the browser can be
 * tested end to end against them.
 */
export function serveAuthRoutes(server: TestServer): void {
  const { context } = server;
  const csrfToken = "test-csrf-token";
  const json = (res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string | string[]> = {}) => {
    res.writeHead(status, { "content-type": "application/json", ...headers });
    res.end(JSON.stringify(body));
  };
  const readBody = (req: http.IncomingMessage) =>
    new Promise<string>((resolve) => {
      let data = "";
      req.on("data", (chunk: Buffer) => (data += chunk.toString()));
      req.on("end", () => resolve(data));
    });

  server.httpServer.on("request", (req: http.IncomingMessage, res: http.ServerResponse) => {
    const url = new URL(req.url ?? "/", server.url);
    if (url.pathname.startsWith("/socket.io")) return;
    void (async () => {
      try {
        if (req.method === "POST" && url.pathname === "/api/signup") {
          const user = await context.signUp(JSON.parse(await readBody(req)), "127.0.0.1");
          return json(res, 201, { user: { id: user.id, username: user.username, displayName: user.displayName } });
        }
        if (req.method === "GET" && url.pathname === "/api/auth/csrf") {
          return json(res, 200, { csrfToken }, { "set-cookie": `next-auth.csrf-token=${csrfToken}%7Chash; Path=/; HttpOnly; SameSite=Lax` });
        }
        const form = new URLSearchParams(req.method === "POST" ? await readBody(req) : "");
        const csrfOk = form.get("csrfToken") === csrfToken && parseCookies(req.headers.cookie).get("next-auth.csrf-token")?.startsWith(csrfToken);
        if (req.method === "POST" && url.pathname === "/api/auth/callback/credentials") {
          if (!csrfOk) return json(res, 200, { url: `${server.url}/api/auth/signin?csrf=true` });
          try {
            const user = await context.signIn({ username: form.get("username"), password: form.get("password") }, "127.0.0.1");
            const cookie = await server.cookieFor(user);
            return json(res, 200, { url: form.get("callbackUrl") ?? server.url }, { "set-cookie": `${cookie}; Path=/; HttpOnly; SameSite=Lax` });
          } catch (error) {
            return json(res, 200, { url: `${server.url}/login?error=${encodeURIComponent(toAppError(error).message)}` });
          }
        }
        if (req.method === "POST" && url.pathname === "/api/auth/signout" && csrfOk) {
          const token = await decode({ token: sessionTokenFromCookies(req.headers.cookie), secret: SECRET });
          if (typeof token?.sid === "string") await context.sessions.end(token.sid, "logout");
          return json(res, 200, { url: server.url }, { "set-cookie": "next-auth.session-token=; Path=/; Max-Age=0" });
        }
        json(res, 404, { error: { code: "NOT_FOUND", message: "Not found." } });
      } catch (error) {
        const appError = toAppError(error);
        json(res, appError.status, { error: appError.toBody() });
      }
    })();
  });
}
