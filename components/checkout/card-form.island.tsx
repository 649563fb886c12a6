// The hosted card page's only script (built by scripts/build-island.mjs with
// react → preact/compat). It takes over the server-rendered form, keeping
// whatever the customer typed before it loaded.
import { hydrateRoot } from "react-dom/client";
import { CARD_FORM_PROPS_ID, CARD_FORM_ROOT_ID, CardForm, type CardFormProps } from "./card-form";

const root = document.getElementById(CARD_FORM_ROOT_ID);
const props = document.getElementById(CARD_FORM_PROPS_ID)?.textContent;
if (root && props) {
  const typed = Object.fromEntries(
    [...root.querySelectorAll<HTMLInputElement>("input:not([type=hidden])")].filter((input) => input.value !== "").map((input) => [input.name, input.value]),
  );
  hydrateRoot(root, <CardForm {...(JSON.parse(props) as CardFormProps)} typed={typed} />);
}
