"use client";
import { useLayoutEffect, useRef } from "react";

/**
 * A square of colour. The page's CSP refuses inline style attributes, so the
 * colour is set through the CSSOM once the element exists.
 */
export function ColorSwatch({ color, label }: { color: string; label: string }) {
  const ref = useRef<HTMLSpanElement>(null);
  useLayoutEffect(() => {
    ref.current?.style.setProperty("background-color", color);
  }, [color]);
  return <span ref={ref} role="img" aria-label={label} className="inline-block size-6 shrink-0 rounded border border-slate-400 align-middle" />;
}
