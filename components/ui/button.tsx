"use client";
import type { ButtonHTMLAttributes } from "react";
import { buttonClass, type ButtonVariant } from "./button-class";
import { useHydrated } from "./use-hydrated";

/** The portal's button: disabled until the page is hydrated (see useHydrated), then as the caller says. */
export function Button({
  variant = "primary",
  className = "",
  type = "button",
  disabled,
  ...rest
}: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: ButtonVariant }) {
  const hydrated = useHydrated();
  return <button type={type} className={`${buttonClass(variant)} ${className}`} disabled={!hydrated || disabled} {...rest} />;
}
