import { success } from "@/lib/api/envelope";
import { setEnrolment } from "@/lib/account-updater/enrolment";
import { EnrolmentFormSchema } from "@/lib/account-updater/form-schemas";
import { portalRoute } from "@/lib/portal/portal-route";

// POST /portal/api/account-updater/enrolment: the Account Updater page's form
// (enrol with a harvest day, change the day, or unenrol), as the operator's
// `merchant account-updater` command sets it.
export const POST = portalRoute({ permission: "account_updater.write", body: EnrolmentFormSchema }, async ({ actor, body }) => {
  const enrolment = await setEnrolment(actor, body.enrolled ? { enrolled: true, harvestDay: body.harvest_day } : { enrolled: false });
  return success({ enrolled: enrolment.enrolled, harvest_day: enrolment.harvestDay });
});
