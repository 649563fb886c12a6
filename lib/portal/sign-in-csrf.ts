/**
 * The token the sign-in and invitation pages send in x-vault-csrf before any
 * session exists (the routes under app/portal/session/): a cross-site form cannot set
 * that header, so a request carrying it came from the portal's own script.
 */
export const SIGN_IN_CSRF = "sign-in";
