import type english from "./messages/en.json";

// The hosted pages' words, in ICU MessageFormat (docs/decisions/021): one
// catalog per language in lib/i18n/messages/, compiled by @messageformat/core
// to a function per message. The server compiles them when it starts
// (translations.ts); the page's script gets its own language's, compiled when
// it is built (scripts/build-island.mjs), so the browser loads no other
// language and no message compiler. English's catalog names every message.

export type MessageId = keyof typeof english;
export type MessageValues = Record<string, string | number>;
/** A catalog compiled: a function per message. */
export type CompiledMessages = Record<string, (values?: MessageValues) => string>;

/**
 * A message with its values, as one string, to be put in words later, in
 * the page's language: how the form's schema (which runs on both sides) and
 * the server's form state carry what they have to say.
 */
export type MessageKey = MessageId | `${MessageId} {${string}`;

export function messageKey(id: MessageId, values?: MessageValues): MessageKey {
  return values ? (`${id} ${JSON.stringify(values)}` as MessageKey) : id;
}

/** Puts a message, or a message key, in the page's language. */
export type Translate = (key: MessageKey, values?: MessageValues) => string;

/** The translate function over a compiled catalog. A key that names no message in it (a test fails first) shows as it is. */
export function translator(messages: CompiledMessages): Translate {
  return (key, values) => {
    const space = key.indexOf(" ");
    const message = messages[space < 0 ? key : key.slice(0, space)];
    if (!message) return key;
    return message(values ?? (space < 0 ? undefined : (JSON.parse(key.slice(space + 1)) as MessageValues)));
  };
}
