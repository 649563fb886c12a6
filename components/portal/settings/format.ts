// Dates in the settings pages: one fixed form (UTC), the same on the server
// and in the browser, so nothing changes when the page hydrates.

export function formatWhen(value: Date | string | null | undefined): string {
  if (!value) return "—";
  const date = typeof value === "string" ? new Date(value) : value;
  return `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}
