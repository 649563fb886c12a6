// The merchant's colour on the hosted page: the page's button puts white
// text on it and its focus ring sits on white, so it must reach WCAG's 4.5:1
// against white. A colour that does not is darkened, keeping its hue, just
// enough that it does; the merchant's setting itself is left as chosen.

/** A colour as the merchant writes it and the vault stores it: #rrggbb. */
export const HEX_COLOR = /^#[0-9a-fA-F]{6}$/;

/** WCAG 2.x relative luminance of a #rrggbb colour. */
export function relativeLuminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

/** WCAG contrast ratio between two #rrggbb colours (1 to 21). */
export function contrastRatio(a: string, b: string): number {
  const [lighter, darker] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [number, number];
  return (lighter + 0.05) / (darker + 0.05);
}

/** AA for normal text (WCAG 1.4.3). */
export const MIN_CONTRAST = 4.5;

/** The colour itself when white reaches 4.5:1 on it, else the lightest darker shade of it that does. */
export function accessibleBrandColor(hex: string): string {
  const color = hex.toLowerCase();
  if (contrastRatio(color, "#ffffff") >= MIN_CONTRAST) return color;
  const channels = [1, 3, 5].map((i) => parseInt(color.slice(i, i + 2), 16));
  for (let step = 1; step <= 100; step++) {
    const shade = `#${channels
      .map((c) =>
        Math.round((c * (100 - step)) / 100)
          .toString(16)
          .padStart(2, "0"),
      )
      .join("")}`;
    if (contrastRatio(shade, "#ffffff") >= MIN_CONTRAST) return shade;
  }
  return "#000000";
}
