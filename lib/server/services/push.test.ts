import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isAppError } from "@/lib/shared/errors";
import { createLogger } from "@/lib/server/logger";
import { parseInput } from "@/lib/shared/schemas/parse";
import type { PushPayload } from "@/lib/shared/schemas/push";
import { pushSubscriptionSchema } from "@/lib/shared/schemas/push";
import type { VapidKeys } from "@/lib/server/vapid-keys";
import { sharedVapidKeys } from "@/lib/server/vapid-keys";
import { decryptPush, makeBrowserKeys, PlainHttpAgent, startMockPushService, verifyVapidJwt } from "@/tests/mock-push-service";
import { createTestDb, insertUser } from "@/tests/test-db";
import type { PushService } from "./push";
import { createPushService, isKnownPushService } from "./push";

let testDb: Awaited<ReturnType<typeof createTestDb>>;
let mock: Awaited<ReturnType<typeof startMockPushService>>;
let push: PushService;
let roomId: string;
let vapid: VapidKeys;

beforeAll(async () => {
  testDb = await createTestDb();
  vapid = await sharedVapidKeys(testDb.db, testDb.dataDir);
  mock = await startMockPushService();
  push = createPushService({
    db: testDb.db,
    vapid,
    logger: createLogger("silent"),
    subject: "mailto:ops@parley.test",
    isAllowedEndpoint: (url) => url.origin === mock.origin,
    agent: new PlainHttpAgent(),
  });
  roomId = (await testDb.db.room.create({ data: { name: "general" } })).id;
});
afterAll(async () => {
  await mock.close();
  await testDb.close();
});

const dm: PushPayload = { title: "Ada", body: "Are the engines ready? ✨", url: "/?dm=ada", tag: "dm:ada" };

async function subscribedUser(options: { pushEnabled?: boolean } = {}) {
  const user = await insertUser(testDb.db);
  await testDb.db.user.update({ where: { id: user.id }, data: { pushEnabled: options.pushEnabled ?? true } });
  const browser = makeBrowserKeys();
  const endpoint = mock.endpoint();
  await push.subscribe(user.id, { endpoint, keys: browser.keys });
  return { user, browser, endpoint };
}

const requestsTo = (endpoint: string) => mock.received.filter((r) => r.path === new URL(endpoint).pathname);

describe("VAPID keys", () => {
  it("are the server's shared keys, the same on every start (lib/server/secrets.test.ts covers sharing)", async () => {
    expect(await sharedVapidKeys(testDb.db, testDb.dataDir)).toEqual(vapid);
    expect(push.publicKey).toBe(vapid.publicKey);
    expect(Buffer.from(vapid.publicKey, "base64url")).toHaveLength(65);
  });
});

describe("push delivery", () => {
  it("sends an encrypted, VAPID-signed message that decrypts to the payload", async () => {
    const { user, browser, endpoint } = await subscribedUser();
    expect(await push.notifyUser(user.id, dm)).toEqual({ sent: 1, removed: 0, failed: 0 });

    const [request] = requestsTo(endpoint);
    expect(request).toBeDefined();
    expect(request!.headers["content-encoding"]).toBe("aes128gcm");
    expect(request!.headers["content-type"]).toBe("application/octet-stream");
    expect(Number(request!.headers.ttl)).toBeGreaterThan(0);
    expect(request!.body.length).toBeGreaterThan(0);
    expect(request!.body.toString("latin1")).not.toContain("engines");

    const claims = verifyVapidJwt(String(request!.headers.authorization), push.publicKey);
    expect(claims).toMatchObject({ aud: mock.origin, sub: "mailto:ops@parley.test" });
    expect(JSON.parse(decryptPush(request!.body, browser))).toEqual(dm);
  });

  it("reaches every browser of the user", async () => {
    const { user, endpoint } = await subscribedUser();
    const phone = makeBrowserKeys();
    const phoneEndpoint = mock.endpoint();
    await push.subscribe(user.id, { endpoint: phoneEndpoint, keys: phone.keys });

    expect((await push.notifyUser(user.id, dm)).sent).toBe(2);
    expect(requestsTo(endpoint)).toHaveLength(1);
    expect(JSON.parse(decryptPush(requestsTo(phoneEndpoint)[0]!.body, phone))).toEqual(dm);
  });

  it("sends nothing to a user who has push switched off", async () => {
    const { user, endpoint } = await subscribedUser({ pushEnabled: false });
    expect(await push.notifyUser(user.id, dm)).toEqual({ sent: 0, removed: 0, failed: 0 });
    expect(requestsTo(endpoint)).toEqual([]);
  });

  it("skips muted rooms, and only those", async () => {
    const { user, endpoint } = await subscribedUser();
    const other = await testDb.db.room.create({ data: { name: `other-${Date.now()}` } });
    await push.muteRoom(user.id, roomId);
    expect(await push.listMutedRooms(user.id)).toEqual([roomId]);

    expect((await push.notifyUser(user.id, { ...dm, roomId })).sent).toBe(0);
    expect((await push.notifyUser(user.id, { ...dm, roomId: other.id })).sent).toBe(1);
    await push.unmuteRoom(user.id, roomId);
    expect((await push.notifyUser(user.id, { ...dm, roomId })).sent).toBe(1);
    expect(requestsTo(endpoint)).toHaveLength(2);
  });

  it.each([410, 404])("deletes a subscription the push service answers %i to", async (status) => {
    const { user, endpoint } = await subscribedUser();
    mock.answer(endpoint, status);
    expect(await push.notifyUser(user.id, dm)).toEqual({ sent: 0, removed: 1, failed: 0 });
    expect(requestsTo(endpoint)).toHaveLength(1);
    expect(await testDb.db.pushSubscription.count({ where: { endpoint } })).toBe(0);
  });

  it("keeps a subscription through a temporary failure", async () => {
    const { user, endpoint } = await subscribedUser();
    mock.answer(endpoint, 503);
    expect(await push.notifyUser(user.id, dm)).toEqual({ sent: 0, removed: 0, failed: 1 });
    expect(await testDb.db.pushSubscription.count({ where: { endpoint } })).toBe(1);
  });

  it("shortens a long message so it fits in one push", async () => {
    const { user, browser, endpoint } = await subscribedUser();
    await push.notifyUser(user.id, { ...dm, body: "🚂".repeat(3000) });
    const delivered = JSON.parse(decryptPush(requestsTo(endpoint)[0]!.body, browser)) as PushPayload;
    expect([...delivered.body]).toHaveLength(300);
    expect(delivered.body.endsWith("…")).toBe(true);
  });
});

