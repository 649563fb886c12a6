"use client";
import { useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { FIELD_PARSE_PARAMS } from "@/lib/errors/zod-fields";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { usePortal } from "@/components/portal/portal-context";
import { portalRequest } from "@/components/portal/portal-fetch";
import { contrastRatio, HEX_COLOR, hostedBrandColors, MIN_CONTRAST } from "@/lib/merchants/brand-color";
import type { Branding } from "@/lib/merchants/branding";
import { LOGO_MAX_BYTES } from "@/lib/merchants/logo";
import { BrandingFormSchema, type BrandingFormInput } from "@/lib/merchants/form-schemas";
import { ColorSwatch } from "./color-swatch";
import { HostedPagePreview } from "./hosted-page-preview";

/** The hosted page's colour when the merchant sets none (styles/globals.css). */
const DEFAULT_COLOR = "#1d4ed8";
const LOGO_TYPES = ["image/png", "image/jpeg", "image/gif", "image/webp"];

type Fields = Pick<BrandingFormInput, "displayName" | "primaryColor">;
type Logo = BrandingFormInput["logo"];

/** Display name, logo and colour, with the contrast check and a live preview of the hosted page. */
export function BrandingForm({ initial }: { initial: Branding }) {
  const { csrf } = usePortal();
  const router = useRouter();
  const [savedLogo, setSavedLogo] = useState(initial.logoUrl);
  const [logo, setLogo] = useState<Logo>({ action: "keep" });
  const [logoError, setLogoError] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const { register, handleSubmit, setError, setValue, watch, formState } = useForm<Fields>({
    resolver: zodResolver(BrandingFormSchema.pick({ displayName: true, primaryColor: true }), FIELD_PARSE_PARAMS),
    mode: "onChange",
    defaultValues: { displayName: initial.displayName, primaryColor: initial.primaryColor ?? "" },
  });
  const displayName = watch("displayName") ?? "";
  const typedColor = (watch("primaryColor") ?? "").trim();
  const color = HEX_COLOR.test(typedColor) ? typedColor.toLowerCase() : DEFAULT_COLOR;
  const ratio = contrastRatio(color, "#ffffff");
  const colors = hostedBrandColors(color);
  const logoUrl = logo.action === "replace" ? logo.dataUrl : logo.action === "remove" ? null : savedLogo;

  const chooseLogo = (file: File | undefined) => {
    setSaved(false);
    setLogoError(null);
    if (!file) return;
    if (!LOGO_TYPES.includes(file.type)) {
      setLogoError("Choose a PNG, JPEG, GIF or WebP image. Other formats (SVG included) are not accepted.");
    } else if (file.size > LOGO_MAX_BYTES) {
      setLogoError(`That file is ${Math.ceil(file.size / 1024)} KB: a logo can be at most ${LOGO_MAX_BYTES / 1024} KB, as it loads with every hosted page.`);
    } else if (file.size === 0) {
      setLogoError("That file is empty.");
    } else {
      const reader = new FileReader();
      reader.onload = () => setLogo({ action: "replace", dataUrl: String(reader.result) });
      reader.onerror = () => setLogoError("The browser could not read that file.");
      reader.readAsDataURL(file);
      return;
    }
    if (fileInput.current) fileInput.current.value = "";
  };

  const onSubmit = handleSubmit(async (values) => {
    setProblem(null);
    setSaved(false);
    const answer = await portalRequest<Branding>("/portal/api/settings/branding", { csrf, body: { ...values, logo } });
    if (!answer.ok) {
      if (answer.fields.displayName) setError("displayName", { message: answer.fields.displayName });
      if (answer.fields.primaryColor) setError("primaryColor", { message: answer.fields.primaryColor });
      if (answer.fields.logo) setLogoError(answer.fields.logo);
      setProblem(answer.fields.logo ?? answer.message);
      return;
    }
    setSavedLogo(answer.data.logoUrl);
    setLogo({ action: "keep" });
    if (fileInput.current) fileInput.current.value = "";
    setSaved(true);
    router.refresh();
  });

  const logoDescribedBy = ["logo-hint", logoError ? "logo-error" : null].filter(Boolean).join(" ");
  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_minmax(0,22rem)]">
      <form onSubmit={onSubmit} noValidate className="space-y-5" aria-label="Branding">
        {problem ? <Alert tone="error">{problem}</Alert> : null}
        {saved ? <Alert tone="success">Branding saved. Hosted pages show it from now on.</Alert> : null}
        <TextField
          label="Display name"
          hint="The name customers see at the top of the hosted page."
          error={formState.errors.displayName?.message}
          {...register("displayName")}
        />

        <div>
          <label htmlFor="field-logo" className="block text-sm font-medium text-slate-800">
            Logo
          </label>
          <p id="logo-hint" className="mt-0.5 text-sm text-slate-600">
            PNG, JPEG, GIF or WebP, at most {LOGO_MAX_BYTES / 1024} KB. Shown at up to 40 pixels high.
          </p>
          <div className="mt-2 flex flex-wrap items-center gap-3">
            {logoUrl ? (
              <img src={logoUrl} alt="Current logo" className="max-h-10 max-w-40 rounded border border-slate-200" />
            ) : (
              <span className="text-sm text-slate-600">No logo.</span>
            )}
            <input
              ref={fileInput}
              id="field-logo"
              type="file"
              accept={LOGO_TYPES.join(",")}
              aria-invalid={logoError ? true : undefined}
              aria-describedby={logoDescribedBy}
              onChange={(event) => chooseLogo(event.target.files?.[0])}
              className="block text-sm text-slate-700 file:mr-3 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-1.5 file:text-sm file:font-medium file:text-slate-800 hover:file:bg-slate-50"
            />
            {logoUrl ? (
              <Button
                variant="secondary"
                onClick={() => {
                  setLogo({ action: "remove" });
                  setLogoError(null);
                  if (fileInput.current) fileInput.current.value = "";
                }}
              >
                Remove logo
              </Button>
            ) : null}
          </div>
          {logoError ? (
            <p id="logo-error" className="mt-1 text-sm text-red-800">
              {logoError}
            </p>
          ) : null}
        </div>

        <fieldset>
          <legend className="text-sm font-medium text-slate-800">Primary colour</legend>
          <p className="mt-0.5 text-sm text-slate-600">The hosted page’s button and focus ring. Leave the hex field empty for the default blue.</p>
          <div className="mt-2 flex flex-wrap items-end gap-3">
            <div>
              <label htmlFor="field-color-picker" className="block text-sm text-slate-700">
                Picker
              </label>
              <input
                id="field-color-picker"
                type="color"
                value={color}
                onChange={(event) => setValue("primaryColor", event.target.value, { shouldValidate: true, shouldDirty: true })}
                className="mt-1 block h-10 w-14 cursor-pointer rounded-md border border-slate-400 bg-white p-1"
              />
            </div>
            <TextField
              label="Hex value"
              placeholder={DEFAULT_COLOR}
              spellCheck={false}
              autoComplete="off"
              className="w-40"
              error={formState.errors.primaryColor?.message}
              {...register("primaryColor")}
            />
          </div>
          <div className="mt-3 space-y-2 text-sm" role="status" aria-live="polite">
            <p className="flex items-center gap-2 text-slate-800">
              <ColorSwatch color={color} label={`Chosen colour ${color}`} />
              <span>
                White text on {color}: contrast <strong data-testid="contrast-ratio">{ratio.toFixed(2)}:1</strong>
                {ratio >= MIN_CONTRAST ? " (meets WCAG AA, 4.5:1)" : ""}
              </span>
            </p>
            {ratio < MIN_CONTRAST ? (
              <div data-testid="contrast-warning" className="rounded-md border border-amber-400 bg-amber-50 px-3 py-2 text-amber-950">
                <p>
                  <strong>Too light for white text:</strong> below the 4.5:1 WCAG AA requires.
                </p>
                <p className="mt-1" data-testid="button-colors">
                  {colors.fill === color
                    ? `The hosted page's button keeps ${color}, with dark text (contrast ${contrastRatio(color, colors.onFill).toFixed(2)}:1).`
                    : `Neither white nor dark text reaches 4.5:1 on it: the hosted page's button uses ${colors.fill}, with white text.`}
                </p>
                <p className="mt-1 flex items-center gap-2">
                  <ColorSwatch color={colors.onLight} label={`Adjusted colour ${colors.onLight}`} />
                  <span>
                    Focus rings and links on the white page use <strong data-testid="adjusted-color">{colors.onLight}</strong> (contrast{" "}
                    {contrastRatio(colors.onLight, "#ffffff").toFixed(2)}:1).
                  </span>
                </p>
              </div>
            ) : null}
          </div>
        </fieldset>

        <Button type="submit" disabled={formState.isSubmitting}>
          {formState.isSubmitting ? "Saving…" : "Save branding"}
        </Button>
      </form>
      <HostedPagePreview branding={{ displayName: displayName.trim() || initial.displayName, logoUrl, primaryColor: color }} colors={colors} />
    </div>
  );
}
