// What the embedded form posts to the merchant's page whenever its height
// changes (browser-safe: the page's script sends it), so the page can size
// the iframe to the form: no inner scroll bar, no empty space below.

/** The message's `type`, for the merchant's `message` listener. */
export const RESIZE_MESSAGE_TYPE = "customer-vault:resize";

/** The form's document height in CSS pixels, rounded up. */
export type ResizeMessage = { type: typeof RESIZE_MESSAGE_TYPE; height: number };
