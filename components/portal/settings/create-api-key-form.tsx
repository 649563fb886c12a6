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
import { ApiKeyFormSchema, type ApiKeyFormInput } from "@/lib/merchants/form-schemas";
import { OneTimeSecret } from "./one-time-secret";

type Created = { id: number; prefix: string; label: string; key: string };

/** A label, "Create API key", then the key itself, shown this once. */
export function CreateApiKeyForm() {
  const { csrf } = usePortal();
  const router = useRouter();
  const [problem, setProblem] = useState<string | null>(null);
  const [created, setCreated] = useState<Created | null>(null);
  const { register, handleSubmit, setError, reset, formState } = useForm<ApiKeyFormInput>({
    resolver: zodResolver(ApiKeyFormSchema, FIELD_PARSE_PARAMS),
    defaultValues: { label: "" },
  });
  const onSubmit = handleSubmit(async (values) => {
    setProblem(null);
    setCreated(null);
    const answer = await portalRequest<Created>("/portal/api/settings/api-keys", { csrf, body: values });
    if (!answer.ok) {
      if (answer.fields.label) setError("label", { message: answer.fields.label });
      setProblem(answer.message);
      return;
    }
    setCreated(answer.data);
    reset({ label: "" });
    router.refresh();
  });
  return (
    <div className="space-y-4">
      {created ? (
        <OneTimeSecret title={`New API key “${created.label}”`} value={created.key} testId="new-api-key">
          <p className="text-sm text-amber-950">Use it as the HTTP Basic user name (or password) for the Platform API. It works at once.</p>
        </OneTimeSecret>
      ) : null}
      <form onSubmit={onSubmit} noValidate className="flex flex-wrap items-start gap-2" aria-label="Create an API key">
        {problem ? (
          <div className="w-full">
            <Alert tone="error">{problem}</Alert>
          </div>
        ) : null}
        <TextField
          label="Label"
          hint="What the key is for, so you can tell keys apart later."
          autoComplete="off"
          className="min-w-60 flex-1"
          error={formState.errors.label?.message}
          {...register("label")}
        />
        <Button type="submit" className="mt-12" disabled={formState.isSubmitting}>
          {formState.isSubmitting ? "Creating…" : "Create API key"}
        </Button>
      </form>
    </div>
  );
}
