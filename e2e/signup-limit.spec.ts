import { request } from "@playwright/test";
import { expect, test, uniqueName } from "./fixtures/test";
import { startParley } from "./fixtures/parley-server";
import { callAdmin, signedInClient } from "./pages/admin-api";

test("the console's sign-ups-per-address setting applies to the next sign-up", async () => {
  // A server of its own, so its first account is the admin who changes the setting.
  const server = await startParley({ env: { TRUST_PROXY: "true" } });
  try {
    const admin = await signedInClient(server.url, uniqueName("admin"), "Admin");
    const { json } = await callAdmin(admin, "GET", "/api/admin/settings");
    const settings = json.settings as { signUp: { perAddressPerHour: number } };
    expect(settings.signUp.perAddressPerHour).toBe(20);
    const save = (perAddressPerHour: number) => callAdmin(admin, "PUT", "/api/admin/settings", { ...settings, signUp: { perAddressPerHour } });
    expect((await save(2)).status).toBe(200);

    const office = await request.newContext({ baseURL: server.url, extraHTTPHeaders: { "x-forwarded-for": "10.77.0.1" } });
    const signUp = async () => {
      const response = await office.post("/api/signup", { data: { username: uniqueName("desk"), displayName: "Desk", password: "correct horse" } });
      return { status: response.status(), message: ((await response.json()) as { error?: { message: string } }).error?.message };
    };
    expect((await signUp()).status).toBe(201);
    expect((await signUp()).status).toBe(201);
    expect(await signUp()).toEqual({ status: 429, message: expect.stringMatching(/^Too many new accounts from your network — try again in \d+ min\.$/) });

    expect((await save(3)).status).toBe(200);
    expect((await signUp()).status).toBe(201);
    await Promise.all([admin.dispose(), office.dispose()]);
  } finally {
    await server.stop();
  }
});
