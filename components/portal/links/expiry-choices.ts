/** How long a link the portal makes stays open, in seconds (the API's expire_in_secs), with its words. */
export const EXPIRY_CHOICES = [
  ["900", "15 minutes"],
  ["3600", "1 hour"],
  ["86400", "24 hours"],
  ["604800", "7 days"],
  ["2592000", "30 days"],
] as const;
