"use client";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { portalRequest } from "./portal-fetch";

type Props = { csrf: string; pending: string; secret: string; qrDataUrl: string; doneHref: string };

/**
 * Enrolling an authenticator app: scan the QR code (or type the secret),
 * prove it with a code, then keep the ten recovery codes, shown only here.
 */
export function TotpEnrolment({ csrf, pending, secret, qrDataUrl, doneHref }: Props) {
  const [code, setCode] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);

  if (recoveryCodes) {
    return (
      <div className="space-y-4">
        <Alert tone="success">Your authenticator app is set up. You will be asked for a code each time you sign in.</Alert>
        <div>
          <h2 className="text-base font-semibold text-slate-900">Recovery codes</h2>
          <p className="mt-1 text-sm text-slate-700">
            Each code signs you in once if you lose your phone. Store them somewhere safe now: they are not shown again.
          </p>
          <ul aria-label="Recovery codes" className="mt-3 grid grid-cols-2 gap-2 rounded-md bg-slate-100 p-3 font-mono text-sm text-slate-900">
            {recoveryCodes.map((c) => (
              <li key={c}>{c}</li>
            ))}
          </ul>
        </div>
        <a
          href={doneHref}
          className="inline-block rounded-md bg-blue-700 px-3.5 py-2 text-sm font-medium text-white hover:bg-blue-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-700"
        >
          I have saved my recovery codes
        </a>
      </div>
    );
  }

  const confirm = async (event: React.FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const answer = await portalRequest<{ recoveryCodes: string[] }>("/portal/api/security/totp", { csrf, body: { pending, code } });
    setBusy(false);
    if (answer.ok) return setRecoveryCodes(answer.data.recoveryCodes);
    setError(answer.fields.code ?? answer.message);
  };

  return (
    <form onSubmit={confirm} noValidate className="space-y-4" aria-label="Set up an authenticator app">
      <ol className="list-decimal space-y-2 pl-5 text-sm text-slate-700">
        <li>Open your authenticator app (Google Authenticator, 1Password, Authy…) and scan this code.</li>
        <li>Type the 6-digit code the app shows.</li>
      </ol>
      <img src={qrDataUrl} alt="QR code for your authenticator app" width={192} height={192} className="rounded-md border border-slate-200" />
      <p className="text-sm text-slate-700">
        Cannot scan? Enter this key by hand:{" "}
        <code className="font-mono break-all text-slate-900" data-testid="totp-secret">
          {secret}
        </code>
      </p>
      <TextField
        label="Code from your app"
        name="code"
        inputMode="numeric"
        autoComplete="one-time-code"
        value={code}
        onChange={(e) => setCode(e.target.value)}
        error={error ?? undefined}
      />
      <Button type="submit" disabled={busy}>
        {busy ? "Checking…" : "Turn on the second factor"}
      </Button>
    </form>
  );
}
