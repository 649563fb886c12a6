import "#server-only";
import type { RouteResult } from "../http/route-result";
import type { ConnectorAnswer } from "../gateway/connector";

// The payment gateway's answers, in the reference's PG shapes: approved 200
// (rcode "000", or "010" for a partial approval), declined 402 (rcode "0" and
// the network's code), outcome unknown 509 (rcode "998"). Every one carries
// our pg_id, and echo_fields back when the request sent them.

export type AnswerExtras = {
  echoFields?: string;
  /** The vault card the transaction was made on, or stored to. */
  cardId?: string | null;
  /** The masked number, on verify answers as the reference's PGApiVerifyResponse has it. */
  maskedNumber?: string;
  /** The approved amount, in major units, on a partial approval. */
  partialAmount?: number;
};

/** The answer to a request the connector answered. */
export function connectorAnswer(pgId: string, answer: ConnectorAnswer, extras: AnswerExtras = {}): RouteResult {
  const echo = extras.echoFields !== undefined ? { echo_fields: extras.echoFields } : {};
  if (!answer.approved) return { status: 402, body: { pg_id: pgId, rcode: answer.rcode, rmsg: answer.rmsg, ...echo } };
  return {
    status: 200,
    body: {
      pg_id: pgId,
      rcode: answer.rcode,
      rmsg: answer.rmsg,
      ...(answer.authCode ? { auth_code: answer.authCode } : {}),
      ...(answer.avsResult ? { auth_avs_result: answer.avsResult } : {}),
      ...(answer.cvvResult ? { auth_cvv2_result: answer.cvvResult } : {}),
      ...(extras.cardId ? { card_id: extras.cardId } : {}),
      ...(extras.maskedNumber ? { card_number: extras.maskedNumber } : {}),
      ...(extras.partialAmount !== undefined ? { amt_tran: extras.partialAmount } : {}),
      ...echo,
    },
  };
}

export const UNKNOWN_OUTCOME = {
  rcode: "998",
  rmsg: "Timeout: the gateway did not answer, so the outcome is not known; the transaction is recorded for reconciliation",
};

/** The answer when the connector could not be reached or did not answer in time: 509, and the transaction is recorded as unknown. */
export function unknownOutcomeAnswer(pgId: string, echoFields?: string): RouteResult {
  return { status: 509, body: { pg_id: pgId, ...UNKNOWN_OUTCOME, ...(echoFields !== undefined ? { echo_fields: echoFields } : {}) } };
}
