import { CARD_TOKEN_MESSAGE_TYPE, type CardToken } from "@/lib/embedded/card-token-message";
import { RESIZE_MESSAGE_TYPE, type ResizeMessage } from "@/lib/embedded/resize-message";
import { JsonData } from "./json-data";

// The embedded form's line to the page that frames it. The server names, in a
// JSON data block, the merchant's registered origins and, on the result page,
// the card token's message; the page's script (card-form.island.tsx) posts
// the form's height whenever it changes, then the token. Every message is
// addressed to each registered origin in turn, never "*": the browser hands
// it over only when the parent is on that origin, so no other page reads it.

const EMBEDDED_PARENT_ID = "embedded-parent";

type ParentData = { origins: string[]; message?: { type: typeof CARD_TOKEN_MESSAGE_TYPE } & CardToken };

/** The data block for the embedded page's script: who may receive its messages, and the token's message once there is one. */
export function EmbeddedParentData({ origins, token }: { origins: string[]; token?: CardToken }) {
  const data: ParentData = { origins, ...(token ? { message: { type: CARD_TOKEN_MESSAGE_TYPE, ...token } } : {}) };
  return <JsonData id={EMBEDDED_PARENT_ID} value={data} />;
}

/** In the browser, on an embedded page inside a frame: the height, now and on every change, then the token, to the registered origins. */
export function talkToParent(): void {
  const text = document.getElementById(EMBEDDED_PARENT_ID)?.textContent;
  if (!text || window.parent === window) return;
  const { origins, message } = JSON.parse(text) as ParentData;
  const post = (data: unknown) => origins.forEach((origin) => window.parent.postMessage(data, origin));
  // The root element's own height, not scrollHeight: that is at least the frame's height, so a frame made tall once could never shrink back.
  let height = 0;
  new ResizeObserver(() => {
    const now = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (now !== height) post({ type: RESIZE_MESSAGE_TYPE, height: (height = now) } satisfies ResizeMessage);
  }).observe(document.documentElement);
  if (message) post(message);
}
