"use client";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { usePortal } from "@/components/portal/portal-context";
import { portalRequest } from "@/components/portal/portal-fetch";
import type { ConnectionTest } from "@/lib/payments/test-gateway-connection";

/** "Test connection": a verify of 0 on a test card through the saved gateway, and what came of it. */
export function GatewayConnectionTest() {
  const { csrf } = usePortal();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ConnectionTest | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const run = async () => {
    setBusy(true);
    setResult(null);
    setProblem(null);
    const answer = await portalRequest<ConnectionTest>("/portal/api/settings/gateway/test", { csrf });
    setBusy(false);
    if (answer.ok) setResult(answer.data);
    else setProblem(answer.message);
  };
  return (
    <div className="space-y-3">
      <p className="text-sm text-slate-700">
        Verifies a public test card for 0 through the saved gateway. It is recorded like any verify: a transaction marked “portal connection test” and an audit
        entry.
      </p>
      <Button variant="secondary" onClick={run} disabled={busy}>
        {busy ? "Testing…" : "Test connection"}
      </Button>
      {problem ? <Alert tone="error">{problem}</Alert> : null}
      {result ? <Outcome result={result} /> : null}
    </div>
  );
}

function Outcome({ result }: { result: ConnectionTest }) {
  const reference = <span className="block text-xs opacity-80">Transaction {result.pgId}</span>;
  if (result.outcome === "approved") {
    return (
      <Alert tone="success">
        Connected: the gateway approved the verify{result.authCode ? ` (auth code ${result.authCode})` : ""}. {reference}
      </Alert>
    );
  }
  if (result.outcome === "declined") {
    return (
      <Alert tone="info">
        The gateway answered but declined the test card: {result.rmsg} (rcode {result.rcode}). The connection works; check with the gateway why it declines.{" "}
        {reference}
      </Alert>
    );
  }
  return (
    <Alert tone="error">
      Not reachable: {result.reason}. Check the URL, the merchant ID and the security key. The outcome is unknown, so the verify is kept for reconciling.{" "}
      {reference}
    </Alert>
  );
}
