// The Account Updater bench's checks that the work measured is the work
// asked for (bench/account-updater-harvest.ts runs them after the product's
// harvest and after the floor's, before it reports a figure):
// - what the merchant's rows hold after each (harvestProblems): one
//   harvest, COMPLETED, with every seeded card answered exactly once, the
//   201 cards on their new expiry, the 202 cards on the new number (its
//   mask, its fingerprint, and a seal that opens to it), every file done,
//   nothing left claimed or choosing, an audit row and a vault_card_updated
//   event per changed card, the request's created and completed events;
// - that the floor wrote what the product wrote (sampleDifferences): the
//   first card of each answer, its result row, its card and its event,
//   equal but for what must differ between two cards (ids, fingerprints,
//   times; a 200 card's own number).
import type { AccountUpdaterReport, AnsweredSample, Seeded } from "./account-updater-database";

export function harvestProblems(report: AccountUpdaterReport, seeded: Seeded): string[] {
  const problems: string[] = [];
  const expect = (what: string, actual: unknown, wanted: unknown) => {
    if (actual !== wanted) problems.push(`${what}: ${actual ?? "none"}, expected ${wanted}`);
  };
  const { cards, pinned201, pinned202 } = seeded;
  const changed = pinned201 + pinned202;
  expect("cards", report.cards, cards);
  expect("requests", report.requests.length, 1);
  const [request] = report.requests;
  expect("request method", request?.method, "harvest_cust_vault");
  expect("request status", request?.status, "COMPLETED");
  expect("request cnt_request", request?.cntRequest, cards);
  expect("request cnt_response", request?.cntResponse, cards);
  expect("request cnt_update", request?.cntUpdate, changed);
  expect("request still choosing", request?.selecting, false);
  expect("request still claimed", request?.claimed, false);
  expect("results answered 200, unchanged", report.results["200/unchanged"], cards - changed);
  expect("results answered 201, updated", report.results["201/updated"], pinned201);
  expect("results answered 202, updated", report.results["202/updated"], pinned202);
  expect(
    "result rows",
    Object.values(report.results).reduce((a, b) => a + b, 0),
    cards,
  );
  expect("most answers of one card", report.mostAnswersPerCard, 1);
  expect("cards without an answer", report.cardsUnanswered, 0);
  expect("files", report.files, Math.ceil(cards / 1000));
  expect("files not done", report.filesNotDone, 0);
  expect("files still claimed", report.filesClaimed, 0);
  expect("cards on the 201 number", report.cards201, pinned201);
  expect("201 cards with the new expiry", report.cards201WithNewExpiry, pinned201);
  expect("201 results with the new expiry", report.results201WithNewExpiry, pinned201);
  expect("cards still on the 202 number", report.cardsStillOn202, 0);
  expect("cards on the 202's new number", report.cardsOnNewNumber, pinned202);
  expect("cards on the new number with its fingerprint", report.cardsOnNewNumberWithItsFingerprint, pinned202);
  expect("cards whose seal opens to the new number", report.cardsOpeningToNewNumber, pinned202);
  expect("202 results with the new number's mask", report.results202WithNewMask, pinned202);
  expect("vault_card_updated events", report.events.vault_card_updated, changed);
  expect("account_updater_request_created events", report.events.account_updater_request_created, 1);
  expect("account_updater_request_completed events", report.events.account_updater_request_completed, 1);
  expect("event types", Object.keys(report.events).length, 3);
  expect("card.au_update audit rows", report.audit["card.au_update"], changed);
  // The samples the floor's rows are compared on, so that comparison cannot pass on nothing.
  for (const code of ["200", "201", "202"]) expect(`a ${code} result sampled`, report.samples[code] !== undefined, true);
  for (const code of ["201", "202"]) expect(`the sampled ${code} card's event`, report.samples[code]?.event?.type, "vault_card_updated");
  return problems;
}

/** Where the floor's first card of each answer differs from the product's; [] when alike. */
export function sampleDifferences(product: Record<string, AnsweredSample>, floor: Record<string, AnsweredSample>): string[] {
  const differences: string[] = [];
  const walk = (path: string, a: unknown, b: unknown) => {
    if (a !== null && b !== null && typeof a === "object" && typeof b === "object") {
      const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
      for (const key of keys) walk(`${path}.${key}`, (a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]);
    } else if (a !== b) differences.push(`${path}: product ${JSON.stringify(a)}, floor ${JSON.stringify(b)}`);
  };
  for (const code of new Set([...Object.keys(product), ...Object.keys(floor)])) {
    const [a, b] = [product[code], floor[code]];
    // A 200 card keeps its own (random) number: its masks differ between any two cards.
    const own = (sample: AnsweredSample | undefined) =>
      code === "200" && sample ? { ...sample, result: { ...sample.result, maskedNumber: "<own>" }, card: { ...sample.card, maskedNumber: "<own>" } } : sample;
    walk(code, own(a), own(b));
  }
  return differences;
}
