// The application logger: JSON lines on stdout, with card data and secrets
// removed before anything is serialised.
//
// Layers, outermost first:
// 1. hooks.logMethod scrubs every argument of a log call (message string,
//    interpolation values) and gives Errors a scrubbed message.
// 2. formatters.log / formatters.bindings run scrubForLog over every logged
//    object and every child binding (rule-based: sensitive names and any
//    Luhn-valid card number in any string).
// 3. A "msg" serializer scrubs the final message after pino has formatted it,
//    which also covers a PAN assembled from several "%s" arguments.
// 4. pino's redact paths for header locations, in case a future change
//    bypasses the formatters.

import pino, { type Bindings, type DestinationStream, type LevelWithSilent, type Logger } from "pino";
import { redactCardNumbers } from "./redact-card-numbers";
import { readEnvVariables } from "../env-schema.mjs";
import { scrubForLog } from "./scrub";

const SERVICE_NAME = "customer-vault";
const MESSAGE_KEY = "msg";
const ERROR_KEY = "err";

const REDACT_PATHS = ["req.headers.authorization", "req.headers.cookie", "headers.authorization", "headers.cookie", "*.authorization", "*.cookie"];

/** A logger writing scrubbed JSON lines to `destination`; level defaults to env LOG_LEVEL (lib/env-schema.mjs's rule). */
export function createLogger(destination: DestinationStream, level: LevelWithSilent = readEnvVariables(["LOG_LEVEL"]).LOG_LEVEL): Logger {
  const root = pino(
    {
      level,
      messageKey: MESSAGE_KEY,
      errorKey: ERROR_KEY,
      base: { service: SERVICE_NAME, pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACT_PATHS, censor: "[REDACTED]" },
      formatters: {
        // Level names ("info") are easier to filter on than pino's numbers.
        level: (label) => ({ level: label }),
        bindings: (bindings) => scrubRecord(bindings),
        log: (object) => scrubRecord(object),
      },
      serializers: {
        [MESSAGE_KEY]: (msg: unknown) => (typeof msg === "string" ? redactCardNumbers(msg) : msg),
        // formatters.log already turned errors into { type, message, stack };
        // pino's default err serializer would mislabel that copy as "Object".
        [ERROR_KEY]: (err: unknown) => err,
      },
      hooks: {
        logMethod(args, method) {
          method.apply(this, scrubLogArguments(args) as Parameters<typeof method>);
        },
      },
    },
    destination,
  );
  return scrubChildBindings(root);
}

/**
 * The process-wide logger, writing to stdout (fd 1) synchronously: a line is
 * out before the response it describes (decision 003). pino's default
 * destination writes asynchronously through libuv's thread pool, which a busy
 * process can hold up for seconds (the leak test once waited in vain).
 */
export const logger: Logger = createLogger(pino.destination({ dest: 1, sync: true }));

/** A child of `parent` (default: `logger`) whose every line carries `bindings`, scrubbed like any log object. */
export function childLogger(bindings: Bindings, parent: Logger = logger): Logger {
  return parent.child(bindings);
}

// pino applies formatters.bindings to `base` only, never to child bindings, so
// scrub those on the way in. Children are created with Object.create(parent)
// and inherit this method, so grandchildren (and plain logger.child calls)
// are covered too.
function scrubChildBindings(root: Logger): Logger {
  const originalChild = root.child;
  root.child = function (this: Logger, bindings: Bindings, options?: Parameters<Logger["child"]>[1]) {
    return originalChild.call(this, scrubRecord(bindings), options);
  } as Logger["child"];
  return root;
}

function scrubRecord(object: Record<string, unknown>): Record<string, unknown> {
  const scrubbed = scrubForLog(object);
  return typeof scrubbed === "object" && scrubbed !== null ? (scrubbed as Record<string, unknown>) : {};
}

// pino takes its message from err.message, unscrubbed, when a call passes an
// Error (or { err }) and no message, so supply a scrubbed one explicitly.
// The first argument, when an object, is left to formatters.log.
function scrubLogArguments(args: readonly unknown[]): unknown[] {
  const [first, ...rest] = args;
  const scrubbedRest = rest.map(scrubArgument);
  if (typeof first === "string") return [redactCardNumbers(first), ...scrubbedRest];
  if (scrubbedRest.length === 0) {
    const implicitMessage = errorMessageOf(first);
    if (implicitMessage !== undefined) scrubbedRest.push(redactCardNumbers(implicitMessage));
  }
  return [first, ...scrubbedRest];
}

// An Error used as a "%s" value should still read "Error: message", not the
// "[object Object]" its scrubbed copy would print.
function scrubArgument(arg: unknown): unknown {
  return arg instanceof Error ? redactCardNumbers(String(arg)) : scrubForLog(arg);
}

function errorMessageOf(first: unknown): string | undefined {
  if (first instanceof Error) return first.message;
  if (typeof first !== "object" || first === null) return undefined;
  const record = first as Record<string, unknown>;
  if (record[MESSAGE_KEY] !== undefined) return undefined;
  const err = record[ERROR_KEY];
  return err instanceof Error ? err.message : undefined;
}

export type { Logger };
