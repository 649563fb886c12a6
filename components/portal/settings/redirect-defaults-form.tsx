"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { FIELD_PARSE_PARAMS } from "@/lib/errors/zod-fields";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { usePortal } from "@/components/portal/portal-context";
import { portalRequest } from "@/components/portal/portal-fetch";
import { RedirectDefaultsFormSchema, type RedirectDefaultsInput } from "@/lib/merchants/form-schemas";

type Values = { successUrl: string; failureUrl: string };
type Parsed = { successUrl: string | null; failureUrl: string | null };

/** The success and failure URLs a link gets when the request that made it names none. */
export function RedirectDefaultsForm({ initial }: { initial: { successUrl: string | null; failureUrl: string | null } }) {
  const { csrf } = usePortal();
  const router = useRouter();
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const { register, handleSubmit, setError, formState } = useForm<Values, unknown, Parsed>({
    resolver: zodResolver(RedirectDefaultsFormSchema, FIELD_PARSE_PARAMS),
    defaultValues: { successUrl: initial.successUrl ?? "", failureUrl: initial.failureUrl ?? "" },
  });
  const onSubmit = handleSubmit(async (parsed) => {
    setProblem(null);
    setSaved(false);
    const body: RedirectDefaultsInput = { successUrl: parsed.successUrl ?? "", failureUrl: parsed.failureUrl ?? "" };
    const answer = await portalRequest("/portal/api/settings/redirect-defaults", { csrf, method: "PUT", body });
    if (!answer.ok) {
      for (const field of ["successUrl", "failureUrl"] as const) if (answer.fields[field]) setError(field, { message: answer.fields[field] });
      setProblem(answer.message);
      return;
    }
    setSaved(true);
    router.refresh();
  });
  const message = (field: keyof Values) => {
    const text = formState.errors[field]?.message;
    // The browser's schema and the server say the same "must be …" words; the sentence is made here once.
    return text ? `This URL ${text}` : undefined;
  };
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-label="Default redirect URLs">
      {problem ? <Alert tone="error">{problem}</Alert> : null}
      {saved ? <Alert tone="success">Default URLs saved. Links created from now on without their own URLs use them.</Alert> : null}
      <TextField
        label="Default success URL"
        hint="Where the customer goes after saving a card, when the link names no success_url. Leave empty for none."
        type="url"
        inputMode="url"
        placeholder="https://shop.example/card-saved"
        error={message("successUrl")}
        {...register("successUrl")}
      />
      <TextField
        label="Default failure URL"
        hint="Where the customer goes when a link cannot be used (expired, spent, locked), when the link names no failure_url."
        type="url"
        inputMode="url"
        placeholder="https://shop.example/card-not-saved"
        error={message("failureUrl")}
        {...register("failureUrl")}
      />
      <p className="text-sm text-slate-600">
        https only (http is allowed for localhost). The vault adds checkout_id, customer_id, card_id, timestamp and signature, so the URL must not carry them.
      </p>
      <Button type="submit" disabled={formState.isSubmitting}>
        {formState.isSubmitting ? "Saving…" : "Save default URLs"}
      </Button>
    </form>
  );
}
