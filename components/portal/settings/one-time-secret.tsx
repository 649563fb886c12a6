"use client";
import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";

/**
 * A secret the vault shows exactly once (an API key, a signing or webhook
 * secret): the value, a copy button, and a plain warning that it will not
 * be shown again. It takes focus when it appears so a screen reader user
 * hears it.
 */
export function OneTimeSecret({ title, value, children, testId }: { title: string; value: string; children?: React.ReactNode; testId?: string }) {
  const [copied, setCopied] = useState<"yes" | "failed" | null>(null);
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => box.current?.focus(), []);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied("yes");
    } catch {
      setCopied("failed");
    }
  };
  return (
    <div
      ref={box}
      tabIndex={-1}
      role="region"
      aria-label={title}
      className="space-y-3 rounded-md border border-amber-300 bg-amber-50 p-4 focus:outline-2 focus:outline-blue-700"
    >
      <p className="text-sm font-semibold text-amber-950">{title}</p>
      <p className="text-sm text-amber-950">
        <strong>Copy it now: you won’t see it again.</strong> The vault keeps only what it needs to check it, so it cannot show it to you later.
      </p>
      {children}
      <div className="flex flex-wrap items-center gap-2">
        <code data-testid={testId} className="min-w-0 flex-1 rounded bg-white px-2 py-1.5 font-mono text-sm break-all text-slate-900 ring-1 ring-amber-300">
          {value}
        </code>
        <Button variant="secondary" onClick={copy}>
          Copy
        </Button>
      </div>
      <p role="status" className="text-sm text-amber-950">
        {copied === "yes" ? "Copied to the clipboard." : copied === "failed" ? "The browser refused to copy: select the text and copy it yourself." : ""}
      </p>
    </div>
  );
}
