import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { normalizeCardNumber } from "../cards/card-number";
import { normalizeExpiryInput } from "../cards/expiry";
import { editKindOf, formatAsTyped, formatCardNumber, formatExpiry, type Edit, type FormattedField } from "./format-as-typed";

// A field as the browser edits it: each key changes the text at the caret,
// then the formatter runs on the result, as the page's input handler does.
class TypedField {
  value = "";
  caret = 0;
  constructor(private readonly field: FormattedField) {}

  private apply(raw: Edit, inputType: string) {
    const next = formatAsTyped(this.field, raw, editKindOf(inputType), this.value);
    this.value = next.value;
    this.caret = next.caret;
    return this;
  }
  /** Types (or pastes) text at the caret. */
  type(text: string) {
    return this.apply({ value: this.value.slice(0, this.caret) + text + this.value.slice(this.caret), caret: this.caret + text.length }, "insertText");
  }
  backspace() {
    if (this.caret === 0) return this;
    return this.apply({ value: this.value.slice(0, this.caret - 1) + this.value.slice(this.caret), caret: this.caret - 1 }, "deleteContentBackward");
  }
  delete() {
    if (this.caret === this.value.length) return this;
    return this.apply({ value: this.value.slice(0, this.caret) + this.value.slice(this.caret + 1), caret: this.caret }, "deleteContentForward");
  }
  left(times = 1) {
    this.caret = Math.max(0, this.caret - times);
    return this;
  }
  /** The value with a "|" where the caret is. */
  get shown() {
    return `${this.value.slice(0, this.caret)}|${this.value.slice(this.caret)}`;
  }
}

const typedNumber = (text: string) => new TypedField("card_number").type(text);
const typedExpiry = (text: string) => [...text].reduce((f, c) => f.type(c), new TypedField("exp_date"));

describe("the card number as it is typed", () => {
  it("is grouped as the brand prints it: fours, Amex 4-6-5, Diners Club 14 digits 4-6-4, 19 digits 4-4-4-4-3", () => {
    expect(typedNumber("4111111111111111").value).toBe("4111 1111 1111 1111");
    expect(typedNumber("4111111111111111111").value).toBe("4111 1111 1111 1111 111");
    expect(typedNumber("5555555555554444").value).toBe("5555 5555 5555 4444");
    expect(typedNumber("378282246310005").value).toBe("3782 822463 10005");
    expect(typedNumber("30569309025904").value).toBe("3056 930902 5904");
    expect(typedNumber("3056930902590412").value).toBe("3056 9309 0259 0412");
    expect(typedNumber("6011111111111117").value).toBe("6011 1111 1111 1117");
  });

  it("groups digit by digit, with no separator waiting at the end", () => {
    const field = new TypedField("card_number");
    const seen = [..."37828224"].map((digit) => field.type(digit).shown);
    expect(seen).toEqual(["3|", "37|", "378|", "3782|", "3782 8|", "3782 82|", "3782 822|", "3782 8224|"]);
  });

  it("drops what is not a digit and stops at the brand's length", () => {
    expect(typedNumber("4111-1111.1111 1111").value).toBe("4111 1111 1111 1111");
    expect(typedNumber("4111 abcd").value).toBe("4111");
    expect(typedNumber("3782822463100059999").value).toBe("3782 822463 10005");
    expect(typedNumber("55555555555544449").value).toBe("5555 5555 5555 4444");
    // A full number ignores a digit typed into its middle instead of pushing its last digit out.
    expect(typedNumber("378282246310005").left(7).type("9").shown).toBe("3782 82246|3 10005");
  });

  it("keeps the caret after a digit typed in the middle, and where a deleted digit was", () => {
    const field = typedNumber("411111111111111");
    expect(field.shown).toBe("4111 1111 1111 111|");
    expect(field.left(6).type("2").shown).toBe("4111 1111 112|1 1111");
    expect(field.backspace().shown).toBe("4111 1111 11|11 111");
    expect(field.left(2).type("7").shown).toBe("4111 1111 7|111 1111");
    expect(field.delete().shown).toBe("4111 1111 7|111 111");
  });

  it("backspace just after a space deletes the digit before it (the space alone would come straight back)", () => {
    expect(typedNumber("41112222").left(4).backspace().shown).toBe("411|2 222");
    expect(typedNumber("41112222").left(5).delete().shown).toBe("4111| 222");
  });

  it("takes a pasted or autofilled number whole, and a paste into the middle", () => {
    expect(new TypedField("card_number").type(" 4111 1111 1111 1111 \n").shown).toBe("4111 1111 1111 1111|");
    expect(typedNumber("4111").type("111111111111").shown).toBe("4111 1111 1111 1111|");
    expect(typedNumber("41111111").left(4).type("2222").shown).toBe("4111 2222| 1111");
  });
});

