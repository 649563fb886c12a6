// Request headers proxy.ts sets for the App Router pages behind it (any a
// client sends are replaced there, so a page can trust them).

/** The response's CSP nonce, for inline <style> and <script> a page renders itself. */
export const NONCE_HEADER = "x-vault-nonce";
