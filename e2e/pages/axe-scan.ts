import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect } from "@playwright/test";

/** The WCAG 2.1 A and AA rules: what the issue asks every screen to pass. */
export const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

type Violation = Awaited<ReturnType<AxeBuilder["analyze"]>>["violations"][number];

/** One line per failing element: rule, impact, where, and axe's own summary of what to fix. */
export function describeViolations(violations: Violation[]): string {
  return violations
    .flatMap((v) =>
      v.nodes.map((node) => {
        const summary = (node.failureSummary ?? v.help).replace(/\s+/g, " ").trim();
        return `  [${v.impact}] ${v.id} at ${node.target.join(" ")}\n      ${summary}\n      ${v.helpUrl}`;
      }),
    )
    .join("\n");
}

/**
 * Scans the page as it is now and records (softly, so one run lists every screen's
 * problems) any serious or critical WCAG 2.1 AA violation under the screen's name.
 */
export async function expectAccessible(page: Page, screen: string): Promise<void> {
  // Let transitions (dialogs fading in, theme swaps) settle so contrast is measured on final colours.
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((a) => a.effect?.getComputedTiming().endTime !== Infinity)
        .map((a) => a.finished.catch(() => undefined)),
    ),
  );
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect.soft(serious.length, `${screen}: serious or critical accessibility violations\n${describeViolations(serious)}`).toBe(0);
}
