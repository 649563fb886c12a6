import { describe, expect, it } from "vitest";
import { detectCardType } from "../cards/card-type";
import { CARD_BRAND_LABELS, cardBrandOf, longestNumberFor } from "./card-brand";

const labelOf = (typed: string) => {
  const brand = cardBrandOf(typed);
  return brand ? CARD_BRAND_LABELS[brand] : null;
};

describe("cardBrandOf: the brand the page shows while the number is typed", () => {
  it("names each brand from its first digits", () => {
    expect(labelOf("4")).toBe("Visa");
    expect(labelOf("5500 00")).toBe("Mastercard");
    expect(labelOf("2221")).toBe("Mastercard");
    expect(labelOf("37")).toBe("American Express");
    expect(labelOf("6011")).toBe("Discover");
    expect(labelOf("65")).toBe("Discover");
    expect(labelOf("3528")).toBe("JCB");
    expect(labelOf("6212 3456")).toBe("UnionPay");
  });

  it("calls Diners Club numbers (36, 38, 300-305) Diners Club, although the API files them as Discover's DS", () => {
    for (const number of ["36227206271667", "38520000023237", "30569309025904", "3000 000000 0004", "3050"]) {
      expect(labelOf(number), number).toBe("Diners Club");
    }
    expect(detectCardType("36227206271667")).toBe("DS");
  });

  it("names nothing while the brand is unclear or unknown, or the text is not a number", () => {
    expect(cardBrandOf("")).toBeNull();
    expect(cardBrandOf("3")).toBeNull();
    expect(cardBrandOf("6")).toBeNull();
    expect(cardBrandOf("9")).toBeNull();
    expect(cardBrandOf("4111 abc")).toBeNull();
  });
});

describe("longestNumberFor", () => {
  it("is the brand's longest number, or 19 while the brand is unknown", () => {
    expect(longestNumberFor("37")).toBe(15);
    expect(longestNumberFor("51")).toBe(16);
    expect(longestNumberFor("4")).toBe(19);
    expect(longestNumberFor("36")).toBe(19);
    expect(longestNumberFor("")).toBe(19);
    expect(longestNumberFor("9")).toBe(19);
  });
});
