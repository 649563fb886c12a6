// The languages the hosted pages speak. English is the fallback for a
// browser that asks for none of them.
export const HOSTED_LOCALES = ["en", "es", "fr", "de"] as const;
export type HostedLocale = (typeof HOSTED_LOCALES)[number];
export const DEFAULT_LOCALE: HostedLocale = "en";

export function isHostedLocale(value: string): value is HostedLocale {
  return (HOSTED_LOCALES as readonly string[]).includes(value);
}
