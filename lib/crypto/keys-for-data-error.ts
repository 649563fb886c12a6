/**
 * The keys a process loaded cannot serve the database it opened: the key
 * file is missing while the database holds sealed values, a KEK version the
 * data uses is absent, or a key differs from the one the data was sealed
 * with. The message says what and how to restore it, and never carries key
 * material; entry points print it and exit non-zero.
 */
export class KeysForDataError extends Error {
  /** Creates the error with its operator-facing message. */
  constructor(message: string) {
    super(message);
    this.name = "KeysForDataError";
  }
}
