/**
 * Prisma's Bytes columns are typed Uint8Array<ArrayBuffer>, while node's
 * Buffer may sit on a shared pool; this copies into an exact, unshared array.
 */
export function toDbBytes(buffer: Uint8Array): Uint8Array<ArrayBuffer> {
  const copy = new Uint8Array(buffer.byteLength);
  copy.set(buffer);
  return copy;
}
