import "#server-only";
import { fieldError } from "../errors/api-error";
import type { Actor } from "../audit/record-audit";
import { setBranding, type Branding } from "./branding";
import { logoFromUpload } from "./logo";
import type { BrandingFormInput } from "./form-schemas";

/**
 * The portal's branding form, saved through setBranding (the CLI's path):
 * an uploaded logo's bytes are checked here whatever the browser said, an
 * empty colour means the default.
 */
export async function saveBrandingForm(actor: Actor, form: BrandingFormInput): Promise<Branding> {
  let logoUrl: string | null | undefined;
  if (form.logo.action === "remove") logoUrl = null;
  if (form.logo.action === "replace") {
    const logo = logoFromUpload(form.logo.dataUrl);
    if ("problem" in logo) throw fieldError("logo", `The logo ${logo.problem}.`);
    logoUrl = logo.dataUrl;
  }
  return setBranding(actor, { displayName: form.displayName, primaryColor: form.primaryColor === "" ? null : form.primaryColor, logoUrl });
}
