import "#server-only";
import type { Tx } from "../db/client";
import { fieldError } from "../errors/api-error";
import { recordAudit, type Actor } from "../audit/record-audit";
import type { CustomerWithChildren } from "./customer-query";
import { settlePrimaryShipping } from "./primary";
import { shippingColumns } from "./shipping-columns";
import type { UpdateCustomerInput } from "./schemas";

type AddressEntry = NonNullable<UpdateCustomerInput["shipping_addresses"]>[number];

/** Makes the customer's shipping addresses exactly `entries` (see updateCustomer). */
export async function replaceShippingAddresses(tx: Tx, actor: Actor, customer: CustomerWithChildren, entries: AddressEntry[]): Promise<void> {
  const ownIds = new Set(customer.shippingAddresses.map((a) => a.id));
  const kept = new Set<number>();
  for (const [index, entry] of entries.entries()) {
    if (entry.shipping_id === undefined) continue;
    if (!ownIds.has(entry.shipping_id)) {
      throw fieldError(`shipping_addresses[${index}].shipping_id`, "is not a shipping address of this customer");
    }
    kept.add(entry.shipping_id);
  }
  for (const address of customer.shippingAddresses) {
    if (kept.has(address.id)) continue;
    await tx.shippingAddress.delete({ where: { id: address.id } });
    await recordAudit(tx, actor, "shipping.delete", { type: "shipping_address", id: String(address.id) });
  }

  let preferred: number | undefined;
  for (const entry of entries) {
    const { shipping_id: existingId, ...fields } = entry;
    let id = existingId;
    if (id !== undefined) {
      await tx.shippingAddress.update({ where: { id }, data: shippingColumns(fields) });
      await recordAudit(tx, actor, "shipping.update", { type: "shipping_address", id: String(id) });
    } else {
      const created = await tx.shippingAddress.create({
        data: {
          merchantId: customer.merchantId,
          customerPk: customer.id,
          ...shippingColumns(fields),
          firstName: fields.shipping_first_name,
          lastName: fields.shipping_last_name,
        },
        select: { id: true },
      });
      id = created.id;
      await recordAudit(tx, actor, "shipping.create", { type: "shipping_address", id: String(id) });
    }
    if (entry.primary) preferred ??= id;
  }
  await settlePrimaryShipping(tx, customer.id, preferred);
}
