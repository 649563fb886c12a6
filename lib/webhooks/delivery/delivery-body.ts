// The JSON body of a delivery: { event, data, event_id, created }. Built
// from the stored event alone, so every retry sends the same bytes (and
// the same body signature).

export type StoredEvent = { eventId: string; type: string; payload: string; createdAt: Date };

export function deliveryBody(event: StoredEvent): string {
  return JSON.stringify({
    event: event.type,
    data: JSON.parse(event.payload) as unknown,
    event_id: event.eventId,
    created: event.createdAt.toISOString(),
  });
}
