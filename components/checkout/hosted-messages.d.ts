// The page's messages in one language, compiled (scripts/build-island.mjs resolves this import per language).
declare module "virtual:hosted-messages" {
  const messages: import("@/lib/i18n/messages").CompiledMessages;
  export default messages;
}
