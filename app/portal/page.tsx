import { redirect } from "next/navigation";
import { currentPortalSession } from "@/lib/portal/current-user";
import { STAGE_HOME } from "@/lib/portal/sign-in";

// /portal: a signed-out visitor goes to sign-in (a bookmark of /portal must
// always land somewhere useful); a session goes to its stage's page.
export default async function PortalHome() {
  const session = await currentPortalSession();
  redirect(session ? STAGE_HOME[session.stage] : "/portal/sign-in");
}
