import Link from "next/link";
import type { ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button-class";
import { Panel } from "@/components/ui/panel";
import { Breadcrumb } from "@/components/portal/breadcrumb";
import { PageHeader } from "@/components/portal/page-header";
import { CardActions } from "@/components/portal/customers/card-actions";
import { ChargeCardButton } from "@/components/portal/payments/charge-card-button";
import { DeleteCustomerButton } from "@/components/portal/customers/delete-customer-button";
import { ShippingActions } from "@/components/portal/customers/shipping-actions";
import { cardBrand, customerName, formatExpiry } from "@/components/portal/customers/format";
import { loadCustomer } from "@/components/portal/customers/load-customer";
import { SubscriptionTable } from "@/components/portal/billing/subscription-table";
import { CardHistoryTable } from "@/components/portal/account-updater/card-history-table";
import { CardHoldActions } from "@/components/portal/account-updater/card-hold-actions";
import { holdReasonWords } from "@/components/portal/account-updater/format";
import { cardHistory } from "@/lib/account-updater/portal/card-history";
import { cardHoldStates, type CardHoldState } from "@/lib/account-updater/portal/card-hold-states";
import { LinkList } from "@/components/portal/links/link-list";
import { SendCardLink } from "@/components/portal/links/send-card-link";
import { listSubscriptions } from "@/lib/billing/subscription-operations/list-subscriptions";
import { listCheckouts } from "@/lib/checkout/list-checkouts";
import { requirePortalUser } from "@/lib/portal/current-user";
import { can } from "@/lib/portal/permissions";
import type { CustomerResponse, ShippingAddressResponse } from "@/lib/vault/schemas";

type Props = { params: Promise<{ customerId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props) {
  return { title: `Customer ${(await params).customerId} · Customer Vault` };
}

const NOTICES: Record<string, string> = {
  created: "Customer created.",
  saved: "Changes saved.",
  card: "Card added.",
  address: "Shipping address added.",
  address_saved: "Shipping address saved.",
};

const SUBSCRIPTIONS_SHOWN = 10;
const LINKS_SHOWN = 10;

/**
 * One customer: details, cards (masked as the API masks them, each with
 * "Charge" for roles that may charge, and its Account Updater hold and
 * history), subscriptions and shipping addresses, with the actions the role
 * allows, and the checkout links made for them ("Send card link" makes one).
 */
export default async function CustomerPage({ params, searchParams }: Props) {
  const session = await requirePortalUser();
  const { customerId } = await params;
  const customer = await loadCustomer(session.user.merchantId, customerId);
  const canWrite = can(session.user.role, "customers.write");
  const canCharge = can(session.user.role, "payments.write");
  const canHold = can(session.user.role, "account_updater.write");
  const canLink = can(session.user.role, "links.write");
  const query = await searchParams;
  const notice = Object.keys(NOTICES).find((key) => key in query);
  const name = displayName(customer);
  const base = `/portal/customers/${customer.customer_id}`;
  const cardIds = customer.billing_cards.map((card) => card.card_id);
  const [subscriptions, links, holds, histories] = await Promise.all([
    listSubscriptions({ merchantId: session.user.merchantId, customerId: customer.customer_id, pageSize: SUBSCRIPTIONS_SHOWN }),
    listCheckouts({ merchantId: session.user.merchantId, customerId: customer.customer_id, pageSize: LINKS_SHOWN }),
    cardHoldStates(session.user.merchantId, cardIds),
    Promise.all(cardIds.map((cardId) => cardHistory(session.user.merchantId, cardId))),
  ]);

  return (
    <>
      <Breadcrumb parent={{ href: "/portal/customers", label: "Customers" }} current={customer.customer_id} mono />
      <PageHeader
        title={name}
        description={
          <>
            Customer ID <span className="font-mono">{customer.customer_id}</span>
          </>
        }
        actions={
          canWrite ? (
            <>
              <Link href={`${base}/edit`} className={buttonClass("secondary")}>
                Edit customer
              </Link>
              <DeleteCustomerButton customerId={customer.customer_id} name={name} />
            </>
          ) : null
        }
      />
      {notice ? (
        <div className="mb-4">
          <Alert tone="success">{NOTICES[notice]}</Alert>
        </div>
      ) : null}
      <div className="space-y-6">
        <Panel title="Details">
          <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-2">
            <Detail term="First name">{customer.customer_first_name}</Detail>
            <Detail term="Last name">{customer.customer_last_name}</Detail>
            <Detail term="Company">{customer.customer_firm_name}</Detail>
            <Detail term="Email">{customer.customer_email}</Detail>
            <Detail term="Phone">{customer.customer_phone}</Detail>
            <Detail term="Reference ID">{customer.reference_id}</Detail>
            <Detail term="Comments" wide>
              {customer.comments}
            </Detail>
          </dl>
        </Panel>

        <Panel
          title="Cards"
          actions={
            canWrite ? (
              // A plain link: opening the page makes a single-use key, which a prefetch must not.
              <a href={`${base}/cards/new`} className={buttonClass("primary")}>
                Add card
              </a>
            ) : null
          }
        >
          {customer.billing_cards.length === 0 ? (
            <p className="text-sm text-slate-700">No cards stored for this customer.</p>
          ) : (
            <ul className="divide-y divide-slate-200" aria-label="Cards">
              {customer.billing_cards.map((card, i) => (
                <li key={card.card_id} className="space-y-3 py-3" data-testid="card">
                  <div className="flex flex-wrap items-center justify-between gap-3">
                    <div>
                      <p className="font-mono text-sm text-slate-900">{card.card_number}</p>
                      <p className="text-sm text-slate-700">
                        {cardBrand(card.card_type)} · expires {formatExpiry(card.exp_date)}
                        {card.primary ? <span className="ml-2 rounded-full bg-blue-100 px-2 py-0.5 text-xs font-semibold text-blue-900">Primary</span> : null}
                      </p>
                    </div>
                    <div className="flex flex-wrap items-center justify-end gap-2">
                      {canCharge ? <ChargeCardButton customerId={customer.customer_id} cardId={card.card_id} maskedNumber={card.card_number} /> : null}
                      {canWrite ? (
                        <CardActions customerId={customer.customer_id} cardId={card.card_id} maskedNumber={card.card_number} isPrimary={card.primary} />
                      ) : null}
                    </div>
                  </div>
                  <CardUpdater
                    state={holds.get(card.card_id)}
                    actions={
                      canHold && !holds.get(card.card_id)?.replacedBy ? (
                        <CardHoldActions cardId={card.card_id} maskedNumber={card.card_number} isOnHold={holds.get(card.card_id)?.isOnHold ?? false} />
                      ) : null
                    }
                  >
                    <CardHistoryTable cardId={card.card_id} entries={histories[i]!.entries} hasOlder={histories[i]!.hasOlder} />
                  </CardUpdater>
                </li>
              ))}
            </ul>
          )}
        </Panel>

        <Panel title="Checkout links">
          <div className="space-y-4">
            {canLink ? <SendCardLink customerId={customer.customer_id} /> : null}
            {links.rows.length === 0 ? (
              <p className="text-sm text-slate-700">No links made for this customer.</p>
            ) : (
              <>
                <LinkList rows={links.rows} canCancel={canLink} showCustomer={false} />
                {links.total > LINKS_SHOWN ? (
                  <p className="text-sm">
                    <Link href={`/portal/links?customer=${customer.customer_id}`} className="text-blue-800 underline">
                      All {links.total} links of this customer
                    </Link>
                  </p>
                ) : null}
              </>
            )}
          </div>
        </Panel>

        <Panel title="Subscriptions">
          {subscriptions.rows.length === 0 ? (
            <p className="text-sm text-slate-700">No subscriptions for this customer.</p>
          ) : (
            <>
              <SubscriptionTable caption={`Subscriptions of customer ${customer.customer_id}, newest first`} rows={subscriptions.rows} />
              {subscriptions.total > SUBSCRIPTIONS_SHOWN ? (
                <p className="mt-3 text-sm">
                  <Link href={`/portal/subscriptions?q=${customer.customer_id}`} className="text-blue-800 underline">
                    All {subscriptions.total} subscriptions of this customer
                  </Link>
                </p>
              ) : null}
            </>
          )}
        </Panel>

        <Panel
          title="Shipping addresses"
          actions={
            canWrite ? (
              <Link href={`${base}/shipping/new`} className={buttonClass("primary")}>
                Add address
              </Link>
            ) : null
          }
        >
          {customer.shipping_addresses.length === 0 ? (
            <p className="text-sm text-slate-700">No shipping addresses for this customer.</p>
          ) : (
            <ul className="divide-y divide-slate-200" aria-label="Shipping addresses">
              {customer.shipping_addresses.map((address) => (
                <li key={address.shipping_id} className="flex flex-wrap items-start justify-between gap-3 py-3" data-testid="shipping-address">
                  <address className="text-sm text-slate-800 not-italic">
                    <span className="font-medium text-slate-900">
                      {address.shipping_first_name} {address.shipping_last_name}
                    </span>
                    {address.primary ? <span className="ml-2 rounded-full bg-blue-100 px-2 py-0.5 text-xs font-semibold text-blue-900">Primary</span> : null}
                    {addressLines(address).map((line) => (
                      <span key={line} className="block">
                        {line}
                      </span>
                    ))}
                  </address>
                  {canWrite ? (
                    <ShippingActions
                      customerId={customer.customer_id}
                      shippingId={address.shipping_id}
                      label={addressLabel(address)}
                      isPrimary={address.primary}
                    />
                  ) : null}
                </li>
              ))}
            </ul>
          )}
        </Panel>
      </div>
    </>
  );
}

/** A card's Account Updater state (sent in harvests, on hold and why, or replaced), its Hold or Release button, and its history behind a disclosure. */
function CardUpdater({ state, actions, children }: { state: CardHoldState | undefined; actions: ReactNode; children: ReactNode }) {
  const words = state?.replacedBy
    ? `replaced by card ${state.replacedBy}; no longer sent`
    : state?.isOnHold
      ? `on hold, ${holdReasonWords(state.holdReason)}; not sent to the networks`
      : "sent to the networks in harvests and requests";
  return (
    <div className="rounded-md bg-slate-50 px-3 py-2 text-sm" data-testid="card-account-updater">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-slate-800">
          <span className="font-medium">Account Updater:</span> <span data-testid="au-hold-state">{words}</span>
        </p>
        {actions}
      </div>
      <details className="mt-2">
        <summary className="cursor-pointer text-blue-800 underline">Account Updater history</summary>
        <div className="mt-2">{children}</div>
      </details>
    </div>
  );
}

function Detail({ term, children, wide = false }: { term: string; children: ReactNode; wide?: boolean }) {
  return (
    <div className={wide ? "sm:col-span-2" : undefined}>
      <dt className="font-medium text-slate-600">{term}</dt>
      <dd className="mt-0.5 break-words text-slate-900">{children || "—"}</dd>
    </div>
  );
}

function displayName(c: CustomerResponse): string {
  const name = customerName({ firstName: c.customer_first_name, lastName: c.customer_last_name, firmName: c.customer_firm_name });
  return name === "—" ? c.customer_id : name;
}

function addressLines(a: ShippingAddressResponse): string[] {
  const cityLine = [a.shipping_city, a.shipping_state, a.shipping_zip].filter(Boolean).join(" ");
  return [a.shipping_firm_name, a.shipping_addr1, a.shipping_addr2, cityLine, a.shipping_country_code ?? a.shipping_country].filter((line): line is string =>
    Boolean(line),
  );
}

function addressLabel(a: ShippingAddressResponse): string {
  return [`${a.shipping_first_name} ${a.shipping_last_name}`, a.shipping_addr1, a.shipping_city].filter(Boolean).join(", ");
}
