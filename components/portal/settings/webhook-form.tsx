"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useForm, type Resolver } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { FIELD_PARSE_PARAMS } from "@/lib/errors/zod-fields";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { usePortal } from "@/components/portal/portal-context";
import { portalRequest } from "@/components/portal/portal-fetch";
import { SUBSCRIBABLE_EVENT_TYPES, VAULT_EVENT_TYPES } from "@/lib/events/event-types";
import { AddWebhookSchema, EditWebhookSchema, type WebhookResponse } from "@/lib/webhooks/schemas";
import { OneTimeSecret } from "./one-time-secret";

type Values = { label: string; notification_url: string; events: string[] };

const SENT = VAULT_EVENT_TYPES as readonly string[];
const NOT_YET = SUBSCRIBABLE_EVENT_TYPES.filter((e) => !SENT.includes(e));

/**
 * A webhook's label, URL and events: adding one (its secret shown once
 * after) or editing one. The API's own schemas check the fields, here and
 * on the server.
 */
export function WebhookForm({ webhook }: { webhook?: WebhookResponse }) {
  const { csrf } = usePortal();
  const router = useRouter();
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [added, setAdded] = useState<WebhookResponse | null>(null);
  const editing = webhook !== undefined;
  const { register, handleSubmit, setError, reset, formState } = useForm<Values, unknown, Values>({
    resolver: zodResolver((editing ? EditWebhookSchema : AddWebhookSchema) as never, FIELD_PARSE_PARAMS) as unknown as Resolver<Values, unknown, Values>,
    defaultValues: { label: webhook?.label ?? "", notification_url: webhook?.notification_url ?? "", events: webhook?.events ?? [] },
  });
  const onSubmit = handleSubmit(async (values) => {
    setProblem(null);
    setSaved(false);
    const body = { label: values.label, notification_url: values.notification_url, events: values.events ?? [] };
    const answer = editing
      ? await portalRequest<WebhookResponse>(`/portal/api/settings/webhooks/${webhook.webhook_id}`, { csrf, method: "PATCH", body })
      : await portalRequest<WebhookResponse>("/portal/api/settings/webhooks", { csrf, body });
    if (!answer.ok) {
      for (const [field, message] of Object.entries(answer.fields)) {
        const name = field.startsWith("events") ? "events" : field;
        if (name === "label" || name === "notification_url" || name === "events") setError(name, { message });
      }
      setProblem(answer.message);
      return;
    }
    if (editing) setSaved(true);
    else {
      setAdded(answer.data);
      reset({ label: "", notification_url: "", events: [] });
    }
    router.refresh();
  });
  const error = (name: keyof Values) => {
    const message = formState.errors[name]?.message;
    return message ? `This ${name === "label" ? "label" : name === "events" ? "list of events" : "URL"} ${message}` : undefined;
  };
  const eventsError = error("events");
  return (
    <div className="space-y-4">
      {added ? (
        <OneTimeSecret title={`Webhook “${added.label}” added: its signing secret`} value={added.secret ?? ""} testId="new-webhook-secret">
          <p className="text-sm text-amber-950">
            Each delivery carries x-qualpay-webhook-signature, an HMAC-SHA256 of the body under this secret.{" "}
            <a className="font-medium underline" href={`/portal/settings/webhooks/${added.webhook_id}`}>
              Open the webhook
            </a>
          </p>
        </OneTimeSecret>
      ) : null}
      <form onSubmit={onSubmit} noValidate className="space-y-4" aria-label={editing ? "Edit webhook" : "Add a webhook"}>
        {problem ? <Alert tone="error">{problem}</Alert> : null}
        {saved ? <Alert tone="success">Webhook saved.</Alert> : null}
        <div className="grid gap-4 md:grid-cols-2">
          <TextField label="Label" autoComplete="off" error={error("label")} {...register("label")} />
          <TextField
            label="Notification URL"
            hint="https (http only for localhost). The vault POSTs each event here."
            type="url"
            inputMode="url"
            placeholder="https://shop.example/hooks/vault"
            error={error("notification_url")}
            {...register("notification_url")}
          />
        </div>
        <fieldset aria-describedby={eventsError ? "events-error" : undefined}>
          <legend className="text-sm font-medium text-slate-800">Events</legend>
          <p className="mt-0.5 text-sm text-slate-600">The events this webhook receives. A new webhook also gets one validate_url event to check its URL.</p>
          <EventGroup title="Sent by the vault" events={SENT} register={register} />
          <EventGroup title="Billing and account updater (accepted, not sent yet)" events={NOT_YET} register={register} />
          {eventsError ? (
            <p id="events-error" className="mt-1 text-sm text-red-800">
              {eventsError}
            </p>
          ) : null}
        </fieldset>
        <Button type="submit" disabled={formState.isSubmitting}>
          {formState.isSubmitting ? "Saving…" : editing ? "Save webhook" : "Add webhook"}
        </Button>
      </form>
    </div>
  );
}

function EventGroup({
  title,
  events,
  register,
}: {
  title: string;
  events: readonly string[];
  register: ReturnType<typeof useForm<Values, unknown, Values>>["register"];
}) {
  return (
    <div className="mt-3">
      <p className="text-xs font-semibold tracking-wide text-slate-600 uppercase">{title}</p>
      <div className="mt-1 grid gap-x-4 gap-y-1 sm:grid-cols-2">
        {events.map((event) => (
          <label key={event} className="flex items-center gap-2 text-sm text-slate-800">
            <input type="checkbox" value={event} className="size-4 rounded border-slate-400 accent-blue-700" {...register("events")} />
            <span className="font-mono">{event}</span>
          </label>
        ))}
      </div>
    </div>
  );
}
