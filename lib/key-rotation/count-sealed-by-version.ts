import "#server-only";
import { SEALED_COLUMNS } from "./sealed-columns";

/** How many sealed values each KEK version protects, over every column of SEALED_COLUMNS. */
export async function countSealedByVersion(): Promise<Map<number, number>> {
  const counts = new Map<number, number>();
  for (const perColumn of await Promise.all(SEALED_COLUMNS.map((column) => column.countByVersion()))) {
    for (const [version, count] of perColumn) counts.set(version, (counts.get(version) ?? 0) + count);
  }
  return counts;
}
