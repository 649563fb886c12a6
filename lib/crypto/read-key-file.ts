import "#server-only";
import fs from "node:fs";

/** Identity of one version of the key file; a change in any field means it was replaced or edited. */
export type FileStamp = { path: string; ino: number; size: number; mtimeMs: number };

/** Reads the key file and its stamp, or returns null if it does not exist. */
export function readKeyFile(file: string): { json: string; stamp: FileStamp } | null {
  let fd: number;
  try {
    fd = fs.openSync(file, "r");
  } catch (error) {
    if (isErrno(error, "ENOENT")) return null;
    throw error;
  }
  try {
    // Stat the open descriptor so the stamp describes exactly the bytes read,
    // even if the file is replaced in between.
    const stamp = toStamp(file, fs.fstatSync(fd));
    return { json: fs.readFileSync(fd, "utf8"), stamp };
  } finally {
    fs.closeSync(fd);
  }
}

/** Stats the key file by path, or returns null if it does not exist. */
export function statKeyFile(file: string): FileStamp | null {
  const stats = fs.statSync(file, { throwIfNoEntry: false });
  return stats ? toStamp(file, stats) : null;
}

/** True when two stamps describe the same file contents as far as stat can tell. */
export function sameStamp(a: FileStamp, b: FileStamp): boolean {
  return a.path === b.path && a.ino === b.ino && a.size === b.size && a.mtimeMs === b.mtimeMs;
}

/** True when `error` is a Node system error with the given code. */
export function isErrno(error: unknown, code: string): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === code;
}

function toStamp(file: string, stats: fs.Stats): FileStamp {
  return { path: file, ino: stats.ino, size: stats.size, mtimeMs: stats.mtimeMs };
}
