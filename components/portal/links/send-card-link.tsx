"use client";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { CopyField } from "../copy-field";
import { usePortal } from "../portal-context";
import { portalRequest } from "../portal-fetch";
import { ExpirySelect } from "./expiry-select";
import { LanguageSelect } from "./language-select";

/**
 * "Send card link" on a customer's page: a card-capture link for this
 * customer, made through the Links page's route (POST /portal/api/links, the
 * API's own schema and function), shown to copy. The vault sends no mail:
 * staff pass the link on themselves.
 */
export function SendCardLink({ customerId }: { customerId: string }) {
  const { csrf } = usePortal();
  const router = useRouter();
  const id = useId();
  const [expiry, setExpiry] = useState("86400");
  const [locale, setLocale] = useState("");
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [link, setLink] = useState<string | null>(null);
  const send = async () => {
    setBusy(true);
    setProblem(null);
    setLink(null);
    const answer = await portalRequest<{ checkout_link: string }>("/portal/api/links", {
      csrf,
      body: { customer_id: customerId, preferences: { expire_in_secs: Number(expiry), ...(locale ? { locale } : {}) } },
    });
    setBusy(false);
    if (!answer.ok) return setProblem(answer.message);
    setLink(answer.data.checkout_link);
    // The history below lists the new link.
    router.refresh();
  };
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-end gap-3">
        <ExpirySelect id={`${id}-expiry`} value={expiry} onChange={(event) => setExpiry(event.target.value)} />
        <LanguageSelect id={`${id}-locale`} value={locale} onChange={(event) => setLocale(event.target.value)} />
        <Button onClick={send} disabled={busy}>
          {busy ? "Creating…" : "Send card link"}
        </Button>
      </div>
      <Alert tone="error">{problem}</Alert>
      <Alert tone="success">
        {link ? "Card link created. Copy it and send it to your customer: it opens your branded card page, and the card lands here." : null}
      </Alert>
      {link ? <CopyField label="Card link" value={link} /> : null}
    </div>
  );
}