describe("the expiry as it is typed", () => {
  it("gets its '/' when the month is complete", () => {
    expect(typedExpiry("1").shown).toBe("1|");
    expect(typedExpiry("12").shown).toBe("12/|");
    expect(typedExpiry("1228").shown).toBe("12/28|");
    expect(typedExpiry("12/28").shown).toBe("12/28|");
    expect(typedExpiry("2").shown).toBe("02/|");
    expect(typedExpiry("228").shown).toBe("02/28|");
    expect(typedExpiry("1/28").shown).toBe("01/28|");
    expect(typedExpiry("0").shown).toBe("0|");
  });

  it("keeps a four-digit year from 2000 and two digits otherwise, as the server accepts them", () => {
    expect(typedExpiry("12/2028").value).toBe("12/2028");
    expect(typedExpiry("122028").value).toBe("12/2028");
    expect(typedExpiry("12/2899").value).toBe("12/28");
    expect(formatExpiry({ value: "12 / 28", caret: 7 }).value).toBe("12/28");
  });

  it("lets backspace go back over the '/'", () => {
    const field = typedExpiry("12");
    expect(field.backspace().shown).toBe("12|");
    expect(field.backspace().shown).toBe("1|");
    expect(field.backspace().shown).toBe("|");
    expect(typedExpiry("1228").backspace().backspace().shown).toBe("12/|");
    expect(typedExpiry("1228").left(2).backspace().shown).toBe("1|/28");
    expect(typedExpiry("2").backspace().shown).toBe("02|");
  });

  it("keeps an invalid month for the schema to name, rather than guessing", () => {
    expect(typedExpiry("13/40").value).toBe("13/40");
  });
});

describe("editKindOf", () => {
  it("reads the input event's inputType; autofill sends none", () => {
    expect(editKindOf("insertText")).toBe("insert");
    expect(editKindOf("insertFromPaste")).toBe("insert");
    expect(editKindOf(undefined)).toBe("insert");
    expect(editKindOf("deleteContentBackward")).toBe("deleteBackward");
    expect(editKindOf("deleteWordBackward")).toBe("deleteBackward");
    expect(editKindOf("deleteContentForward")).toBe("deleteForward");
  });
});

// Properties over any text and caret the field could hold.
const anyText = fc.string({ unit: fc.constantFrom(..."0123456789 -/ab"), maxLength: 24 });
const anyEdit = anyText.chain((value) => fc.record({ value: fc.constant(value), caret: fc.integer({ min: 0, max: value.length }) }));
const digitsOf = (text: string) => text.replace(/\D/g, "");

