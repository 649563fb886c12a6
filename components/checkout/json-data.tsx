// Data for the page's script, in a JSON data block: the browser parses it
// as text and runs nothing (so it needs no CSP nonce). "<" is escaped so no
// value can close the element.
export function JsonData({ id, value }: { id: string; value: unknown }) {
  return <script id={id} type="application/json" dangerouslySetInnerHTML={{ __html: JSON.stringify(value).replace(/</g, "\\u003c") }} />;
}
