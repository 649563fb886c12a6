/** A list page's filters as a query string (empty fields left out), plus extras such as the page. */
export function filterQuery(values: Record<string, string>, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries({ ...values, ...extra })) if (value) params.set(name, value);
  return params.toString();
}