describe("subscriptions", () => {
  it("moves a browser to whoever subscribes from it last, and lets only the owner unsubscribe", async () => {
    const { user: first, browser, endpoint } = await subscribedUser();
    const second = await insertUser(testDb.db);
    await push.subscribe(second.id, { endpoint, keys: browser.keys });
    expect(await testDb.db.pushSubscription.findUnique({ where: { endpoint } })).toMatchObject({ userId: second.id });

    await push.unsubscribe(first.id, endpoint);
    expect(await testDb.db.pushSubscription.count({ where: { endpoint } })).toBe(1);
    await push.unsubscribe(second.id, endpoint);
    expect(await testDb.db.pushSubscription.count({ where: { endpoint } })).toBe(0);
  });

  it("are deleted with their user", async () => {
    const { user, endpoint } = await subscribedUser();
    await push.muteRoom(user.id, roomId);
    await testDb.db.user.delete({ where: { id: user.id } });
    expect(await testDb.db.pushSubscription.count({ where: { endpoint } })).toBe(0);
    expect(await testDb.db.roomMute.count({ where: { userId: user.id } })).toBe(0);
  });

  it("refuse endpoints that are not a browser push service (the server would POST there)", async () => {
    const strict = createPushService({ db: testDb.db, vapid, logger: createLogger("silent") });
    const user = await insertUser(testDb.db);
    const keys = makeBrowserKeys().keys;
    for (const endpoint of [
      "https://127.0.0.1/push",
      "https://intranet.example/hook",
      "https://fcm.googleapis.com.evil.test/x",
      "https://fcm.googleapis.com:8443/x",
    ]) {
      const error = await strict.subscribe(user.id, { endpoint, keys }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(isAppError(error) && error.code).toBe("VALIDATION");
    }
    for (const endpoint of [
      "https://fcm.googleapis.com/fcm/send/abc",
      "https://updates.push.services.mozilla.com/wpush/v2/abc",
      "https://web.push.apple.com/QGx",
      "https://wns2-par02p.notify.windows.com/w/?token=abc",
    ]) {
      expect(isKnownPushService(new URL(endpoint))).toBe(true);
    }
    expect(await testDb.db.pushSubscription.count({ where: { userId: user.id } })).toBe(0);
  });

  it("the shared schema accepts a browser's subscription JSON and refuses malformed keys", () => {
    const keys = makeBrowserKeys().keys;
    const ok = { endpoint: "https://fcm.googleapis.com/fcm/send/abc", expirationTime: null, keys };
    expect(parseInput(pushSubscriptionSchema, ok)).toMatchObject({ endpoint: ok.endpoint, keys });
    for (const bad of [
      { ...ok, endpoint: "http://fcm.googleapis.com/fcm/send/abc" },
      { ...ok, keys: { ...keys, p256dh: keys.auth } },
      { ...ok, keys: { ...keys, auth: "short" } },
      { endpoint: ok.endpoint },
    ]) {
      expect(() => parseInput(pushSubscriptionSchema, bad)).toThrow();
    }
  });
});
