import "#server-only";

// tran_status S (settled) and C (captured, not settled yet) as the answers
// show them: both are stored as C, told apart by the settlement time against
// the merchant's gateway clock. The API's filter and the portal's share this.

/** The Prisma condition for S or C at the gateway's `now`. */
export function settlementWhere(status: "S" | "C", now: Date) {
  return status === "S" ? { status: "C", settlesAt: { lte: now } } : { status: "C", OR: [{ settlesAt: null }, { settlesAt: { gt: now } }] };
}
