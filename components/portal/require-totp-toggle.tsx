"use client";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { usePortal } from "./portal-context";
import { portalRequest } from "./portal-fetch";

/** The owner's switch: every user of the merchant must use a second factor. */
export function RequireTotpToggle({ initial }: { initial: boolean }) {
  const { csrf } = usePortal();
  const [required, setRequired] = useState(initial);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const flip = async () => {
    setBusy(true);
    setProblem(null);
    const answer = await portalRequest<{ requireTotp: boolean }>("/portal/api/security/require-totp", { csrf, body: { requireTotp: !required } });
    setBusy(false);
    if (answer.ok) setRequired(answer.data.requireTotp);
    else setProblem(answer.message);
  };
  return (
    <div className="space-y-3">
      <p className="text-sm text-slate-700" role="status">
        {required ? "A second factor is required: users without one set it up at their next sign-in." : "A second factor is optional: each user chooses."}
      </p>
      {problem ? <Alert tone="error">{problem}</Alert> : null}
      <Button variant={required ? "secondary" : "primary"} onClick={flip} disabled={busy}>
        {required ? "Stop requiring a second factor" : "Require a second factor for everyone"}
      </Button>
    </div>
  );
}
