import type { Page } from "@playwright/test";
import { expect, newChatter, test, uniqueName } from "./fixtures/test";

/** Tab presses from the top of the page until the composer has focus (skip link not followed). */
async function tabsToComposer(page: Page, composer: ReturnType<Page["getByRole"]>): Promise<number> {
  await page.evaluate(() => {
    document.body.tabIndex = -1;
    document.body.focus();
    document.body.removeAttribute("tabindex");
  });
  for (let presses = 1; presses <= 120; presses++) {
    await page.keyboard.press("Tab");
    if (await composer.evaluate((el) => el === document.activeElement)) return presses;
  }
  return Number.POSITIVE_INFINITY;
}

test("the message list is one Tab stop, however many messages it holds", async ({ browser, parley }) => {
  const ann = await newChatter(browser, parley.url);
  const ben = await newChatter(browser, parley.url);
  await ann.chat.signUp(uniqueName("ann"), "Ann Tabs");
  await ben.chat.signUp(uniqueName("ben"), "Ben Tabs");
  for (const text of ["one from Ann", "two from Ann", "three from Ann"]) await ann.chat.send(text);
  for (const text of ["one from Ben", "two from Ben"]) await ben.chat.send(text);
  await expect(ben.chat.message("three from Ann")).toBeVisible();

  const withFive = await tabsToComposer(ben.chat.page, ben.chat.composer);
  for (const text of ["four from Ann", "five from Ann", "six from Ann", "seven from Ann"]) await ann.chat.send(text);
  await expect(ben.chat.message("seven from Ann")).toBeVisible();
  const withNine = await tabsToComposer(ben.chat.page, ben.chat.composer);
  test.info().annotations.push({ type: "tabs-to-composer", description: `${withFive} with 5 messages, ${withNine} with 9` });
  console.log(`tabs to composer: ${withFive} with 5 messages, ${withNine} with 9`);
  await ann.context.close();
  await ben.context.close();
});
