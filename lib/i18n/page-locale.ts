import "#server-only";
import Negotiator from "negotiator";
import { DEFAULT_LOCALE, HOSTED_LOCALES, isHostedLocale, type HostedLocale } from "./locales";

/**
 * The language a hosted page speaks: the link's own (preferences.locale)
 * when it has one, else the first of the browser's Accept-Language that the
 * pages speak ("de-AT" is German), else English.
 */
export function pageLocale(acceptLanguage: string | string[] | undefined, linkLocale?: string | null): HostedLocale {
  if (linkLocale && isHostedLocale(linkLocale)) return linkLocale;
  const [best] = new Negotiator({ headers: { "accept-language": acceptLanguage } }).languages([...HOSTED_LOCALES]);
  return best && isHostedLocale(best) ? best : DEFAULT_LOCALE;
}
