import type { ComponentPropsWithRef } from "react";
import { HOSTED_LOCALES } from "@/lib/i18n/locales";

const languageName = new Intl.DisplayNames(["en"], { type: "language" });

/**
 * "Page language": the link's preferences.locale, for the Links page's form
 * and a customer's Send card link. Empty (the default) sends none: the page
 * then speaks the customer's browser's language (decision 021).
 */
export function LanguageSelect({ id, ...select }: { id: string } & ComponentPropsWithRef<"select">) {
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        Page language
      </label>
      <select id={id} className="mt-1 block rounded-md border border-slate-400 bg-white px-3 py-2 text-sm text-slate-900" {...select}>
        <option value="">The customer&apos;s browser&apos;s</option>
        {HOSTED_LOCALES.map((locale) => (
          <option key={locale} value={locale}>
            {languageName.of(locale)}
          </option>
        ))}
      </select>
    </div>
  );
}
