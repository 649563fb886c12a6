"use client";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { FIELD_PARSE_PARAMS } from "@/lib/errors/zod-fields";
import { AcceptInviteFormSchema, type AcceptInviteInput } from "@/lib/users/form-schemas";
import { SIGN_IN_CSRF } from "@/lib/portal/sign-in-csrf";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { portalRequest } from "../portal-fetch";

/** The invitee chooses a password; then they sign in with it. */
export function AcceptInviteForm({ token, email }: { token: string; email: string }) {
  const [problem, setProblem] = useState<string | null>(null);
  const { register, handleSubmit, setError, formState } = useForm<AcceptInviteInput>({
    resolver: zodResolver(AcceptInviteFormSchema, FIELD_PARSE_PARAMS),
    defaultValues: { token },
  });
  const onSubmit = handleSubmit(async (values) => {
    setProblem(null);
    const answer = await portalRequest<{ next: string }>("/portal/session/invite", { csrf: SIGN_IN_CSRF, body: values });
    if (answer.ok) return window.location.assign(answer.data.next);
    for (const field of ["password", "confirm"] as const) if (answer.fields[field]) setError(field, { message: answer.fields[field] });
    setProblem(answer.message);
  });
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-label="Choose a password">
      {problem ? <Alert tone="error">{problem}</Alert> : null}
      {/* For password managers: the account the new password belongs to. */}
      <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
      <TextField
        label="New password"
        type="password"
        autoComplete="new-password"
        hint="At least 12 characters."
        error={formState.errors.password?.message}
        {...register("password")}
      />
      <TextField label="Repeat the password" type="password" autoComplete="new-password" error={formState.errors.confirm?.message} {...register("confirm")} />
      <Button type="submit" className="w-full" disabled={formState.isSubmitting}>
        Create my account
      </Button>
    </form>
  );
}
