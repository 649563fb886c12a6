import "#server-only";

// What every gateway connector is: the one interface the payment code
// (lib/payments/) charges through. A connector is a file in lib/gateway/
// and one line in connectors.ts (ARCHITECTURE.md, "Adding a connector").
//
// The card number is not in these requests: a connector that must send it
// upstream opens it with `card.withNumber`, inside its call, and keeps no
// copy. The CVV is passed through for the call only; nothing here is stored.

/** The card a charge is made on, as a connector may see it. */
export type ConnectorCard = {
  maskedNumber: string;
  /** MMYY. */
  expDate: string;
  cardType: string;
  cvv2?: string;
  avsZip?: string;
  avsAddress?: string;
  cardholderName?: string;
  /** Opens the full number for `use` only; never keep what `use` is given. */
  withNumber<T>(use: (cardNumber: string) => Promise<T>): Promise<T>;
};

/** A new charge on a card: sale, auth, verify (amount 0) or credit. */
export type CardRequest = {
  /** Our pg_id for this transaction (the connector's own id comes back as upstreamPgId). */
  pgId: string;
  amountMinor: number;
  /** ISO 4217 numeric. */
  currency: number;
  /** The currency's minor-unit digits: amountMinor / 10^exponent is the amount in major units. */
  exponent: number;
  card: ConnectorCard;
  partialAuth: boolean;
  merchRefNum?: string;
  purchaseId?: string;
  /** The reference's moto_ecomm_ind: "2" marks a recurring charge (a subscription's cycle). */
  motoEcommInd?: string;
};

/**
 * What reconciling a charge whose outcome was not recorded asks: did the
 * gateway see a charge with this merch_ref_num, and what did it answer?
 * (docs/billing.md, "Unknown outcomes").
 */
export type LookupRequest = { pgId: string; merchRefNum: string; amountMinor: number; currency: number; exponent: number };

/** The gateway's answer to a lookup: the charge it saw and its outcome, or that it saw none. */
export type LookupResult = { found: true; answer: ConnectorAnswer } | { found: false };

/** A capture, void or refund of an earlier transaction. */
export type FollowUpRequest = {
  pgId: string;
  /** The earlier transaction: ours, and the upstream's id for it when it has one. */
  original: { pgId: string; upstreamPgId: string | null };
  amountMinor: number;
  currency: number;
  /** The currency's minor-unit digits. */
  exponent: number;
};

/** What the connector (the card network, through it) said. */
export type ConnectorAnswer = {
  approved: boolean;
  /** "000" when approved; a decline is "0" + the network's two-digit code. */
  rcode: string;
  rmsg: string;
  /** The amount approved: less than asked on a partial approval. */
  approvedMinor: number;
  authCode?: string;
  avsResult?: string;
  cvvResult?: string;
  /** The upstream gateway's own id for the transaction. */
  upstreamPgId?: string;
};

/**
 * The outcome is unknown: the connector could not tell whether the network
 * acted (a timeout, a dropped connection). The transaction is recorded as
 * such, and is never retried on its own: it is reconciled, not charged twice.
 */
export class ConnectorUnreachable extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "ConnectorUnreachable";
  }
}

export interface GatewayConnector {
  /** The name stored on each transaction and shown in the portal. */
  readonly name: string;
  /**
   * True when a call never leaves the process (the sandbox): nothing outside
   * the database can act twice, so a transaction is written once, with its
   * outcome, instead of before and after the call.
   */
  readonly inProcess: boolean;
  sale(request: CardRequest): Promise<ConnectorAnswer>;
  authorize(request: CardRequest): Promise<ConnectorAnswer>;
  verify(request: CardRequest): Promise<ConnectorAnswer>;
  credit(request: CardRequest): Promise<ConnectorAnswer>;
  capture(request: FollowUpRequest): Promise<ConnectorAnswer>;
  void(request: FollowUpRequest): Promise<ConnectorAnswer>;
  refund(request: FollowUpRequest): Promise<ConnectorAnswer>;
  /**
   * Finds a charge by its merch_ref_num, to reconcile one whose outcome we
   * never recorded (a crash, a timeout). Throws ConnectorUnreachable when it
   * cannot tell now; a connector without a lookup leaves such a charge to be
   * reviewed by a person.
   */
  lookup?(request: LookupRequest): Promise<LookupResult>;
  /** The settlement hook: when a transaction captured at `capturedAt` settles (its batch closes). */
  settlesAt(capturedAt: Date): Date;
}
