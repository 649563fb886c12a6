import { describe, expect, it } from "vitest";
import { auditVerdict } from "./audit-production-deps.mjs";

// How CI reads `npm audit --json`: npm exits 1 both for a finding at the
// level and when it got no report, so the verdict rests on the JSON.
const counts = (c: Partial<Record<"info" | "low" | "moderate" | "high" | "critical", number>>) => ({
  info: 0,
  low: 0,
  moderate: 0,
  high: 0,
  critical: 0,
  total: Object.values(c).reduce((a, b) => a + b, 0),
  ...c,
});

const report = (vulnerabilities: Record<string, unknown>, c: Parameters<typeof counts>[0]) =>
  JSON.stringify({ auditReportVersion: 2, vulnerabilities, metadata: { vulnerabilities: counts(c), dependencies: { prod: 40, total: 40 } } });

const advisory = (name: string, severity: string) => ({
  name,
  severity,
  range: "<1.2.3",
  via: [{ source: 1, name, title: `A flaw in ${name}`, url: `https://github.com/advisories/GHSA-${name}`, severity }],
});

describe("auditVerdict", () => {
  it("fails on a report npm exited 1 for, listing each finding and the counts", () => {
    const out = report({ lodash: advisory("lodash", "high"), wrapper: { name: "wrapper", severity: "high", range: "*", via: ["lodash"] } }, { high: 2 });
    const { verdict, lines } = auditVerdict(1, out);
    expect(verdict).toBe("failed");
    expect(lines).toEqual([
      "high     lodash <1.2.3: A flaw in lodash https://github.com/advisories/GHSA-lodash",
      "high     wrapper *: through lodash",
      "npm audit (production dependencies): 0 critical, 2 high, 0 moderate, 0 low, 0 info",
    ]);
  });

  it("passes, still listing them, when the findings are below high (npm exits 0)", () => {
    const { verdict, lines } = auditVerdict(0, report({ ms: advisory("ms", "moderate") }, { moderate: 1 }));
    expect(verdict).toBe("passed");
    expect(lines[0]).toMatch(/^moderate ms /);
  });

  it("tells no report (registry unreachable, or no audit endpoint) from a finding", () => {
    const refused = JSON.stringify({
      message: "request to http://127.0.0.1:9/-/npm/v1/security/advisories/bulk failed, reason: connect ECONNREFUSED",
      error: { summary: "", detail: "" },
    });
    expect(auditVerdict(1, refused)).toEqual({
      verdict: "no-report",
      lines: [expect.stringMatching(/no report from the registry: request to .*ECONNREFUSED/)],
    });
    expect(auditVerdict(1, "").verdict).toBe("no-report");
  });
});
