import { CARD_BRAND_LABELS, CARD_BRANDS, type CardBrand } from "@/lib/checkout/card-brand";

// The brand marks inside the card number field. An empty field shows every
// brand the page takes; once the number's first digits name a brand, its
// mark alone stays; digits of no known brand show none. The marks are
// pictures only (aria-hidden): the brand's name is what a screen reader
// hears, from the live region, as the number is typed. The SVGs are drawn
// for this page (components/checkout/card-brands/) and served inside the
// page itself, as one sprite of <symbol>s (BrandMarkSprite, about 0.6 KB
// gzipped for all seven), which each mark points into with <use>: no
// request per mark, and nothing in the page's script (docs/decisions/021).

/** The id of a brand's <symbol> in the page's sprite. */
export function brandMarkId(brand: CardBrand): string {
  return `brand-${brand}`;
}

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
          <svg key={name} width={24} height={16} aria-hidden="true" data-brand={name}>
            <use href={`#${brandMarkId(name)}`} />
          </svg>
        ))}
      </span>
      <span aria-live="polite" className="sr-only">
        {brand ? CARD_BRAND_LABELS[brand] : ""}
      </span>
    </>
  );
}

/**
 * The marks' <symbol>s, once per page, outside the script's part of it. The
 * markup is the build's own (scripts/build-island.mjs makes it from the
 * drawn SVGs); no one else's text ever reaches it.
 */
export function BrandMarkSprite({ symbols }: { symbols: string }) {
  return <svg aria-hidden="true" width={0} height={0} className="absolute" dangerouslySetInnerHTML={{ __html: symbols }} />;
}
