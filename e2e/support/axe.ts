// axe-core on the page as it is now, for the WCAG 2.2 AA rules the pages
// are held to (README, Tests). Violations are listed one per element
// (rule, selector, message) so a failure says exactly what to fix; the full
// axe answer is attached to the test.
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, type TestInfo } from "@playwright/test";

const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

export async function expectAxeClean(page: Page, testInfo: TestInfo, state: string): Promise<void> {
  // A client-side navigation sets the title a moment after the page shows: axe read "no title" once (a CI run, sqlite).
  await expect(page).toHaveTitle(/\S/);
  const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  await testInfo.attach(`axe-${state}.json`, { body: JSON.stringify(results.violations, null, 2), contentType: "application/json" });
  const violations = results.violations.flatMap((v) =>
    v.nodes.map((node) => `${v.id} [${v.impact}] ${node.target.join(" ")}: ${node.failureSummary?.replace(/\s+/g, " ") ?? v.help}`),
  );
  expect(violations, `axe violations on the ${state} page`).toEqual([]);
}
