"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { FIELD_PARSE_PARAMS } from "@/lib/errors/zod-fields";
import { InviteUserFormSchema, type InviteUserInput } from "@/lib/users/form-schemas";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { CopyField } from "../copy-field";
import { usePortal } from "../portal-context";
import { portalRequest } from "../portal-fetch";
import { RoleSelect } from "./role-select";

/** Invite by email and role; the one-time link appears to copy and pass on (the vault sends no mail). */
export function InviteForm() {
  const { csrf } = usePortal();
  const router = useRouter();
  const [problem, setProblem] = useState<string | null>(null);
  const [invited, setInvited] = useState<{ email: string; link: string } | null>(null);
  const { register, handleSubmit, setError, reset, formState } = useForm<InviteUserInput>({
    resolver: zodResolver(InviteUserFormSchema, FIELD_PARSE_PARAMS),
    defaultValues: { role: "staff" },
  });
  const onSubmit = handleSubmit(async (values) => {
    setProblem(null);
    const answer = await portalRequest<{ email: string; link: string }>("/portal/api/users/invites", { csrf, body: values });
    if (!answer.ok) {
      if (answer.fields.email) setError("email", { message: answer.fields.email });
      return setProblem(answer.message);
    }
    setInvited(answer.data);
    reset({ email: "", role: values.role });
    router.refresh();
  });
  return (
    <div className="space-y-4">
      <form onSubmit={onSubmit} noValidate className="grid gap-4 sm:grid-cols-[1fr_12rem_auto] sm:items-end" aria-label="Invite a user">
        <TextField label="Email" type="email" autoComplete="off" error={formState.errors.email?.message} {...register("email")} />
        <RoleSelect label="Role" {...register("role")} />
        <Button type="submit" disabled={formState.isSubmitting}>
          Create invitation
        </Button>
      </form>
      {problem ? <Alert tone="error">{problem}</Alert> : null}
      {invited ? (
        <div className="space-y-2">
          <Alert tone="success">Invitation for {invited.email} created. Send them this link; it works once, for 7 days, and is not shown again.</Alert>
          <CopyField label="Invitation link" value={invited.link} />
        </div>
      ) : null}
    </div>
  );
}
