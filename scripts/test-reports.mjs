// Reading vitest's and Playwright's JSON reports for `npm test`'s summary:
// passed and failed counts, and how long each group of vitest projects ran.

/** Passed and failed counts from vitest's JSON report (a missing report is a failure). */
export function vitestCounts(status, report) {
  let passed = 0;
  let failed = 0;
  if (report) {
    passed = report.numPassedTests;
    failed = report.numFailedTests + (report.numRuntimeErrorTestSuites ?? 0);
  } else {
    failed = 1;
  }
  if (status !== 0 && failed === 0) failed = 1;
  return { passed, failed };
}

/**
 * Passed and failed counts from Playwright's JSON report (playwright.config.ts
 * writes it). An error outside any test (the global setup, e.g. PostgreSQL
 * down) or a missing report is a failure.
 */
export function playwrightCounts(status, report) {
  let passed = 0;
  let failed = 0;
  if (report) {
    passed = report.stats.expected + report.stats.flaky;
    failed = report.stats.unexpected + (report.errors?.length ?? 0);
  } else {
    failed = 1;
  }
  if (status !== 0 && failed === 0) failed = 1;
  return { passed, failed };
}

/** The suite a test file belongs to, from its path. */
function suiteOf(file) {
  if (file.includes("/tests/api/")) return "API suite";
  if (file.includes("/tests/worker/")) return "worker suite";
  return "unit tests";
}

/**
 * [suite, seconds] for each suite in vitest's report: from its first file's
 * start to its last file's end. The suites share one vitest run, so their
 * spans can overlap.
 */
export function vitestPhaseSpans(report) {
  const spans = new Map();
  for (const file of report?.testResults ?? []) {
    const suite = suiteOf(file.name);
    const span = spans.get(suite) ?? { start: Infinity, end: -Infinity };
    span.start = Math.min(span.start, file.startTime);
    span.end = Math.max(span.end, file.endTime);
    spans.set(suite, span);
  }
  return ["unit tests", "API suite", "worker suite"]
    .filter((suite) => spans.has(suite))
    .map((suite) => [suite, (spans.get(suite).end - spans.get(suite).start) / 1000]);
}
