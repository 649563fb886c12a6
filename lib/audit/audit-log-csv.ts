import type { AuditLogRow } from "./audit-log-query";

// RFC 4180: CRLF line ends; a field with a comma, quote, CR or LF is quoted
// and its quotes doubled. A cell a spreadsheet would read as a formula
// (starting with = + - @, tab or CR) gets a leading single quote, so an
// actor or target id chosen by an attacker cannot run in the reader's
// spreadsheet (CSV injection).

export const AUDIT_LOG_CSV_HEADER = ["created_at", "actor", "action", "target_type", "target_id", "client_address", "request_id"] as const;

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** One CSV cell: formula-neutralised, then quoted when it must be. */
export function csvCell(value: string | null): string {
  if (value === null) return "";
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** One CSV record, CRLF-terminated. */
function csvLine(cells: (string | null)[]): string {
  return `${cells.map(csvCell).join(",")}\r\n`;
}

/** The header line, for an export written in pieces. */
export function auditLogCsvHeader(): string {
  return csvLine([...AUDIT_LOG_CSV_HEADER]);
}

/** The rows' CSV lines without the header, for an export written in pieces. */
export function auditLogCsvLines(rows: readonly AuditLogRow[]): string {
  return rows.map((r) => csvLine([r.createdAt.toISOString(), r.actor, r.action, r.targetType, r.targetId, r.clientAddress, r.requestId])).join("");
}

/** Audit rows as an RFC 4180 CSV document, header first, times in ISO 8601 (UTC). */
export function auditLogCsv(rows: readonly AuditLogRow[]): string {
  return auditLogCsvHeader() + auditLogCsvLines(rows);
}
