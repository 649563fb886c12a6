const STYLES = {
  ACTIVE: ["Active", "bg-green-50 text-green-800 ring-green-200"],
  DISABLED: ["Disabled", "bg-slate-100 text-slate-700 ring-slate-200"],
  SUSPENDED: ["Suspended", "bg-red-50 text-red-800 ring-red-200"],
  PENDING: ["Pending", "bg-amber-50 text-amber-900 ring-amber-200"],
  DELIVERED: ["Delivered", "bg-green-50 text-green-800 ring-green-200"],
  FAILED: ["Failed", "bg-red-50 text-red-800 ring-red-200"],
  EXPIRED: ["Expired", "bg-slate-100 text-slate-700 ring-slate-200"],
} as const;

/** A webhook's or a delivery's status as a small labelled badge. */
export function StatusBadge({ status }: { status: keyof typeof STYLES }) {
  const [label, style] = STYLES[status];
  return <span className={`inline-block rounded px-1.5 py-0.5 text-xs font-medium ring-1 ring-inset ${style}`}>{label}</span>;
}
