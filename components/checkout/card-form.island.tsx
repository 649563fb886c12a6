// The hosted card pages' only script (built by scripts/build-island.mjs with
// react → preact/compat, once per language, each with that language's
// messages as `virtual:hosted-messages`). On a form page it takes over the
// server-rendered form, keeping whatever the customer typed before it
// loaded. On the embedded form's pages, inside the merchant's frame, it
// posts the page's height whenever it changes and, on the result page, the
// card token to the page that framed it, addressed only to the merchant's
// registered origins (embedded-parent.tsx).
import { hydrateRoot } from "react-dom/client";
import messages from "virtual:hosted-messages";
import { translator } from "@/lib/i18n/messages";
import { CARD_FORM_PROPS_ID, CARD_FORM_ROOT_ID, CardForm, type CardFormProps } from "./card-form";
import { talkToParent } from "./embedded-parent";
import { TranslateProvider } from "./translate-context";

const root = document.getElementById(CARD_FORM_ROOT_ID);
const props = document.getElementById(CARD_FORM_PROPS_ID)?.textContent;
if (root && props) {
  const typed = Object.fromEntries(
    [...root.querySelectorAll<HTMLInputElement | HTMLSelectElement>("input:not([type=hidden]), select")]
      .filter((input) => input.value !== "")
      .map((input) => [input.name, input.value]),
  );
  // The country list is not in the page's data: it is read back from the select the server rendered.
  const countries = [...root.querySelectorAll<HTMLOptionElement>("select[name=country] option")].map((o): [string, string] => [o.value, o.text]);
  hydrateRoot(
    root,
    <TranslateProvider t={translator(messages)}>
      <CardForm {...(JSON.parse(props) as CardFormProps)} typed={typed} countries={countries} />
    </TranslateProvider>,
  );
}

talkToParent();
