import { ApiError } from "@/lib/errors/api-error";
import { exportAuditLogCsv } from "@/lib/audit/export-audit-log-csv";
import { recordAuditExport } from "@/lib/audit/record-audit-export";
import { parseAuditFilter } from "@/lib/portal/audit-filter";
import { portalRoute } from "@/lib/portal/portal-route";

// GET /portal/audit/export?<the page's filters>: the filtered audit log as
// CSV (at most 50,000 rows, streamed in batches). A GET, so a plain link
// downloads it; it changes nothing but the audit log's own record of the
// export, and the SameSite=Strict session cookie never comes with a
// cross-site request. Refusals (role, filters) answer in the envelope.
export const GET = portalRoute({ permission: "audit.read", linkDownload: true }, async ({ session, actor, request }) => {
  const { filter, errors } = parseAuditFilter(new URL(request.url).searchParams);
  if (Object.keys(errors).length > 0) throw new ApiError("validation", "Please correct the filters.", errors);
  const chunks = exportAuditLogCsv({ merchantId: session.user.merchantId, ...filter });
  // The first chunk (the header) is read before answering, so a bad filter is a 400, not a broken download.
  const first = await chunks.next();
  await recordAuditExport(actor);
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      if (!first.done) controller.enqueue(encoder.encode(first.value));
    },
    async pull(controller) {
      const next = await chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
  const stamp = new Date().toISOString().slice(0, 10);
  return new Response(body, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="audit-log-${session.user.merchantId}-${stamp}.csv"`,
    },
  });
});
