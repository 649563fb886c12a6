"use client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

// A page that failed on the server: say so plainly, offer a retry, and show
// the digest the server logged with the error (never its message: it could
// hold internals).
export default function PortalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold text-slate-900">Something went wrong</h1>
      <Alert tone="error">
        This page could not be loaded. Try again; if it keeps failing, give your administrator this reference:{" "}
        <code className="font-mono">{error.digest ?? "none"}</code>
      </Alert>
      <Button onClick={reset}>Try again</Button>
    </div>
  );
}
