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
import { OriginFormSchema, type OriginFormInput } from "@/lib/merchants/form-schemas";

/** The origins allowed to frame the embedded card form: the list, a Remove per origin, and a field to add one. */
export function OriginsEditor({ initial }: { initial: string[] }) {
  const { csrf } = usePortal();
  const router = useRouter();
  const [origins, setOrigins] = useState(initial);
  const [problem, setProblem] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [removing, setRemoving] = useState<string | null>(null);
  const { register, handleSubmit, setError, reset, formState } = useForm<OriginFormInput, unknown, { origin: string }>({
    resolver: zodResolver(OriginFormSchema, FIELD_PARSE_PARAMS),
    defaultValues: { origin: "" },
  });

  const onAdd = handleSubmit(async ({ origin }) => {
    setProblem(null);
    setNotice(null);
    const answer = await portalRequest<{ origins: string[] }>("/portal/api/settings/origins", { csrf, body: { origin } });
    if (!answer.ok) {
      if (answer.fields.origin) setError("origin", { message: answer.fields.origin });
      setProblem(answer.message);
      return;
    }
    setOrigins(answer.data.origins);
    setNotice(`${origin} can now frame the embedded card form.`);
    reset({ origin: "" });
    router.refresh();
  });

  const remove = async (origin: string) => {
    setProblem(null);
    setNotice(null);
    setRemoving(origin);
    const answer = await portalRequest<{ origins: string[] }>("/portal/api/settings/origins", { csrf, method: "DELETE", body: { origin } });
    setRemoving(null);
    if (!answer.ok) return setProblem(answer.message);
    setOrigins(answer.data.origins);
    setNotice(`${origin} was removed: it can no longer frame the embedded card form.`);
    router.refresh();
  };

  return (
    <div className="space-y-4">
      {problem ? <Alert tone="error">{problem}</Alert> : null}
      {notice ? <Alert tone="success">{notice}</Alert> : null}
      {origins.length === 0 ? (
        <p className="rounded-md border border-dashed border-slate-300 px-4 py-6 text-center text-sm text-slate-600">
          No origins yet: no page can frame the embedded card form.
        </p>
      ) : (
        <ul aria-label="Registered origins" className="divide-y divide-slate-200 rounded-md border border-slate-200">
          {origins.map((origin) => (
            <li key={origin} className="flex flex-wrap items-center justify-between gap-2 px-3 py-2">
              <span className="font-mono text-sm break-all text-slate-900">{origin}</span>
              <Button variant="secondary" aria-label={`Remove ${origin}`} disabled={removing !== null} onClick={() => remove(origin)}>
                {removing === origin ? "Removing…" : "Remove"}
              </Button>
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={onAdd} noValidate className="flex flex-wrap items-start gap-2" aria-label="Add an origin">
        <TextField
          label="New origin"
          hint="scheme://host[:port], no path, for example https://shop.example"
          inputMode="url"
          autoComplete="off"
          spellCheck={false}
          className="min-w-60 flex-1"
          error={formState.errors.origin?.message}
          {...register("origin")}
        />
        <Button type="submit" className="mt-12" disabled={formState.isSubmitting}>
          {formState.isSubmitting ? "Adding…" : "Add origin"}
        </Button>
      </form>
    </div>
  );
}
