// Which of the hosted pages' messages the card form says, by their ids'
// first part: the page's script carries only these, in its one language
// (scripts/build-island.mjs). The rest (page titles, a used link, the done
// page) only the server renders. A unit test holds the form's code to these.
export const FORM_MESSAGE_PREFIXES = ["field.", "hint.", "form.", "error.", "vault.", "decline."];
