export declare function auditVerdict(exitCode: number | null, stdout: string): { verdict: "passed" | "failed" | "no-report"; lines: string[] };
