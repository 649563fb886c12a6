import "#server-only";
import { auditLogCsvHeader, auditLogCsvLines } from "./audit-log-csv";
import { iterateAuditLog, type IterateAuditLogOptions } from "./iterate-audit-log";

/**
 * The merchant's matching audit rows as CSV text in chunks (the header, then
 * one chunk per batch), for a streamed download: wrap it in a ReadableStream.
 */
export async function* exportAuditLogCsv(options: IterateAuditLogOptions): AsyncGenerator<string, void, undefined> {
  // Options are validated by the first step of iterateAuditLog; take it
  // before the header so a bad filter fails before anything is sent.
  const batches = iterateAuditLog(options);
  const first = await batches.next();
  yield auditLogCsvHeader();
  if (first.done) return;
  yield auditLogCsvLines(first.value);
  for await (const batch of batches) yield auditLogCsvLines(batch);
}
