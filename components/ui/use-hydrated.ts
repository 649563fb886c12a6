"use client";
import { useSyncExternalStore } from "react";

const noSubscription = () => () => {};

/**
 * False in the server's HTML and until React has hydrated the page, then
 * true. A portal button does nothing before its handler is attached, and a
 * form's submit button that works too early submits the form natively (a GET
 * with every field, the password included, in the URL): such buttons stay
 * disabled until then.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
}
