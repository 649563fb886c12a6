import "#server-only";
import { getEnv } from "../env";
import { targetPolicy } from "../urls/target-address";
import { describeOutboundFailure, outboundPost } from "../urls/outbound-post";
import { ConnectorUnreachable, type CardRequest, type ConnectorAnswer, type FollowUpRequest, type GatewayConnector } from "./connector";
import type { GatewaySettings } from "./connectors";
import { nextMidnightUtc } from "./sandbox-connector";

// Forwards to an upstream gateway that speaks the same PG API (a Maast or
// Qualpay PG endpoint, say): the merchant's upstream URL, its merchant id
// there, and its security key as the HTTP Basic user. The card number is
// opened inside the call only, into the request body, and is never logged.
// The upstream's own pg_id is kept beside ours; our answer carries ours.
//
// 200 is an approval and 402 a decline, as on our own API. Any other answer
// (a 4xx refusal by the upstream, a 5xx) and a timeout or a dropped
// connection leave the outcome unknown: ConnectorUnreachable, so the
// transaction is kept for reconciling rather than charged again.

/** An upstream's answer body larger than this is not read: no PG answer comes close. */
const MAX_ANSWER_BYTES = 64 * 1024;

type UpstreamBody = {
  /** A lookup's answer: whether the upstream saw the charge, and if so whether it approved it. */
  found?: unknown;
  approved?: unknown;
  pg_id?: unknown;
  rcode?: unknown;
  rmsg?: unknown;
  auth_code?: unknown;
  auth_avs_result?: unknown;
  auth_cvv2_result?: unknown;
  amt_tran?: unknown;
};

const text = (value: unknown) => (typeof value === "string" && value !== "" ? value : undefined);

function answerFrom(approved: boolean, body: UpstreamBody, amountMinor: number, exponent: number): ConnectorAnswer {
  // A partial approval says how much in amt_tran; otherwise all of it was approved.
  const partial = approved && typeof body.amt_tran === "number" ? Math.round(body.amt_tran * 10 ** exponent) : undefined;
  return {
    approved,
    rcode: text(body.rcode) ?? (approved ? "000" : "005"),
    rmsg: text(body.rmsg) ?? (approved ? "Approved" : "Declined"),
    approvedMinor: approved ? (partial ?? amountMinor) : 0,
    authCode: text(body.auth_code),
    avsResult: text(body.auth_avs_result),
    cvvResult: text(body.auth_cvv2_result),
    upstreamPgId: text(body.pg_id),
  };
}

export function upstreamConnector(settings: GatewaySettings): GatewayConnector {
  const { upstreamUrl, upstreamMerchantId, openSecurityKey } = settings;
  if (!upstreamUrl || upstreamMerchantId === null || !openSecurityKey) throw new Error("upstream gateway settings are incomplete");
  const base = upstreamUrl.replace(/\/+$/, "");
  const merchantId = Number(upstreamMerchantId);

  /** Posts to the upstream; an answer other than `accepted` statuses with a JSON body is an outcome we cannot know. */
  async function post(path: string, payload: Record<string, unknown>, accepted: number[]): Promise<{ statusCode: number; body: UpstreamBody }> {
    const timeoutMs = getEnv().GATEWAY_TIMEOUT_MS;
    let answer: { statusCode: number; body: string | null };
    try {
      answer = await outboundPost(new URL(`${base}${path}`), {
        body: JSON.stringify({ merchant_id: merchantId, ...payload }),
        headers: { authorization: `Basic ${Buffer.from(`${openSecurityKey!()}:`).toString("base64")}`, "user-agent": "CustomerVault-Gateway/1" },
        timeoutMs,
        policy: targetPolicy(),
        readLimit: MAX_ANSWER_BYTES,
      });
    } catch (error) {
      throw new ConnectorUnreachable(`upstream gateway: ${describeOutboundFailure(error, timeoutMs)}`, { cause: error });
    }
    if (!accepted.includes(answer.statusCode)) throw new ConnectorUnreachable(`upstream gateway answered HTTP ${answer.statusCode}`);
    try {
      return { statusCode: answer.statusCode, body: JSON.parse(answer.body ?? "") as UpstreamBody };
    } catch {
      throw new ConnectorUnreachable("upstream gateway answered something other than JSON");
    }
  }

  async function call(path: string, payload: Record<string, unknown>, amountMinor: number, exponent: number): Promise<ConnectorAnswer> {
    const { statusCode, body } = await post(path, payload, [200, 402]);
    return answerFrom(statusCode === 200, body, amountMinor, exponent);
  }

  function cardCall(path: string) {
    return (request: CardRequest) => {
      const { card } = request;
      const { exponent } = request;
      return card.withNumber((cardNumber) =>
        call(
          path,
          {
            card_number: cardNumber,
            exp_date: card.expDate,
            ...(card.cvv2 ? { cvv2: card.cvv2 } : {}),
            ...(card.avsZip ? { avs_zip: card.avsZip } : {}),
            ...(card.avsAddress ? { avs_address: card.avsAddress } : {}),
            ...(card.cardholderName ? { cardholder_name: card.cardholderName } : {}),
            ...(path === "/verify" ? {} : { amt_tran: request.amountMinor / 10 ** exponent }),
            tran_currency: request.currency,
            ...(request.partialAuth ? { partial_auth: true } : {}),
            ...(request.merchRefNum ? { merch_ref_num: request.merchRefNum } : {}),
            ...(request.purchaseId ? { purchase_id: request.purchaseId } : {}),
            ...(request.motoEcommInd ? { moto_ecomm_ind: request.motoEcommInd } : {}),
          },
          request.amountMinor,
          exponent,
        ),
      );
    };
  }

  function followUpCall(path: string, withAmount: boolean) {
    return (request: FollowUpRequest) => {
      // Without the upstream's id the upstream cannot know the transaction: its outcome there is unknown.
      if (!request.original.upstreamPgId) throw new ConnectorUnreachable(`transaction ${request.original.pgId} has no upstream pg_id`);
      const { exponent } = request;
      const amount = withAmount ? { amt_tran: request.amountMinor / 10 ** exponent } : {};
      return call(`${path}/${encodeURIComponent(request.original.upstreamPgId)}`, amount, request.amountMinor, exponent);
    };
  }

  return {
    name: "upstream",
    inProcess: false,
    sale: cardCall("/sale"),
    authorize: cardCall("/auth"),
    verify: cardCall("/verify"),
    credit: cardCall("/credit"),
    capture: followUpCall("/capture", true),
    void: followUpCall("/void", false),
    refund: followUpCall("/refund", true),
    // POST /lookup {merch_ref_num}: 200 with {"found": false}, or {"found": true, "approved": ..., and the
    // charge's answer fields}. Anything else (no such path, an error) leaves the outcome unknown for now.
    async lookup(request) {
      const { body } = await post("/lookup", { merch_ref_num: request.merchRefNum }, [200]);
      if (body.found === false) return { found: false };
      if (body.found !== true || typeof body.approved !== "boolean") throw new ConnectorUnreachable("upstream gateway's lookup answer is not one we know");
      return { found: true, answer: answerFrom(body.approved, body, request.amountMinor, request.exponent) };
    },
    // The upstream closes its batches at its own midnight; UTC is the assumption until it reports settlements.
    settlesAt: nextMidnightUtc,
  };
}
