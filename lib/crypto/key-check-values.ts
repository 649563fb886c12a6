import "#server-only";
import { getDb } from "../db/client";
import { toDbBytes } from "../db/bytes";
import { writeTransaction } from "../db/write-transaction";
import { isUniqueViolation } from "../db/unique-violation";

/** The key check values this database holds (lib/crypto/key-check-value.ts), by row name. */
export async function readKeyCheckValues(): Promise<Map<string, Buffer>> {
  const rows = await getDb().keyCheckValue.findMany({ select: { keyName: true, checkValue: true } });
  return new Map(rows.map((row) => [row.keyName, Buffer.from(row.checkValue)]));
}

/**
 * Stores a check value unless the row exists, and returns the value the
 * database holds afterwards: ours, or the one another process starting at
 * the same moment stored first (with keys of its own, if they differ).
 */
export async function recordKeyCheckValue(name: string, value: Buffer): Promise<Buffer> {
  const db = getDb();
  try {
    await writeTransaction((tx) => tx.keyCheckValue.create({ data: { keyName: name, checkValue: toDbBytes(value) } }));
    return value;
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const row = await db.keyCheckValue.findUniqueOrThrow({ where: { keyName: name }, select: { checkValue: true } });
    return Buffer.from(row.checkValue);
  }
}
