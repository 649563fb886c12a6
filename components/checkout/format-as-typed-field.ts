import type { FieldValues, UseFormRegister, UseFormRegisterReturn } from "react-hook-form";
import { editKindOf, formatAsTyped, type FormattedField } from "@/lib/checkout/format-as-typed";

// Wires lib/checkout/format-as-typed.ts into the card form: the card number
// and expiry are reformatted, and the caret put back, on every input event
// (typing, paste, autofill) before react-hook-form reads the value, so the
// form's state and checks see what the customer sees. Server-side and with
// JavaScript off nothing here runs and the fields take text as typed.

const FORMATTED: readonly string[] = ["card_number", "exp_date"] satisfies FormattedField[];
// Each field's value after its last formatting, what a deletion is compared with.
const lastShown = new WeakMap<HTMLInputElement, string>();

type InputEventLike = { target: HTMLInputElement; inputType?: string; nativeEvent?: { inputType?: string } };

function reformat(input: HTMLInputElement, field: FormattedField, inputType: string | undefined) {
  const previous = lastShown.get(input) ?? input.defaultValue;
  const next = formatAsTyped(field, { value: input.value, caret: input.selectionStart ?? input.value.length }, editKindOf(inputType), previous);
  if (next.value !== input.value) input.value = next.value;
  // Moving the caret of a field the customer is not in (autofill fills several at once) could take the focus.
  if (document.activeElement === input) input.setSelectionRange(next.caret, next.caret);
  lastShown.set(input, next.value);
}

function withFormatting<Name extends string>(registration: UseFormRegisterReturn<Name>): UseFormRegisterReturn<Name> {
  if (!FORMATTED.includes(registration.name)) return registration;
  const field = registration.name as FormattedField;
  return {
    ...registration,
    onChange: (event: InputEventLike) => {
      // preact/compat hands over the browser's InputEvent; React wraps it as nativeEvent.
      reformat(event.target, field, event.nativeEvent?.inputType ?? event.inputType);
      return registration.onChange(event);
    },
  };
}

/** react-hook-form's register, formatting the card number and the expiry as typed; other fields register as they would. */
export function formattingAsTyped<Values extends FieldValues>(register: UseFormRegister<Values>): UseFormRegister<Values> {
  return (name, options) => withFormatting(register(name, options));
}
