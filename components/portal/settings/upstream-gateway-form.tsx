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
import { isValidationFailure, portalRequest } from "@/components/portal/portal-fetch";
import { UpstreamGatewayFormSchema, type UpstreamGatewayFormInput } from "@/lib/gateway/form-schemas";

const FIELDS = { upstreamUrl: "The upstream URL", upstreamMerchantId: "The upstream merchant ID", securityKey: "The security key" } as const;
type Field = keyof typeof FIELDS;

/**
 * The upstream gateway's URL, merchant id and security key; saving switches
 * the merchant's transactions to it. The key is never shown: with one set,
 * an empty field keeps it.
 */
export function UpstreamGatewayForm({ initial }: { initial: { upstreamUrl: string; upstreamMerchantId: string; securityKeySet: boolean } }) {
  const { csrf } = usePortal();
  const router = useRouter();
  const [problem, setProblem] = useState<string | null>(null);
  /** The URL just saved: its message shows while the page shows that gateway (not after a switch to the sandbox). */
  const [saved, setSaved] = useState<string | null>(null);
  const { register, handleSubmit, setError, resetField, formState } = useForm<UpstreamGatewayFormInput, unknown, UpstreamGatewayFormInput>({
    resolver: zodResolver(UpstreamGatewayFormSchema, FIELD_PARSE_PARAMS),
    defaultValues: { connector: "upstream", upstreamUrl: initial.upstreamUrl, upstreamMerchantId: initial.upstreamMerchantId, securityKey: "" },
  });
  const onSubmit = handleSubmit(async (values) => {
    setProblem(null);
    setSaved(null);
    const answer = await portalRequest<{ upstreamUrl: string }>("/portal/api/settings/gateway", { csrf, method: "PUT", body: values });
    if (!answer.ok) {
      for (const field of Object.keys(FIELDS) as Field[]) if (answer.fields[field]) setError(field, { message: answer.fields[field] });
      // The lib's refusal ("Gateway settings refused") is the CLI's words; here the fields say what is wrong.
      setProblem(isValidationFailure(answer) ? "Please correct the highlighted fields." : answer.message);
      return;
    }
    setSaved(answer.data.upstreamUrl);
    resetField("securityKey", { defaultValue: "" });
    router.refresh();
  });
  // The schema's "must be …" words, the same from the browser and the server, made into a sentence here once.
  const error = (field: Field) => {
    const text = formState.errors[field]?.message;
    return text ? `${FIELDS[field]} ${text}` : undefined;
  };
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-label="Upstream gateway">
      {problem ? <Alert tone="error">{problem}</Alert> : null}
      {saved !== null && saved === initial.upstreamUrl ? (
        <Alert tone="success">Saved: transactions now go to {saved}. Test the connection to check it answers.</Alert>
      ) : null}
      <TextField
        label="Upstream URL"
        hint="The base of the upstream’s PG API; the vault adds /sale, /verify and the rest. https (http only for localhost)."
        type="url"
        inputMode="url"
        placeholder="https://api.gateway.example/pg"
        autoComplete="off"
        error={error("upstreamUrl")}
        {...register("upstreamUrl")}
      />
      <TextField
        label="Upstream merchant ID"
        hint="Your merchant ID at the upstream gateway: up to 16 digits."
        inputMode="numeric"
        autoComplete="off"
        error={error("upstreamMerchantId")}
        {...register("upstreamMerchantId")}
      />
      <TextField
        label="Security key"
        hint={
          initial.securityKeySet
            ? "A key is set; it is never shown. Leave this empty to keep it, or enter a new one to replace it."
            : "Your API security key at the upstream gateway. It is stored sealed and never shown again."
        }
        type="password"
        autoComplete="new-password"
        spellCheck={false}
        error={error("securityKey")}
        {...register("securityKey")}
      />
      <Button type="submit" disabled={formState.isSubmitting}>
        {formState.isSubmitting ? "Saving…" : "Save and use this gateway"}
      </Button>
    </form>
  );
}
