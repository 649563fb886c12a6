// Test fixtures: merchants created through lib/ (the same code the CLI runs)
// against the server's database, unique ids, and valid card numbers.
import { randomBytes } from "node:crypto";
import { createMerchant } from "@/lib/merchants/create-merchant";
import { generateTestCardNumber } from "@/lib/cards/test-cards";
import { apiClient, pgClient, type ApiClient } from "./api-client";

export type TestMerchant = {
  merchantId: number;
  apiKey: string;
  apiKeyId: number;
  signingSecret: string;
  /** The Platform API (/platform). */
  api: ApiClient;
  /** The payment gateway API (/pg). */
  pg: ApiClient;
};

/** A fresh merchant with its own API key, so tests never see each other's data. */
export async function newMerchant(name = "Test Merchant"): Promise<TestMerchant> {
  const created = await createMerchant({ name, actor: "test" });
  return {
    merchantId: Number(created.merchantId),
    apiKey: created.apiKey,
    apiKeyId: created.apiKeyId,
    signingSecret: created.signingSecret,
    api: apiClient(created.apiKey),
    pg: pgClient(created.apiKey),
  };
}

/**
 * A customer_id no other test uses. Its random hex is broken by a letter
 * every 6 characters: a long enough run of digits can pass the Luhn check,
 * and the API refuses what looks like a card number in free text (a plain
 * 16-hex id did, about once in a thousand).
 */
export function uniqueCustomerId(prefix = "C"): string {
  const hex = randomBytes(9).toString("hex");
  return `${prefix}${hex.slice(0, 6)}x${hex.slice(6, 12)}x${hex.slice(12)}`.slice(0, 32);
}

/** A valid Visa number no other test uses (Luhn-correct, random middle digits). */
export function uniqueVisa(): string {
  return generateTestCardNumber("4", 16);
}

/** An expiry (MMYY) a few years ahead, so tests don't expire with the calendar. */
export function futureExpiry(yearsAhead = 3): string {
  const now = new Date();
  return `${String(now.getUTCMonth() + 1).padStart(2, "0")}${String((now.getUTCFullYear() + yearsAhead) % 100).padStart(2, "0")}`;
}

/** The API's display form of a card number: first six, x per hidden digit, last four. */
export function masked(number: string): string {
  return `${number.slice(0, 6)}${"x".repeat(number.length - 10)}${number.slice(-4)}`;
}

/** JSON of a response body, for assertion messages. */
export const json = (value: unknown) => JSON.stringify(value);

/** The month `monthsAhead` from now as MMYY (-1: last month, an expired card; 0: this month, still valid). */
export function monthAsExpiry(monthsAhead: number): string {
  const now = new Date();
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + monthsAhead, 1));
  return `${String(d.getUTCMonth() + 1).padStart(2, "0")}${String(d.getUTCFullYear() % 100).padStart(2, "0")}`;
}
