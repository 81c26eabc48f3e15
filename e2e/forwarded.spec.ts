import type { APIRequestContext } from "@playwright/test";
import { expect, request, test } from "@playwright/test";
import type { ParleyProcess } from "./fixtures/parley-server";
import { startParley } from "./fixtures/parley-server";
import { uniqueName } from "./fixtures/test";

/**
 * Parley behind one nginx (`TRUST_PROXY=true`). nginx's usual
 * `X-Forwarded-For $proxy_add_x_forwarded_for` keeps what the client wrote and appends
 * the address it saw: these requests carry exactly that header.
 */
let parley: ParleyProcess;
test.beforeAll(async () => {
  parley = await startParley({ env: { TRUST_PROXY: "true" } });
});
test.afterAll(async () => {
  await parley?.stop();
});

const viaNginx = (clientWrote: string, seenByNginx: string) => ({ "x-forwarded-for": `${clientWrote}, ${seenByNginx}` });

async function logIn(client: APIRequestContext, username: string, password: string, headers: Record<string, string>): Promise<string> {
  const { csrfToken } = (await (await client.get("/api/auth/csrf", { headers })).json()) as { csrfToken: string };
  const response = await client.post("/api/auth/callback/credentials", { headers, form: { csrfToken, username, password, json: "true" }, maxRedirects: 0 });
  const location = response.headers().location ?? ((await response.json().catch(() => ({}))) as { url?: string }).url ?? "";
  return decodeURIComponent(new URL(location, parley.url).searchParams.get("error") ?? "ok");
}

test("a client rewriting X-Forwarded-For on every try is still one address to the login lockout", async () => {
  const client = await request.newContext({ baseURL: parley.url });
  const username = uniqueName("lock");
  const created = await client.post("/api/signup", {
    data: { username, displayName: "Lock", password: "correct horse" },
    headers: viaNginx("1.1.1.1", "198.51.100.77"),
  });
  expect(created.status()).toBe(201);
  const answers: string[] = [];
  for (let i = 0; i < 4; i++) answers.push(await logIn(client, username, "wrong password", viaNginx(`10.9.9.${i}`, "198.51.100.77")));
  expect(answers.slice(0, 2)).toEqual(["Wrong username or password", "Wrong username or password"]);
  expect(answers[2]).toMatch(/^Too many attempts — try again in \d+ s$/);
  expect(answers[3]).toMatch(/^Too many attempts — try again in \d+ s$/);
  // The right password, from the same real address with yet another made-up entry, is still blocked.
  expect(await logIn(client, username, "correct horse", viaNginx("10.9.9.200", "198.51.100.77"))).toMatch(/^Too many attempts/);
  // Someone else behind the same nginx is not blocked.
  expect(await logIn(client, username, "correct horse", viaNginx("10.9.9.200", "198.51.100.78"))).toBe("ok");
  await client.dispose();
});
