"use client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

/** Something failed while reading customers: say so, and offer to try again. */
export default function CustomersError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold text-slate-900">Customers</h1>
      <Alert tone="error">The customers could not be loaded. Try again; if it keeps failing, quote reference {error.digest ?? "unknown"} to support.</Alert>
      <Button variant="secondary" onClick={reset}>
        Try again
      </Button>
    </div>
  );
}
