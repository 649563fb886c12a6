// How the portal writes times: one format everywhere, in UTC (staff in
// several time zones read the same audit log), and a dash for "never".

const FORMAT = new Intl.DateTimeFormat("en-GB", {
  year: "numeric",
  month: "short",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  timeZone: "UTC",
  timeZoneName: "short",
});

export function formatTime(value: Date | string | null | undefined): string {
  if (!value) return "—";
  return FORMAT.format(typeof value === "string" ? new Date(value) : value);
}
