import { describe, expect, it } from "vitest";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { parse, type Token } from "@messageformat/parser";
import { CATALOGS, compileCatalog, translationsFor } from "./translations";
import { HOSTED_LOCALES } from "./locales";
import { messageKey, type MessageKey } from "./messages";
import { pageLocale } from "./page-locale";
import { FORM_MESSAGE_PREFIXES } from "./form-messages.mjs";

const english = CATALOGS.en;
const ids = Object.keys(english).sort();

/** A message's arguments ({amount}, {count, plural, …}) and, for select and plural, their cases. */
function argumentsOf(source: string): string[] {
  const found = new Set<string>();
  const walk = (tokens: Token[]) => {
    for (const token of tokens) {
      if (token.type === "argument" || token.type === "function") found.add(token.arg);
      if (token.type === "select" || token.type === "plural" || token.type === "selectordinal") {
        found.add(`${token.arg}:${token.type}`);
        for (const c of token.cases) walk(c.tokens);
      }
    }
  };
  walk(parse(source));
  return [...found].sort();
}

describe("the hosted pages' message catalogs", () => {
  it("are one per language the pages speak", () => {
    const files = readdirSync(join(import.meta.dirname, "messages")).map((name) => name.replace(/\.json$/, ""));
    expect(files.sort()).toEqual([...HOSTED_LOCALES].sort());
  });

  it.each(HOSTED_LOCALES.filter((l) => l !== "en"))("%s has every message English has, and no other", (locale) => {
    const catalog = CATALOGS[locale];
    expect(
      ids.filter((id) => !(id in catalog)),
      "missing",
    ).toEqual([]);
    expect(
      Object.keys(catalog).filter((id) => !(id in english)),
      "not in English",
    ).toEqual([]);
  });

  it.each(HOSTED_LOCALES.filter((l) => l !== "en"))("%s's messages take the same values as English's, and none is left in English", (locale) => {
    const catalog = CATALOGS[locale];
    for (const id of ids) {
      expect(argumentsOf(catalog[id] ?? ""), `${locale} ${id}`).toEqual(argumentsOf(english[id] ?? ""));
      // Only a message that is nothing but a value, a brand-free abbreviation or a word both languages share may read the same.
      if (!["field.optional", "hint.exp_date"].includes(id) && catalog[id] === english[id]) expect.fail(`${locale} ${id} is English`);
    }
  });

  it.each(HOSTED_LOCALES)("%s compiles, and every message says something with its values", (locale) => {
    const compiled = compileCatalog(locale);
    const values = {
      amount: "9,99 €",
      merchant: "Laden",
      shop: "Laden",
      brand: "Visa",
      lastFour: "4242",
      label: "Ort",
      kind: "zip",
      digits: 4,
      count: 2,
      max: 64,
      minutes: 3,
    };
    for (const id of ids) expect(compiled[id]?.(values), `${locale} ${id}`).not.toMatch(/^\s*$|undefined|\{/);
  });
});

describe("translating", () => {
  it("fills in values, plural forms and selects in the page's language", () => {
    const en = translationsFor("en");
    const de = translationsFor("de");
    expect(en("form.check_fields", { count: 1 })).toBe("Please check the field marked below.");
    expect(en("form.check_fields", { count: 3 })).toBe("Please check the 3 fields marked below.");
    expect(de("form.check_fields", { count: 3 })).toBe("Bitte prüfen Sie die 3 markierten Felder.");
    expect(en("field.billing_zip", { kind: "postcode" })).toBe("Postcode");
    expect(translationsFor("fr")("form.throttled", { minutes: 1 })).toBe("Trop de tentatives échouées depuis votre réseau. Réessayez dans 1 minute.");
  });

  it("reads a message key with its values, as the form's schema and state carry them", () => {
    expect(translationsFor("es")(messageKey("error.too_long", { max: 64 }))).toBe("Use como máximo 64 caracteres");
    expect(translationsFor("en")(messageKey("vault.form"))).toBe("Check your card details");
  });

  it("shows a key that names no message as it is, values and all, rather than failing the page", () => {
    const t = translationsFor("de");
    expect(t("Invalid input: expected string" as MessageKey)).toBe("Invalid input: expected string");
    expect(t('no.such.message {"max":3}' as MessageKey)).toBe('no.such.message {"max":3}');
  });
});

describe("the page's language", () => {
  it("follows the browser's Accept-Language, by its first language the pages speak", () => {
    expect(pageLocale("de-AT,de;q=0.9,en;q=0.8")).toBe("de");
    expect(pageLocale("pt-BR,es;q=0.7,en;q=0.5")).toBe("es");
    expect(pageLocale("en;q=0.5,fr-CA;q=0.9")).toBe("fr");
  });

  it("is English for a browser that asks for none of them, or for nothing", () => {
    expect(pageLocale("pt-BR,ja;q=0.8")).toBe("en");
    expect(pageLocale(undefined)).toBe("en");
    expect(pageLocale("")).toBe("en");
  });

  it("is the link's own language when it has one, whatever the browser asks for", () => {
    expect(pageLocale("de-DE,de;q=0.9", "es")).toBe("es");
    expect(pageLocale(undefined, "fr")).toBe("fr");
    expect(pageLocale("de", null)).toBe("de");
  });
});

describe("the card form's messages", () => {
  // The page's script carries only the form's messages (scripts/build-island.mjs): a message the form says must be one of them.
  const FORM_CODE = ["components/checkout/card-form.tsx", "lib/checkout/form-schemas.ts", "lib/checkout/submit-card-form.ts", "lib/payments/decline-words.ts"];
  it.each(FORM_CODE)("%s says only messages the script carries", (file) => {
    const source = readFileSync(join(import.meta.dirname, "..", "..", file), "utf8");
    const quoted = [...source.matchAll(/["`]([a-z_]+\.[a-z_.]+)/g)].map((m) => m[1] as string);
    const said = quoted.filter((text) => ids.some((id) => id === text || id.startsWith(text)));
    expect(said.length).toBeGreaterThan(0);
    expect(said.filter((id) => !FORM_MESSAGE_PREFIXES.some((prefix) => id.startsWith(prefix)))).toEqual([]);
  });
});
