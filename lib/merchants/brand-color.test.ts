import { describe, expect, it } from "vitest";
import { accessibleBrandColor, contrastRatio, MIN_CONTRAST } from "./brand-color";

describe("contrastRatio", () => {
  it("matches WCAG's reference values", () => {
    expect(contrastRatio("#000000", "#ffffff")).toBeCloseTo(21, 5);
    expect(contrastRatio("#ffffff", "#ffffff")).toBeCloseTo(1, 5);
    expect(contrastRatio("#767676", "#ffffff")).toBeCloseTo(4.54, 2);
  });
});

describe("accessibleBrandColor", () => {
  it("keeps a colour white text can already sit on", () => {
    expect(accessibleBrandColor("#1D4ED8")).toBe("#1d4ed8");
    expect(accessibleBrandColor("#000000")).toBe("#000000");
  });

  it("darkens a light colour just enough for 4.5:1, keeping its hue", () => {
    for (const light of ["#ffd700", "#7dd3fc", "#ffffff", "#22c55e"]) {
      const adjusted = accessibleBrandColor(light);
      expect(contrastRatio(adjusted, "#ffffff")).toBeGreaterThanOrEqual(MIN_CONTRAST);
      // Channels keep their order (the hue); darkening never raises one.
      const [r, g, b] = [1, 3, 5].map((i) => parseInt(adjusted.slice(i, i + 2), 16));
      expect(r! >= g! === parseInt(light.slice(1, 3), 16) >= parseInt(light.slice(3, 5), 16)).toBe(true);
      expect(b).toBeLessThanOrEqual(parseInt(light.slice(5, 7), 16));
    }
    // No darker than needed: within one percent step of the threshold.
    expect(contrastRatio(accessibleBrandColor("#ffd700"), "#ffffff")).toBeLessThan(MIN_CONTRAST + 0.3);
  });
});
