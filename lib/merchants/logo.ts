// A merchant's logo travels inside the hosted page as a data: URL, stored
// with the branding: the page's CSP loads nothing from other origins, so a
// logo on the merchant's CDN could not be shown. Only raster formats whose
// first bytes prove what they are; SVG is refused (it can carry script).

/** The largest logo accepted: it is part of every hosted page load. */
export const LOGO_MAX_BYTES = 64 * 1024;

const SIGNATURES: { type: string; matches: (b: Buffer) => boolean }[] = [
  { type: "image/png", matches: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  { type: "image/jpeg", matches: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { type: "image/gif", matches: (b) => b.subarray(0, 4).toString("latin1") === "GIF8" },
  { type: "image/webp", matches: (b) => b.subarray(0, 4).toString("latin1") === "RIFF" && b.subarray(8, 12).toString("latin1") === "WEBP" },
];

/** The logo file as a data: URL, or what is wrong with it. */
export function logoDataUrl(bytes: Buffer): { dataUrl: string } | { problem: string } {
  if (bytes.length === 0) return { problem: "the file is empty" };
  if (bytes.length > LOGO_MAX_BYTES) return { problem: `the file is over ${LOGO_MAX_BYTES / 1024} KB` };
  const format = SIGNATURES.find((s) => s.matches(bytes));
  if (!format) return { problem: "must be a PNG, JPEG, GIF or WebP image" };
  return { dataUrl: `data:${format.type};base64,${bytes.toString("base64")}` };
}

/** A stored logo's data: URL shape (what BrandingSchema accepts). */
export const LOGO_DATA_URL = /^data:image\/(png|jpeg|gif|webp);base64,[A-Za-z0-9+/]+={0,2}$/;

/** "image/png, 1234 bytes" for a stored logo, for people reading the CLI. */
export function describeLogo(dataUrl: string | null): string | null {
  const match = dataUrl ? /^data:([^;]+);base64,(.*)$/.exec(dataUrl) : null;
  return match ? `${match[1]}, ${Buffer.from(match[2]!, "base64").length} bytes` : null;
}

/**
 * A logo uploaded from the portal (the browser reads the file as a data:
 * URL): its bytes are checked again here, whatever type the browser claimed,
 * and the stored data: URL names the type the bytes prove.
 */
export function logoFromUpload(dataUrl: string): { dataUrl: string } | { problem: string } {
  const match = /^data:[^,;]*(;[^,;]*)*;base64,([A-Za-z0-9+/]*={0,2})$/.exec(dataUrl);
  if (!match) return { problem: "must be a PNG, JPEG, GIF or WebP image" };
  return logoDataUrl(Buffer.from(match[2]!, "base64"));
}
