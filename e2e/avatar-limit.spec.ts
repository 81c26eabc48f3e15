import { solidImage } from "../tests/image-fixtures";
import { expect, test, uniqueName } from "./fixtures/test";
import { signedInClient } from "./pages/admin-api";

/** Each avatar upload costs a full image decode, so one person gets 10 per 10 minutes. */
test("an 11th avatar upload within 10 minutes is refused with a sentence; others can still upload", async ({ parley }) => {
  const image = await solidImage("png", 64, 64);
  const upload = (client: Awaited<ReturnType<typeof signedInClient>>) =>
    client.post("/api/profile/avatar", { multipart: { file: { name: "me.png", mimeType: "image/png", buffer: image } } });

  const ann = await signedInClient(parley.url, uniqueName("ann"), "Ann");
  for (let i = 0; i < 10; i++) expect((await upload(ann)).status()).toBe(200);
  const refused = await upload(ann);
  expect(refused.status()).toBe(429);
  expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(/^You changed your avatar too often — try again in 10 min\.$/);

  const ben = await signedInClient(parley.url, uniqueName("ben"), "Ben");
  expect((await upload(ben)).status()).toBe(200);
  await Promise.all([ann.dispose(), ben.dispose()]);
});
