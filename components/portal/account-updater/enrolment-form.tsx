"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useForm, type Resolver } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { FIELD_PARSE_PARAMS } from "@/lib/errors/zod-fields";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { TextField } from "@/components/ui/text-field";
import { EnrolmentFormSchema, type EnrolmentFormInput, type EnrolmentFormValues } from "@/lib/account-updater/form-schemas";
import { MAX_HARVEST_DAY } from "@/lib/account-updater/harvest-day";
import { fieldMessage } from "../customers/format";
import { usePortal } from "../portal-context";
import { isValidationFailure, portalRequest } from "../portal-fetch";

type Enrolment = { enrolled: boolean; harvestDay: number };

const URL = "/portal/api/account-updater/enrolment";

/**
 * Enrol the merchant with a harvest day, change the day, or unenrol (after a
 * confirmation: its cards then stop being sent). The day is checked with the
 * route's own schema before it is sent.
 */
export function EnrolmentForm({ enrolment }: { enrolment: Enrolment }) {
  const { csrf } = usePortal();
  const router = useRouter();
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const { register, handleSubmit, setError, formState, getValues } = useForm<EnrolmentFormValues, unknown, EnrolmentFormInput>({
    resolver: zodResolver(EnrolmentFormSchema, FIELD_PARSE_PARAMS) as unknown as Resolver<EnrolmentFormValues, unknown, EnrolmentFormInput>,
    defaultValues: { enrolled: true, harvest_day: String(enrolment.harvestDay) },
  });

  const onSubmit = handleSubmit(
    async () => {
      setProblem(null);
      setSaved(null);
      // The route parses the form's own values with the same schema.
      const answer = await portalRequest<{ harvest_day: number }>(URL, { csrf, body: getValues() });
      if (!answer.ok) {
        if (answer.fields.harvest_day) setError("harvest_day", { message: answer.fields.harvest_day });
        setProblem(isValidationFailure(answer) ? "Please correct the highlighted fields." : answer.message);
        return;
      }
      setSaved(`${enrolment.enrolled ? "Saved" : "Enrolled"}: the monthly harvest runs on day ${answer.data.harvest_day} of each month.`);
      router.refresh();
    },
    () => setProblem("Please correct the highlighted fields."),
  );

  const dayError = formState.errors.harvest_day?.message;
  return (
    <div className="space-y-4">
      {problem ? <Alert tone="error">{problem}</Alert> : null}
      {saved ? <Alert tone="success">{saved}</Alert> : null}
      <form onSubmit={onSubmit} noValidate className="flex flex-wrap items-end gap-3" aria-label="Account Updater enrolment">
        <TextField
          label="Harvest day"
          hint={`The day of each month (1 to ${MAX_HARVEST_DAY}, on your billing clock) your eligible cards are sent to the networks.`}
          inputMode="numeric"
          autoComplete="off"
          className="w-full max-w-md"
          error={dayError ? fieldMessage("The harvest day", dayError) : undefined}
          {...register("harvest_day")}
        />
        <Button type="submit" disabled={formState.isSubmitting}>
          {formState.isSubmitting ? "Saving…" : enrolment.enrolled ? "Save harvest day" : "Enrol"}
        </Button>
      </form>
      {enrolment.enrolled ? (
        <ConfirmDialog
          trigger="Unenrol"
          triggerVariant="secondary"
          title="Unenrol from the Account Updater?"
          confirmLabel="Unenrol"
          onConfirm={async () => {
            setSaved(null);
            const answer = await portalRequest(URL, { csrf, body: { enrolled: false } satisfies EnrolmentFormValues });
            if (!answer.ok) return answer.message;
            setSaved("Unenrolled: no more cards are sent to the networks.");
            router.refresh();
          }}
        >
          <p>No more monthly harvests run, and requests not yet sent stay unsent. Answers already received stay in the history.</p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
