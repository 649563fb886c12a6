"use client";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { FIELD_PARSE_PARAMS } from "@/lib/errors/zod-fields";
import { SignInFormSchema, type SignInInput } from "@/lib/users/form-schemas";
import { SIGN_IN_CSRF } from "@/lib/portal/sign-in-csrf";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { portalRequest } from "./portal-fetch";

/** Email and password: the first step of signing in to the portal. */
export function SignInForm() {
  const [problem, setProblem] = useState<string | null>(null);
  const { register, handleSubmit, setError, formState } = useForm<SignInInput>({ resolver: zodResolver(SignInFormSchema, FIELD_PARSE_PARAMS) });
  const onSubmit = handleSubmit(async (values) => {
    setProblem(null);
    const answer = await portalRequest<{ next: string }>("/portal/session", { csrf: SIGN_IN_CSRF, body: values });
    if (answer.ok) return window.location.assign(answer.data.next);
    for (const [field, message] of Object.entries(answer.fields)) {
      if (field === "email" || field === "password") setError(field, { message });
    }
    setProblem(answer.message);
  });
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-label="Sign in">
      {problem ? <Alert tone="error">{problem}</Alert> : null}
      <TextField label="Email" type="email" autoComplete="username" error={formState.errors.email?.message} {...register("email")} />
      <TextField label="Password" type="password" autoComplete="current-password" error={formState.errors.password?.message} {...register("password")} />
      <Button type="submit" className="w-full" disabled={formState.isSubmitting}>
        {formState.isSubmitting ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}
