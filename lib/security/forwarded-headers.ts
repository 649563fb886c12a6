// Request headers proxy.ts sets for the pages behind it (any a client sends
// are replaced or removed there, so a page can trust them).

/** The response's CSP nonce, for inline <style> and <script> a page renders itself. */
export const NONCE_HEADER = "x-vault-nonce";
/** The hosted card page's session token, for its form's hidden field. */
export const CSRF_HEADER = "x-vault-checkout-csrf";
