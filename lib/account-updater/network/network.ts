import type { ReasonCode } from "../reason-codes";

// A card network's Account Updater, behind one interface
// (docs/account-updater.md, "Networks"). Real programmes work by files that
// take days to come back, so the interface is asynchronous by design: a file
// of cards is sent, and its answers are collected on a later pass, when the
// network has them. A second network is one new file implementing this.

/** One card of a file: the caller's reference for it, and its number, opened only inside the network's call. */
export type NetworkCard = {
  ref: number;
  expDate: string;
  /** Opens the card's number for the duration of `use`; keep no copy of it. */
  withNumber<T>(use: (number: string) => T): T;
};

/** The network's answer for one card. A new number is handed over only inside `withNewNumber`. */
export type NetworkAnswer = {
  ref: number;
  reasonCode: ReasonCode;
  expDateNew?: string;
  /** Present when the answer carries a new account number (202). */
  withNewNumber?<T>(use: (number: string) => T): T;
};

export interface AccountUpdaterNetwork {
  readonly name: string;
  /** Sends one file of cards; answers the network's reference for it, which is kept with the file. */
  send(cards: NetworkCard[]): Promise<string>;
  /**
   * The answers to a file sent earlier, one per card of `refs`, or null while
   * the network has not answered yet (the caller asks again on a later pass).
   */
  collect(reference: string, refs: number[]): Promise<NetworkAnswer[] | null>;
}
