// The merchant's colour on the hosted pages, which have a light and a dark
// look (prefers-color-scheme). Where the colour is drawn on the page's
// background (focus rings, links, the button's edge) it must reach WCAG's
// 4.5:1 against that background: a colour that does not is darkened (on the
// light page) or lightened (on the dark one), keeping its hue, just enough
// that it does. The button keeps the colour itself and takes white or
// near-black text, whichever reaches 4.5:1 on it; only a mid-tone neither
// reaches is darkened for white text. The merchant's setting itself is left
// as chosen.

/** A colour as the merchant writes it and the vault stores it: #rrggbb. */
export const HEX_COLOR = /^#[0-9a-fA-F]{6}$/;

/** The hosted pages' backgrounds, light and dark, and the near-black of their text (styles/globals.css: --color-page, --color-ink). */
export const LIGHT_PAGE = "#ffffff";
export const DARK_PAGE = "#111827";
export const NEAR_BLACK = "#111827";
const WHITE = "#ffffff";

/** The hosted pages' colour when the merchant has chosen none. */
export const DEFAULT_BRAND_COLOR = "#1d4ed8";

/** AA for normal text (WCAG 1.4.3). */
export const MIN_CONTRAST = 4.5;

const channels = (hex: string): [number, number, number] => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
const toHex = (rgb: number[]): string => `#${rgb.map((c) => c.toString(16).padStart(2, "0")).join("")}`;

/** WCAG 2.x relative luminance of a #rrggbb colour. */
export function relativeLuminance(hex: string): number {
  const [r, g, b] = channels(hex)
    .map((c) => c / 255)
    .map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

/** WCAG contrast ratio between two #rrggbb colours (1 to 21). */
export function contrastRatio(a: string, b: string): number {
  const [lighter, darker] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [number, number];
  return (lighter + 0.05) / (darker + 0.05);
}

/**
 * The colour moved the fraction `t` (0 to 1) of the way to black or white,
 * every channel alike: the channels keep their order and proportions, so
 * the hue stays.
 */
export function mixToward(hex: string, end: "#000000" | "#ffffff", t: number): string {
  const target = end === WHITE ? 255 : 0;
  return toHex(channels(hex).map((c) => Math.round(c + (target - c) * t)));
}

/**
 * The colour itself when it reaches 4.5:1 on `page`, else the least shade of
 * it that does: darker on a light page, lighter on a dark one.
 */
export function readableOn(hex: string, page: string): string {
  const color = hex.toLowerCase();
  if (contrastRatio(color, page) >= MIN_CONTRAST) return color;
  const end = relativeLuminance(page) > 0.5 ? "#000000" : WHITE;
  // Whether a mix passes only turns from no to yes as t grows (the far end,
  // black or white, passes on either page), so halving finds the least one.
  let [fails, passes] = [0, 1];
  for (let i = 0; i < 24; i++) {
    const t = (fails + passes) / 2;
    if (contrastRatio(mixToward(color, end, t), page) >= MIN_CONTRAST) passes = t;
    else fails = t;
  }
  return mixToward(color, end, passes);
}

export type HostedBrandColors = {
  /** On the light page's background (focus rings, links). */
  onLight: string;
  /** On the dark page's background. */
  onDark: string;
  /** The button's fill, and its text colour. */
  fill: string;
  onFill: string;
};

/** Every colour the hosted pages draw from a merchant's colour, each reaching 4.5:1 where it is used. */
export function hostedBrandColors(hex: string): HostedBrandColors {
  const color = hex.toLowerCase();
  const onLight = readableOn(color, LIGHT_PAGE);
  // White and near-black cannot both reach 4.5:1 on one colour; a mid-tone
  // neither reaches on gets its light-page shade, which white text does.
  const text = [WHITE, NEAR_BLACK].find((candidate) => contrastRatio(color, candidate) >= MIN_CONTRAST);
  return { onLight, onDark: readableOn(color, DARK_PAGE), fill: text ? color : onLight, onFill: text ?? WHITE };
}
