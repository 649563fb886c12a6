"use client";
import { useLayoutEffect, useRef } from "react";
import { HostedBrandHeader } from "@/components/checkout/hosted-brand-header";
import type { Branding } from "@/lib/merchants/branding";
import type { HostedBrandColors } from "@/lib/merchants/brand-color";

// The hosted page as a customer will see it, in miniature: the same header
// component (logo, name), the page's title and fields as drawn by
// components/checkout/card-form.tsx, and its "Save card" button in the
// colours the light page will really use (lib/merchants/brand-color.ts:
// the merchant's colour with white or near-black text, or its darker shade).
// The colours go in through the CSSOM: inline style attributes are refused
// by the portal's CSP. It is a picture, not a form: nothing in it takes focus.

const FIELDS = ["Card number", "Expiry date", "Security code", "ZIP code"];

export function HostedPagePreview({ branding, colors }: { branding: Branding; colors: HostedBrandColors }) {
  const frame = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    // The theme colours the hosted page's button reads (styles/globals.css).
    frame.current?.style.setProperty("--color-brand", colors.onLight);
    frame.current?.style.setProperty("--color-brand-fill", colors.fill);
    frame.current?.style.setProperty("--color-on-brand", colors.onFill);
  }, [colors.onLight, colors.fill, colors.onFill]);
  return (
    <figure className="m-0">
      <div ref={frame} data-testid="hosted-preview" className="overflow-hidden rounded-lg border border-slate-300 bg-white shadow-sm">
        <div className="flex items-center gap-1.5 border-b border-slate-200 bg-slate-50 px-3 py-2" aria-hidden="true">
          <span className="size-2.5 rounded-full bg-slate-300" />
          <span className="size-2.5 rounded-full bg-slate-300" />
          <span className="size-2.5 rounded-full bg-slate-300" />
          <span className="ml-2 truncate text-xs text-slate-600">Add your card · {branding.displayName}</span>
        </div>
        <div className="px-5 pt-4 pb-6 font-sans leading-normal text-gray-900">
          <HostedBrandHeader branding={branding} />
          <p className="my-3 text-xl font-bold">Add your card</p>
          <div className="grid gap-3" aria-hidden="true">
            {FIELDS.map((label) => (
              <div key={label} className="grid gap-1">
                <span className="text-sm font-medium">{label}</span>
                <span className="block h-9 rounded-md border border-gray-500 bg-white" />
              </div>
            ))}
          </div>
          <span
            data-testid="hosted-preview-button"
            className="mt-4 inline-flex min-h-11 items-center rounded-md bg-brand-fill px-4 py-2 font-semibold text-on-brand"
          >
            Save card
          </span>
        </div>
      </div>
      <figcaption className="mt-2 text-xs text-slate-600">Preview: the hosted card page with these settings. It updates as you type.</figcaption>
    </figure>
  );
}
