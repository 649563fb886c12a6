import { z } from "zod";
import { success } from "@/lib/api/envelope";
import { holdCards, releaseCards } from "@/lib/account-updater/holds";
import { portalRoute } from "@/lib/portal/portal-route";
import { CardIdSchema } from "@/lib/vault/schemas";

const CHANGES = { hold: holdCards, release: releaseCards };

const HoldPathSchema = z.object({ card_id: CardIdSchema, action: z.enum(["hold", "release"], { error: "must be hold or release" }) });

// POST /portal/api/account-updater/cards/{card_id}/hold|release: a card's
// buttons on its customer's page, as POST /platform/aus/hold and
// /aus/release with a card_id (the same functions; another merchant's card is
// unknown).
export const POST = portalRoute({ permission: "account_updater.write", params: HoldPathSchema }, async ({ actor, params }) => {
  await CHANGES[params.action](actor, { card_id: params.card_id });
  return success({ card_id: params.card_id, au_hold: params.action === "hold" });
});
