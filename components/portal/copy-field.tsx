"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";

/** A value shown once (a link, a key) with a Copy button; the text stays selectable if the clipboard is unavailable. */
export function CopyField({ label, value }: { label: string; value: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <div>
      <p className="text-sm font-medium text-slate-800">{label}</p>
      <div className="mt-1 flex flex-wrap items-center gap-2">
        <code className="min-w-0 flex-1 rounded-md bg-slate-100 px-3 py-2 font-mono text-sm break-all text-slate-900" data-testid="copy-value">
          {value}
        </code>
        <Button
          variant="secondary"
          onClick={async () => {
            try {
              await navigator.clipboard.writeText(value);
              setCopied(true);
            } catch {
              setCopied(false);
            }
          }}
        >
          {copied ? "Copied" : "Copy"}
        </Button>
      </div>
      <p className="sr-only" role="status">
        {copied ? "Copied to the clipboard" : ""}
      </p>
    </div>
  );
}
