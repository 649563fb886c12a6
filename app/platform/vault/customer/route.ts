import { apiRoute } from "@/lib/api/api-route";
import { success, successList } from "@/lib/api/envelope";
import { addCustomer } from "@/lib/vault/add-customer";
import { browseCustomers } from "@/lib/vault/browse-customers";
import { BrowseQuerySchema } from "@/lib/vault/schemas";
import { AddCustomerSchema } from "@/lib/vault/schemas";
import { unservedMethods } from "@/lib/api/unserved-methods";

// GET: browse customers. POST: add a customer (with optional cards and addresses).
export const GET = apiRoute({ query: BrowseQuerySchema }, async ({ actor, query }) => successList(await browseCustomers(actor.merchantId, query)));

export const POST = apiRoute({ body: AddCustomerSchema }, async ({ actor, body }) => success(await addCustomer(actor, body)));

export const { PUT, PATCH, DELETE } = unservedMethods("GET", "POST");
