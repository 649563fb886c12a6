// The data of account_updater_request_created and _completed: the request's
// summary counts, never a card or its number.

export type RequestForEvent = {
  id: number;
  method: string;
  status: string;
  requestDate: string;
  responseDate: string | null;
  cntRequest: number;
  cntResponse: number;
  cntUpdate: number;
  rejectedCards: string;
};

export function requestEventData(request: RequestForEvent): Record<string, unknown> {
  return {
    request_id: Number(request.id),
    method: request.method,
    status: request.status,
    request_date: request.requestDate,
    ...(request.responseDate ? { response_date: request.responseDate } : {}),
    cnt_request: Number(request.cntRequest),
    cnt_response: Number(request.cntResponse),
    cnt_update: Number(request.cntUpdate),
    cnt_rejected: (JSON.parse(request.rejectedCards) as unknown[]).length,
  };
}
