// GET /platform/vault/customer/{customer_id} on the floor: one read of the
// customer joined with its cards and addresses (lib/vault/customer-query.ts),
// folded into the API's shape by hand.
import type { FloorCaller } from "./floor-authenticate";
import { CUSTOMER_ID_PATTERN, customerJson } from "./floor-customer-json";
import { FloorRefusal, success, type Answer } from "./floor-http";
import type { FloorStore } from "./floor-store";

export async function getCustomer(store: FloorStore, caller: FloorCaller, customerId: string): Promise<Answer> {
  if (!CUSTOMER_ID_PATTERN.test(customerId))
    throw new FloorRefusal("validation", "Request validation failed", { customer_id: "must be 1 to 32 letters and digits" });
  const customer = customerJson(caller.merchantId, await store.customerRows(caller.merchantId, customerId));
  if (!customer) throw new FloorRefusal("not_found", "Customer not found");
  return success(customer);
}
