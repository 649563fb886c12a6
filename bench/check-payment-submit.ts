// Before the clock starts, the bench checks that a payment submit as it
// will send it does a payment's work, so the rate it reports is one of
// payments: one prepared submit of the pool's kind is posted, and it must be
// answered by the 303 to the success_url with the pg_id and amount, and
// have written the approved sale on the link (one Transaction row), the card
// on the link's customer, the transaction_approved event, and spent the link.
// Anything else stops the bench.
import { openReader, type Target } from "./floor/check-same-work";
import { isSuccessRedirect, prepareSubmit } from "./hosted-submits";

type Row = Record<string, unknown>;

function expect(what: string, actual: unknown, expected: unknown): void {
  if (String(actual) !== String(expected))
    throw new Error(`The payment submit did not do a payment's work: ${what} is ${String(actual)}, not ${String(expected)}`);
}

/** Throws unless one payment submit of `amount` (major units, e.g. "10.00") pays its link, as above. */
export async function checkPaymentSubmit(baseUrl: string, target: Target, amount: string): Promise<void> {
  const submit = await prepareSubmit(baseUrl, target.authorization, amount);
  const response = await fetch(`${baseUrl}${submit.path}`, { method: "POST", headers: submit.headers, body: submit.body, redirect: "manual" });
  const location = response.headers.get("location");
  await response.text();
  if (!isSuccessRedirect(response.status, location, amount)) {
    throw new Error(
      `A payment submit was answered ${response.status} (location: ${location ? location.split("?")[0] : "none"}), not a 303 to the success_url with a pg_id`,
    );
  }
  const params = new URL(location as string).searchParams;
  const pgId = params.get("pg_id") as string;
  const checkoutId = submit.path.split("/").pop() as string;
  const reader = await openReader(target);
  try {
    const one = async (what: string, sql: string, values: unknown[]): Promise<Row> => {
      const rows = await reader.rows(sql, values);
      expect(`the number of ${what}`, rows.length, 1);
      return rows[0] as Row;
    };
    const transaction = await one("transactions with its pg_id", `SELECT * FROM "Transaction" WHERE "pgId" = $1`, [pgId]);
    const minor = Math.round(Number(amount) * 100);
    expect("the transaction's type", transaction.type, "sale");
    expect("the transaction's status", transaction.status, "C");
    expect("the transaction's amount", transaction.amountMinor, minor);
    expect("the transaction's approved amount", transaction.approvedMinor, minor);
    expect("the transaction's link", transaction.checkoutId, checkoutId);
    expect("the transaction's card", transaction.cardId, params.get("card_id"));
    expect("the transaction's customer", transaction.customerId, params.get("customer_id"));
    await one(
      "cards stored on the link's customer",
      `SELECT k."id" FROM "Card" k JOIN "Customer" c ON c."id" = k."customerPk" WHERE k."id" = $1 AND c."customerId" = $2`,
      [params.get("card_id"), params.get("customer_id")],
    );
    const event = await one("events naming its pg_id", `SELECT "type" FROM "Event" WHERE "payload" LIKE $1`, [`%"pg_id":"${pgId}"%`]);
    expect("the event's type", event.type, "transaction_approved");
    const link = await one("links", `SELECT "state" FROM "Checkout" WHERE "id" = $1`, [checkoutId]);
    expect("the link's state", link.state, "spent");
  } finally {
    await reader.close();
  }
}