describe("properties of the card number's formatting", () => {
  it("keeps the digits it was given (up to the brand's length), in order, and the server reads them back", () => {
    fc.assert(
      fc.property(anyEdit, (edit) => {
        const out = formatCardNumber(edit);
        const digits = digitsOf(out.value);
        expect(digitsOf(edit.value).length >= digits.length).toBe(true);
        if (digitsOf(edit.value).length <= 15) expect(digits).toBe(digitsOf(edit.value));
        expect(out.value).toMatch(/^(\d+( \d+)*)?$/);
        if (digits !== "") expect(normalizeCardNumber(out.value)).toBe(digits);
      }),
    );
  });

  it("is stable: formatting a formatted value changes nothing, caret included", () => {
    fc.assert(
      fc.property(anyEdit, (edit) => {
        const once = formatCardNumber(edit);
        expect(formatCardNumber(once)).toEqual(once);
      }),
    );
  });

  it("puts the caret after as many digits as it was after, inside the value", () => {
    fc.assert(
      fc.property(anyEdit, (edit) => {
        fc.pre(digitsOf(edit.value).length <= 15);
        const out = formatCardNumber(edit);
        expect(out.caret).toBeGreaterThanOrEqual(0);
        expect(out.caret).toBeLessThanOrEqual(out.value.length);
        expect(digitsOf(out.value.slice(0, out.caret))).toBe(digitsOf(edit.value.slice(0, edit.caret)));
      }),
    );
  });

  it("a digit typed anywhere into a number that has room lands where it was typed, with the caret right after it", () => {
    const anyNumber = fc.string({ unit: fc.constantFrom(..."0123456789"), minLength: 1, maxLength: 14 }).map((d) => `4${d}`);
    fc.assert(
      fc.property(anyNumber, fc.nat(), fc.constantFrom(..."0123456789"), (digits, at, digit) => {
        const field = typedNumber(digits);
        const caret = at % (field.value.length + 1);
        field.left(field.value.length - caret).type(digit);
        const before = digitsOf(field.value.slice(0, field.caret));
        expect(before.at(-1)).toBe(digit);
        expect(digitsOf(field.value)).toBe(before + digitsOf(field.value.slice(field.caret)));
        expect(before.length).toBe(digitsOf(typedNumber(digits).value.slice(0, caret)).length + 1);
      }),
    );
  });

  it("backspace anywhere takes exactly one digit: the one before the caret", () => {
    const anyNumber = fc.string({ unit: fc.constantFrom(..."0123456789"), minLength: 1, maxLength: 15 }).map((d) => `4${d}`);
    fc.assert(
      fc.property(anyNumber, fc.nat(), (digits, at) => {
        const field = typedNumber(digits);
        const caret = 1 + (at % field.value.length);
        const digitsBefore = digitsOf(field.value.slice(0, caret));
        field.left(field.value.length - caret).backspace();
        expect(digitsOf(field.value)).toBe(digitsBefore.slice(0, -1) + digits.slice(digitsBefore.length));
        expect(digitsOf(field.value.slice(0, field.caret))).toBe(digitsBefore.slice(0, -1));
      }),
    );
  });
});

describe("properties of the expiry's formatting", () => {
  const anyMonth = fc.integer({ min: 1, max: 12 });
  const anyYear = fc.integer({ min: 0, max: 99 });
  const two = (n: number) => String(n).padStart(2, "0");

  it("every format the server accepts, typed key by key or pasted, still means the same month", () => {
    fc.assert(
      fc.property(anyMonth, anyYear, fc.constantFrom("MM/YY", "MMYY", "MM/YYYY", "M/YY", "MM / YY"), (month, year, format) => {
        const text = format
          .replace("MM", two(month))
          .replace(/^M\//, `${month}/`)
          .replace("YYYY", `20${two(year)}`)
          .replace("YY", two(year));
        const mmyy = `${two(month)}${two(year)}`;
        expect(normalizeExpiryInput(text)).toBe(mmyy);
        expect(normalizeExpiryInput(typedExpiry(text).value)).toBe(mmyy);
        expect(normalizeExpiryInput(new TypedField("exp_date").type(text).value)).toBe(mmyy);
      }),
    );
  });

  it("is stable, keeps the caret inside the value and never holds more than MM/YYYY", () => {
    fc.assert(
      fc.property(anyEdit, (edit) => {
        const once = formatExpiry(edit);
        expect(formatExpiry(once)).toEqual(once);
        expect(once.caret).toBeLessThanOrEqual(once.value.length);
        expect(once.value).toMatch(/^(\d{0,2}\/?\d{0,4})$/);
      }),
    );
  });

  it("backspacing to empty takes one key press per character shown", () => {
    fc.assert(
      fc.property(anyMonth, anyYear, (month, year) => {
        const field = typedExpiry(`${two(month)}${two(year)}`);
        let presses = 0;
        while (field.value !== "" && presses < 10) {
          field.backspace();
          presses++;
        }
        expect(presses).toBe(5);
      }),
    );
  });
});
