import { CARD_BRAND_LABELS, CARD_BRANDS, type CardBrand } from "@/lib/checkout/card-brand";

// The brand marks inside the card number field. An empty field shows every
// brand the page takes; once the number's first digits name a brand, its
// mark alone stays; digits of no known brand show none. The marks are
// pictures only (alt=""): the brand's name is what a screen reader hears,
// from the live region, as the number is typed. The SVGs are drawn for this
// page (components/checkout/card-brands/, copied to public/hosted/brands/ by
// scripts/build-island.mjs) and weigh about 250 bytes each gzipped.

/** Where the page serves the brand marks; the CSP's img-src 'self' covers them. */
export const CARD_BRAND_ICONS_PATH = "/hosted/brands";

/** The marks shown for the number typed so far. */
export function brandsShown(brand: CardBrand | null, cardNumber: string): readonly CardBrand[] {
  if (brand) return [brand];
  return cardNumber.trim() === "" ? CARD_BRANDS : [];
}

/** Room the number field keeps free on its right for the marks shown (24 px each, 4 px apart, 12 px from the edge). */
export function brandIconsPadding(shown: number): string {
  return shown === 0 ? "" : shown === 1 ? "pr-11" : "pr-53";
}

export function CardBrandIcons({ brand, shown }: { brand: CardBrand | null; shown: readonly CardBrand[] }) {
  return (
    <>
      <span className="pointer-events-none absolute inset-y-0 right-3 flex items-center gap-1">
        {shown.map((name) => (
          <img key={name} src={`${CARD_BRAND_ICONS_PATH}/${name}.svg`} alt="" width={24} height={16} data-brand={name} />
        ))}
      </span>
      <span aria-live="polite" className="sr-only">
        {brand ? CARD_BRAND_LABELS[brand] : ""}
      </span>
    </>
  );
}
