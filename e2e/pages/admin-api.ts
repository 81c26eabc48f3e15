import type { APIRequestContext, APIResponse } from "@playwright/test";
import { expect, request } from "@playwright/test";

/** A signed-in HTTP client: sign-up and login through the same endpoints the forms use. */
export async function signedInClient(baseURL: string, username: string, displayName: string, password = "correct horse"): Promise<APIRequestContext> {
  const client = await request.newContext({ baseURL });
  const signUp = await client.post("/api/signup", { data: { username, displayName, password } });
  expect(signUp.status(), await signUp.text()).toBe(201);
  const { csrfToken } = (await (await client.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const login = await client.post("/api/auth/callback/credentials", { form: { csrfToken, username, password, json: "true", callbackUrl: baseURL } });
  expect(login.ok()).toBe(true);
  const session = (await (await client.get("/api/auth/session")).json()) as { user?: { username: string } };
  expect(session.user?.username).toBe(username);
  return client;
}

export async function cookieHeader(client: APIRequestContext): Promise<string> {
  return (await client.storageState()).cookies.map((c) => `${c.name}=${c.value}`).join("; ");
}

export type Method = "GET" | "POST" | "PUT" | "DELETE";

/** One console API call; the error body's code and sentence come back for assertions. */
export async function callAdmin(
  client: APIRequestContext,
  method: Method,
  path: string,
  body?: unknown,
): Promise<{ status: number; json: Record<string, unknown> }> {
  const response: APIResponse = await client.fetch(path, { method, data: body === undefined ? undefined : body });
  return { status: response.status(), json: ((await response.json().catch(() => ({}))) ?? {}) as Record<string, unknown> };
}
