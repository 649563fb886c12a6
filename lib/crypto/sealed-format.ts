import { CryptoError } from "./crypto-error";

// Byte layout of a v1 sealed blob; the format is documented in ./seal.ts.
export const FORMAT_V1 = 0x01;
export const IV_BYTES = 12;
export const DATA_KEY_BYTES = 32;
export const TAG_BYTES = 16;
const HEADER_BYTES = 1 + 4;
const WRAP_OFFSET = HEADER_BYTES;
export const DATA_OFFSET = WRAP_OFFSET + IV_BYTES + DATA_KEY_BYTES + TAG_BYTES;
export const MIN_SEALED_BYTES = DATA_OFFSET + IV_BYTES + TAG_BYTES;

/** The wrap layer: the data key encrypted under a KEK. */
export type WrapSection = { iv: Buffer; wrappedKey: Buffer; tag: Buffer };

/** A v1 blob split into views of its fields (no copies). */
export type SealedParts = {
  kekVersion: number;
  wrap: WrapSection;
  /** Everything from the data IV to the end; rewrap carries it over verbatim. */
  dataSection: Buffer;
  dataIv: Buffer;
  ciphertext: Buffer;
  dataTag: Buffer;
};

/** Splits a sealed blob into its fields, rejecting other formats and short input. */
export function parseSealed(sealed: Uint8Array): SealedParts {
  const blob = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength);
  if (blob.length === 0) throw new CryptoError("malformed", "Sealed blob is empty");
  // No fallback for other values: an unknown format must never be guessed at.
  if (blob[0] !== FORMAT_V1) {
    throw new CryptoError("unsupported_format", `Unsupported sealed blob format 0x${hex2(blob[0] ?? 0)}`);
  }
  if (blob.length < MIN_SEALED_BYTES) {
    throw new CryptoError("malformed", `Sealed blob is truncated (${blob.length} bytes, need at least ${MIN_SEALED_BYTES})`);
  }
  const wrapKeyAt = WRAP_OFFSET + IV_BYTES;
  const wrapTagAt = wrapKeyAt + DATA_KEY_BYTES;
  const cipherAt = DATA_OFFSET + IV_BYTES;
  const dataTagAt = blob.length - TAG_BYTES;
  return {
    kekVersion: blob.readUInt32BE(1),
    wrap: {
      iv: blob.subarray(WRAP_OFFSET, wrapKeyAt),
      wrappedKey: blob.subarray(wrapKeyAt, wrapTagAt),
      tag: blob.subarray(wrapTagAt, DATA_OFFSET),
    },
    dataSection: blob.subarray(DATA_OFFSET),
    dataIv: blob.subarray(DATA_OFFSET, cipherAt),
    ciphertext: blob.subarray(cipherAt, dataTagAt),
    dataTag: blob.subarray(dataTagAt),
  };
}

/** Assembles a v1 blob from a KEK version, a wrap section and a data section. */
export function buildSealed(kekVersion: number, wrap: WrapSection, dataSection: Buffer): Buffer {
  const header = Buffer.alloc(HEADER_BYTES);
  header[0] = FORMAT_V1;
  header.writeUInt32BE(kekVersion, 1);
  return Buffer.concat([header, wrap.iv, wrap.wrappedKey, wrap.tag, dataSection]);
}

/** Returns the KEK version named in a sealed blob's header. */
export function sealedKekVersion(sealed: Uint8Array): number {
  return parseSealed(sealed).kekVersion;
}

// Distinct prefixes keep the two layers' associated data apart, so a wrap
// section can never authenticate as a data section or vice versa.
/** Associated data for the data layer. */
export function dataAad(aad: string): Buffer {
  return Buffer.from(`cv1:data:${aad}`, "utf8");
}

/** Associated data for the wrap layer. */
export function wrapAad(aad: string): Buffer {
  return Buffer.from(`cv1:wrap:${aad}`, "utf8");
}

/** Rejects an empty aad: it would bind the blob to no context at all. */
export function checkAad(aad: string): void {
  if (typeof aad !== "string" || aad.length === 0) throw new TypeError("aad must be a non-empty string");
}

function hex2(byte: number): string {
  return byte.toString(16).padStart(2, "0");
}
