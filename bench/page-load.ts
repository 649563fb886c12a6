// The hosted card page as a browser loads it: its Largest Contentful Paint
// in real Chromium, and the scripts it loads. Cold loads get a fresh browser
// context each (empty cache, no cookies); warm loads reload the page in a
// context that has loaded it once (the CSS and script come from the cache,
// revalidated as their headers ask).
import { existsSync } from "node:fs";
import { chromium, type Browser, type Page } from "@playwright/test";
import { BRAND_MARKS_OUT, gzippedBytes, ISLAND_LOCALES, islandOut } from "../scripts/build-island.mjs";

/**
 * The hosted page's budgets (issue 19): its script in its language with the
 * brand marks it shows, gzipped (the largest language counts); its cold
 * Largest Contentful Paint on localhost; and the whole page with JavaScript
 * off (document, CSS, images, as transferred).
 */
export const SCRIPT_BUDGET_BYTES = 40 * 1024;
export const LCP_BUDGET_MS = 500;
export const NO_SCRIPT_PAGE_BUDGET_BYTES = 20 * 1024;
const LOADS = Number(process.env.BENCH_LCP_LOADS ?? 5);
const VIEWPORT = { width: 1280, height: 800 };

/**
 * The hosted page's script in each language as built, and the brand marks'
 * sprite the page inlines, gzipped at level 9 as scripts/build-island.mjs
 * reports them; `largest`: the language whose script weighs most.
 */
export function islandGzippedBytes(): { scripts: Record<string, number>; largest: { locale: string; bytes: number }; brandMarks: number } {
  const scripts = Object.fromEntries(ISLAND_LOCALES.map((locale) => [locale, gzippedBytes(islandOut(locale))]));
  const [locale, bytes] = Object.entries(scripts).sort((a, b) => b[1] - a[1])[0]!;
  return { scripts, largest: { locale, bytes }, brandMarks: gzippedBytes(BRAND_MARKS_OUT) };
}

/** Debian's Chromium unless CHROMIUM_PATH names another; Playwright's own when neither exists. */
function executablePath(): string | undefined {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  return existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined;
}

type LoadFigures = { lcpMs: number; fcpMs: number; ttfbMs: number; lcpElement: string; scripts: { url: string; transferredBytes: number }[] };

// Runs in the page (page.evaluate is not subject to the page's CSP). The
// LCP entries are read buffered once the page has loaded and painted twice
// more, so the last candidate is in.
async function measure(page: Page): Promise<LoadFigures> {
  return page.evaluate(async () => {
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    const lcp = await new Promise<PerformanceEntry | null>((resolve) => {
      const observer = new PerformanceObserver((list) => {
        observer.disconnect();
        resolve(list.getEntries().at(-1) ?? null);
      });
      observer.observe({ type: "largest-contentful-paint", buffered: true });
      setTimeout(() => resolve(null), 2000);
    });
    const element = (lcp as (PerformanceEntry & { element?: Element | null }) | null)?.element;
    const fcp = performance.getEntriesByName("first-contentful-paint")[0];
    const navigation = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming | undefined;
    const scripts = (performance.getEntriesByType("resource") as PerformanceResourceTiming[])
      .filter((r) => r.initiatorType === "script")
      .map((r) => ({ url: new URL(r.name).pathname, transferredBytes: r.encodedBodySize }));
    return {
      lcpMs: lcp ? lcp.startTime : -1,
      fcpMs: fcp ? fcp.startTime : -1,
      ttfbMs: navigation ? navigation.responseStart : -1,
      lcpElement: element ? `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ""}` : "none",
      scripts,
    };
  });
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const round1 = (n: number) => Math.round(n * 10) / 10;

export type PageLoadFigures = {
  loads: number;
  viewport: typeof VIEWPORT;
  browser: string;
  /** Medians; ttfbMs: when the page's first byte arrived (the server's part, from navigation start). */
  cold: { lcpMs: number; fcpMs: number; ttfbMs: number; lcpRuns: number[] };
  warm: { lcpMs: number; fcpMs: number; ttfbMs: number; lcpRuns: number[] };
  lcpElement: string;
  /** The scripts a cold load fetched, with their encoded (over the wire) body sizes. */
  scripts: { url: string; transferredBytes: number }[];
  /** A cold load with JavaScript off: every response's encoded body, the document's included. */
  noScript: { totalBytes: number; resources: { url: string; transferredBytes: number }[] };
};

/** What a browser with JavaScript off fetches for the page: the document and each resource, as encoded on the wire. */
async function noScriptWeight(browser: Browser, url: string): Promise<PageLoadFigures["noScript"]> {
  const context = await browser.newContext({ viewport: VIEWPORT, javaScriptEnabled: false });
  try {
    const page = await context.newPage();
    const resources: { url: string; transferredBytes: number }[] = [];
    page.on("requestfinished", (request) => {
      void request.sizes().then((sizes) => resources.push({ url: new URL(request.url()).pathname, transferredBytes: sizes.responseBodySize }));
    });
    const response = await page.goto(url, { waitUntil: "load" });
    if (response?.status() !== 200) throw new Error(`loading ${url} without JavaScript answered ${response?.status()}`);
    await page.waitForTimeout(200);
    return { totalBytes: resources.reduce((sum, r) => sum + r.transferredBytes, 0), resources };
  } finally {
    await context.close();
  }
}

/** Median LCP of `LOADS` cold and `LOADS` warm loads of `url` (an open link's page), after one untimed load. */
export async function measurePageLoad(url: string): Promise<PageLoadFigures> {
  const browser: Browser = await chromium.launch({
    executablePath: executablePath(),
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  try {
    const load = async (page: Page, reload: boolean) => {
      const response = reload ? await page.reload({ waitUntil: "load" }) : await page.goto(url, { waitUntil: "load" });
      if (response?.status() !== 200) throw new Error(`loading ${url} answered ${response?.status()}`);
      const figures = await measure(page);
      if (figures.lcpMs < 0) throw new Error(`no largest-contentful-paint entry for ${url}`);
      return figures;
    };
    const cold: LoadFigures[] = [];
    const warm: LoadFigures[] = [];
    // The first load starts the browser's own machinery and the server's page path; it is not counted.
    for (let i = 0; i <= LOADS; i++) {
      const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1 });
      const page = await context.newPage();
      const first = await load(page, false);
      if (i > 0) {
        cold.push(first);
        warm.push(await load(page, true));
      }
      await context.close();
    }
    const summary = (runs: LoadFigures[]) => ({
      lcpMs: round1(median(runs.map((f) => f.lcpMs))),
      fcpMs: round1(median(runs.map((f) => f.fcpMs))),
      ttfbMs: round1(median(runs.map((f) => f.ttfbMs))),
      lcpRuns: runs.map((f) => round1(f.lcpMs)),
    });
    const noScript = await noScriptWeight(browser, url);
    return {
      noScript,
      loads: LOADS,
      viewport: VIEWPORT,
      browser: `Chromium ${browser.version()}`,
      cold: summary(cold),
      warm: summary(warm),
      lcpElement: cold[0]?.lcpElement ?? "none",
      scripts: cold[0]?.scripts ?? [],
    };
  } finally {
    await browser.close();
  }
}
