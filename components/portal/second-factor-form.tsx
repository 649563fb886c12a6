"use client";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { FIELD_PARSE_PARAMS } from "@/lib/errors/zod-fields";
import { SecondFactorFormSchema, type SecondFactorInput } from "@/lib/users/form-schemas";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { portalRequest } from "./portal-fetch";

/** The second step of signing in: a code from the authenticator app, or a recovery code. */
export function SecondFactorForm({ csrf }: { csrf: string }) {
  const [problem, setProblem] = useState<string | null>(null);
  const { register, handleSubmit, setError, formState } = useForm<SecondFactorInput>({ resolver: zodResolver(SecondFactorFormSchema, FIELD_PARSE_PARAMS) });
  const onSubmit = handleSubmit(async (values) => {
    setProblem(null);
    const answer = await portalRequest<{ next: string }>("/portal/session/second-factor", { csrf, body: values });
    if (answer.ok) return window.location.assign(answer.data.next);
    if (answer.status === 401) return window.location.assign("/portal/sign-in?reason=locked");
    if (answer.fields.code) setError("code", { message: answer.fields.code });
    setProblem(answer.message);
  });
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-label="Second factor">
      {problem ? <Alert tone="error">{problem}</Alert> : null}
      <TextField
        label="Authentication code"
        hint="The 6-digit code from your authenticator app, or one of your recovery codes."
        inputMode="text"
        autoComplete="one-time-code"
        autoFocus
        error={formState.errors.code?.message}
        {...register("code")}
      />
      <Button type="submit" className="w-full" disabled={formState.isSubmitting}>
        {formState.isSubmitting ? "Checking…" : "Continue"}
      </Button>
    </form>
  );
}
