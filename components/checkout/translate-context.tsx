import { createContext, useContext, type ReactNode } from "react";
import type { Translate } from "@/lib/i18n/messages";

// The page's language for the hosted pages' components: the server renders
// with its compiled catalogs (lib/i18n/translations.ts), the page's script
// with the one catalog built into it; both say the same words, so the
// script takes over the server's markup as it is.

const TranslateContext = createContext<Translate>((key) => key);

export function TranslateProvider({ t, children }: { t: Translate; children: ReactNode }) {
  return <TranslateContext.Provider value={t}>{children}</TranslateContext.Provider>;
}

export function useTranslate(): Translate {
  return useContext(TranslateContext);
}
