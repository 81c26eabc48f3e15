import { expect, test, uniqueName } from "./fixtures/test";
import { ChatPage } from "./pages/chat-page";

test("a 2,000-character word wraps instead of scrolling the message list sideways", async ({ page }) => {
  const chat = new ChatPage(page);
  await chat.signUp(uniqueName("wes"), "Wes");
  const word = "w".repeat(2000);
  await chat.send(word);
  await chat.composer.fill(`/me ${"m".repeat(1996)}`);
  await chat.composer.press("Enter");
  // #general is shared with the other specs of this worker: find this /me by its text.
  await expect(chat.page.locator('li[data-message-kind="me"][data-kind="message"]', { hasText: "m".repeat(1996) })).toHaveCount(1);
  const overflow = await chat.messageList.evaluate((el) => ({
    scroll: el.scrollWidth,
    client: el.clientWidth,
    page: document.documentElement.scrollWidth,
    viewport: window.innerWidth,
  }));
  expect(overflow.scroll).toBeLessThanOrEqual(overflow.client);
  expect(overflow.page).toBeLessThanOrEqual(overflow.viewport);
});
