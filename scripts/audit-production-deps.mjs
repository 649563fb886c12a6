// CI's audit of what the vault ships: `npm audit --omit=dev` against the
// registry's advisories. It prints every finding, and fails only on a high
// or critical one (--audit-level=high): a low or moderate advisory is for a
// person to weigh, not a reason to block every run.
//
// When no report comes back (no network, or a registry or mirror without the
// audit endpoint), it says so loudly and passes. npm exits 1 then, the same
// code as for a real finding (tried: ECONNREFUSED and a 405 both exit 1), so
// the JSON tells the two apart. An outage of the registry's audit service
// says nothing about this code, and must not stop every build; the warning
// makes sure nobody mistakes the run for an audited one.
import { spawnSync } from "node:child_process";
import { pathToFileURL } from "node:url";

/**
 * What to make of one `npm audit --json` run: "failed" when the registry
 * answered with a report and npm's exit says a finding reached the level,
 * "passed" when npm exited 0, "no-report" otherwise. Also the lines to print.
 */
export function auditVerdict(exitCode, stdout) {
  let report = null;
  try {
    report = JSON.parse(stdout);
  } catch {
    // Not JSON: npm failed before it could answer; treated as no report.
  }
  const counts = report?.metadata?.vulnerabilities;
  if (!counts) {
    const reason = report?.message ?? report?.error?.summary ?? "npm audit printed no report";
    if (exitCode === 0) return { verdict: "passed", lines: [] };
    return { verdict: "no-report", lines: [`npm audit got no report from the registry: ${reason}`] };
  }
  const lines = Object.values(report.vulnerabilities ?? {}).map((v) => {
    const advisories = (v.via ?? []).filter((via) => typeof via === "object").map((via) => `${via.title} ${via.url}`);
    const through = (v.via ?? []).filter((via) => typeof via === "string");
    return `${v.severity.padEnd(8)} ${v.name} ${v.range}: ${advisories.join("; ") || `through ${through.join(", ")}`}`;
  });
  const summary = ["critical", "high", "moderate", "low", "info"].map((level) => `${counts[level] ?? 0} ${level}`).join(", ");
  lines.push(`npm audit (production dependencies): ${summary}`);
  return { verdict: exitCode === 0 ? "passed" : "failed", lines };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const npm = process.platform === "win32" ? "npm.cmd" : "npm";
  const run = spawnSync(npm, ["audit", "--omit=dev", "--audit-level=high", "--json"], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    // A network that drops packets would otherwise hold CI for npm's own retries.
    timeout: 120_000,
  });
  const { verdict, lines } = auditVerdict(run.status, run.stdout ?? "");
  for (const line of lines) console.log(line);
  if (verdict === "no-report") {
    const banner = "!".repeat(72);
    console.error(
      `${banner}\nWARNING: production dependencies were NOT audited (no report from the registry).\n${(run.stderr ?? "").trim() || run.error?.message || ""}\n${banner}`,
    );
  } else if (verdict === "failed") {
    console.error("npm audit: a high or critical advisory affects a production dependency (listed above).");
  }
  process.exit(verdict === "failed" ? 1 : 0);
}
