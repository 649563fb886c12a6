import MessageFormat from "@messageformat/core";
import type { HostedLocale } from "./locales";
import { translator, type CompiledMessages, type Translate } from "./messages";
import en from "./messages/en.json";
import es from "./messages/es.json";
import fr from "./messages/fr.json";
import de from "./messages/de.json";

// Every hosted language's catalog, compiled once per process, for the pages
// the server renders. Not marked server-only, because the pages' components
// use it while they render; but those pages ship no script of Next's
// (docs/decisions/006), and the one script they load is built without it
// (scripts/build-island.mjs refuses a build that bundles the compiler).

export const CATALOGS: Record<HostedLocale, Record<string, string>> = { en, es, fr, de };

/** A catalog compiled for its language (plural rules, number formats). */
export function compileCatalog(locale: HostedLocale): CompiledMessages {
  const format = new MessageFormat(locale);
  return Object.fromEntries(Object.entries(CATALOGS[locale]).map(([id, source]) => [id, format.compile(source)]));
}

const compiled = new Map<HostedLocale, Translate>();

/** The page's translate function in `locale`. */
export function translationsFor(locale: HostedLocale): Translate {
  let t = compiled.get(locale);
  if (!t) {
    t = translator(compileCatalog(locale));
    compiled.set(locale, t);
  }
  return t;
}
