import type { LabelResponse } from "./schemas";

// A subscription's labels (the reference's custom fields) as the API shows them.

export const labelSelect = { subscriptionId: true, name: true, value: true } as const;

export function labelToResponse(row: { subscriptionId: number; name: string; value: string }): LabelResponse {
  return { source: "SUBSCRIPTION", source_id: row.subscriptionId, name: row.name, value: row.value };
}
