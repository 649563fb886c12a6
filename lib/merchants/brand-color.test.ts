import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { contrastRatio, DARK_PAGE, hostedBrandColors, LIGHT_PAGE, MIN_CONTRAST, mixToward, NEAR_BLACK, readableOn } from "./brand-color";

const channels = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];

/** HSL hue in degrees, and the chroma (max - min channel, 0 to 255) it is measured on. */
function hue(hex: string): { degrees: number; chroma: number } {
  const [r, g, b] = channels(hex);
  const max = Math.max(r, g, b);
  const chroma = max - Math.min(r, g, b);
  if (chroma === 0) return { degrees: 0, chroma };
  const sector = max === r ? (g - b) / chroma + 6 : max === g ? (b - r) / chroma + 2 : (r - g) / chroma + 4;
  return { degrees: (sector * 60) % 360, chroma };
}

/** Whether the channels keep their order (ties may appear when a shade rounds, never swaps). */
function keepsChannelOrder(from: string, to: string): boolean {
  const [a, b] = [channels(from), channels(to)];
  return [0, 1, 2].every((i) => [0, 1, 2].every((j) => !(a[i]! > a[j]!) || b[i]! >= b[j]!));
}

const anyColor = fc
  .tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }))
  .map((rgb) => `#${rgb.map((c) => c.toString(16).padStart(2, "0")).join("")}`);

describe("contrastRatio", () => {
  it("matches WCAG's reference values", () => {
    expect(contrastRatio("#000000", "#ffffff")).toBeCloseTo(21, 5);
    expect(contrastRatio("#ffffff", "#ffffff")).toBeCloseTo(1, 5);
    expect(contrastRatio("#767676", "#ffffff")).toBeCloseTo(4.54, 2);
  });
});

describe("the colour on the light page (hostedBrandColors().onLight)", () => {
  it("keeps a colour white text can already sit on", () => {
    expect(hostedBrandColors("#1D4ED8").onLight).toBe("#1d4ed8");
    expect(hostedBrandColors("#000000").onLight).toBe("#000000");
  });

  it("darkens a light colour just enough for 4.5:1, keeping its hue", () => {
    const gold = hostedBrandColors("#ffd700").onLight;
    expect(contrastRatio(gold, "#ffffff")).toBeGreaterThanOrEqual(MIN_CONTRAST);
    expect(contrastRatio(gold, "#ffffff")).toBeLessThan(MIN_CONTRAST + 0.1);
    expect(hue(gold).degrees).toBeCloseTo(hue("#ffd700").degrees, 0);
  });
});

describe("readableOn, for any colour", () => {
  for (const [name, page, end] of [
    ["the light page", LIGHT_PAGE, "#000000"],
    ["the dark page", DARK_PAGE, "#ffffff"],
  ] as const) {
    it(`reaches 4.5:1 on ${name}, keeps the hue, and moves no further than needed`, () => {
      fc.assert(
        fc.property(anyColor, (color) => {
          const shown = readableOn(color, page);
          expect(contrastRatio(shown, page)).toBeGreaterThanOrEqual(MIN_CONTRAST);
          if (contrastRatio(color, page) >= MIN_CONTRAST) {
            expect(shown).toBe(color);
            return;
          }
          expect(keepsChannelOrder(color, shown)).toBe(true);
          // Rounding to whole channels moves the hue by at most a degree or two where there is colour to measure it on.
          const [before, after] = [hue(color), hue(shown)];
          if (after.chroma >= 32) expect(Math.abs(((after.degrees - before.degrees + 540) % 360) - 180)).toBeLessThan(4);
          // No further than needed: one channel step back toward the colour fails.
          const lessMoved = channels(shown).map((c, i) => c + Math.sign(channels(color)[i]! - c));
          expect(contrastRatio(`#${lessMoved.map((c) => c.toString(16).padStart(2, "0")).join("")}`, page)).toBeLessThan(MIN_CONTRAST);
          expect(
            end === "#000000" ? channels(shown).every((c, i) => c <= channels(color)[i]!) : channels(shown).every((c, i) => c >= channels(color)[i]!),
          ).toBe(true);
        }),
        { numRuns: 2000 },
      );
    });
  }

  it("lightens a dark colour for the dark page and darkens a light one for the light page", () => {
    // Black on the dark page becomes a grey: lighter, channels still equal.
    const [r, g, b] = channels(readableOn("#000000", DARK_PAGE));
    expect([g, b]).toEqual([r, r]);
    expect(r).toBeGreaterThan(0);
    expect(readableOn("#ffffff", LIGHT_PAGE)).toBe(mixToward("#ffffff", "#000000", 1 - 0x76 / 255));
    expect(readableOn("#ffd400", DARK_PAGE)).toBe("#ffd400");
    expect(readableOn("#0f766e", LIGHT_PAGE)).toBe("#0f766e");
  });
});

describe("hostedBrandColors, for any colour", () => {
  it("gives a button whose text reaches 4.5:1, keeping the merchant's colour wherever white or near-black text does", () => {
    fc.assert(
      fc.property(anyColor, (color) => {
        const { fill, onFill, onLight, onDark } = hostedBrandColors(color);
        expect(contrastRatio(fill, onFill)).toBeGreaterThanOrEqual(MIN_CONTRAST);
        expect(contrastRatio(onLight, LIGHT_PAGE)).toBeGreaterThanOrEqual(MIN_CONTRAST);
        expect(contrastRatio(onDark, DARK_PAGE)).toBeGreaterThanOrEqual(MIN_CONTRAST);
        const textFits = contrastRatio(color, "#ffffff") >= MIN_CONTRAST || contrastRatio(color, NEAR_BLACK) >= MIN_CONTRAST;
        expect(fill === color).toBe(textFits);
        if (!textFits) expect(fill).toBe(onLight);
      }),
      { numRuns: 2000 },
    );
  });

  it("keeps a light brand colour on its button with near-black text, and shades it only where it is drawn on the page", () => {
    expect(hostedBrandColors("#FFD400")).toMatchObject({ fill: "#ffd400", onFill: NEAR_BLACK, onDark: "#ffd400" });
    expect(hostedBrandColors("#ffd400").onLight).not.toBe("#ffd400");
    expect(hostedBrandColors("#0f766e")).toMatchObject({ fill: "#0f766e", onFill: "#ffffff", onLight: "#0f766e" });
    expect(hostedBrandColors("#0f766e").onDark).not.toBe("#0f766e");
  });
});

it("adjusts against the page and ink colours styles/globals.css gives the hosted pages", () => {
  const css = readFileSync(new URL("../../styles/globals.css", import.meta.url), "utf8");
  const [light, dark] = css.split("@media (prefers-color-scheme: dark)");
  expect(light).toContain(`--color-page: ${LIGHT_PAGE};`);
  expect(light).toContain(`--color-ink: ${NEAR_BLACK};`);
  expect(dark).toContain(`--color-page: ${DARK_PAGE};`);
});
