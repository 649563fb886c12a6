import { describe, expect, it } from "vitest";
import { auditLogCsv, csvCell } from "./audit-log-csv";
import type { AuditLogRow } from "./audit-log-query";

const row = (overrides: Partial<AuditLogRow> = {}): AuditLogRow => ({
  id: 1,
  createdAt: new Date("2025-03-04T05:06:07.089Z"),
  actor: "user:7",
  action: "customer.create",
  targetType: "customer",
  targetId: "C1",
  clientAddress: "203.0.113.9",
  requestId: "req-1",
  ...overrides,
});

describe("auditLogCsv", () => {
  it("writes the header and one CRLF-terminated line per row, times in ISO 8601", () => {
    expect(auditLogCsv([row(), row({ actor: "cli", clientAddress: null, requestId: null })])).toBe(
      "created_at,actor,action,target_type,target_id,client_address,request_id\r\n" +
        "2025-03-04T05:06:07.089Z,user:7,customer.create,customer,C1,203.0.113.9,req-1\r\n" +
        "2025-03-04T05:06:07.089Z,cli,customer.create,customer,C1,,\r\n",
    );
  });

  it("an empty export is the header alone", () => {
    expect(auditLogCsv([])).toBe("created_at,actor,action,target_type,target_id,client_address,request_id\r\n");
  });

  it("quotes fields holding a comma, quote, CR or LF, doubling quotes", () => {
    expect(csvCell("a,b")).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell("two\nlines")).toBe('"two\nlines"');
    expect(csvCell("cr\rhere")).toBe('"cr\rhere"');
    expect(csvCell("plain")).toBe("plain");
    expect(csvCell("")).toBe("");
  });

  it.each(["=SUM(A1)", "+1", "-2", "@cmd", "\tx"])("neutralises a formula-like cell %j with a leading quote", (value) => {
    expect(csvCell(value)).toBe(`'${value}`);
  });

  it("neutralises a cell starting with CR, and then quotes it", () => {
    expect(csvCell("\r=1")).toBe(`"'\r=1"`);
  });

  it("leaves a formula character that is not first alone", () => {
    expect(csvCell("a=b")).toBe("a=b");
    expect(csvCell("user:1-2")).toBe("user:1-2");
  });

  it("applies both rules inside a row", () => {
    const line = auditLogCsv([row({ targetId: '=HYPERLINK("x","y")' })]).split("\r\n")[1];
    expect(line).toBe(`2025-03-04T05:06:07.089Z,user:7,customer.create,customer,"'=HYPERLINK(""x"",""y"")",203.0.113.9,req-1`);
  });
});
