import { apiRoute } from "@/lib/api/api-route";
import { success, successList } from "@/lib/api/envelope";
import { addWebhook } from "@/lib/webhooks/add-webhook";
import { browseWebhooks } from "@/lib/webhooks/browse-webhooks";
import { AddWebhookSchema, BrowseWebhooksQuerySchema } from "@/lib/webhooks/schemas";
import { unservedMethods } from "@/lib/api/unserved-methods";

// GET: browse the merchant's webhooks. POST: add one (its secret is in this answer only).
export const GET = apiRoute({ query: BrowseWebhooksQuerySchema }, async ({ actor, query }) => successList(await browseWebhooks(actor.merchantId, query)));
export const POST = apiRoute({ body: AddWebhookSchema }, async ({ actor, body }) => success(await addWebhook(actor, body)));

export const { PUT, PATCH, DELETE } = unservedMethods("GET", "POST");
