import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { isErrno } from "./read-key-file";

/**
 * Writes `data` to `target` through a temp file in the same directory, so
 * readers see either the old file or the new one, never a partial write.
 * With `noClobber`, an existing target is left alone and false is returned.
 */
export function writeFileAtomic(target: string, data: string, mode: number, options: { noClobber?: boolean } = {}): boolean {
  const dir = path.dirname(target);
  const temp = path.join(dir, `.${path.basename(target)}.${randomBytes(6).toString("hex")}.tmp`);
  // "wx" refuses to follow a planted file or symlink at the temp name.
  const fd = fs.openSync(temp, "wx", mode);
  try {
    try {
      // The open mode is filtered by the umask; set it exactly.
      fs.fchmodSync(fd, mode);
      fs.writeFileSync(fd, data);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    if (options.noClobber) {
      if (!linkNoClobber(temp, target)) return false;
    } else {
      fs.renameSync(temp, target);
    }
    syncDirectory(dir);
    return true;
  } finally {
    fs.rmSync(temp, { force: true });
  }
}

// rename() would overwrite a file another process created a moment ago (two
// workers generating keys on first start: one set of keys would be lost).
// link() publishes the complete temp file but fails if the target exists.
function linkNoClobber(temp: string, target: string): boolean {
  try {
    fs.linkSync(temp, target);
    return true;
  } catch (error) {
    if (isErrno(error, "EEXIST")) return false;
    // Some filesystems lack hard links; fall back to check-then-rename, which
    // leaves only a tiny race window.
    if (fs.existsSync(target)) return false;
    fs.renameSync(temp, target);
    return true;
  }
}

// Makes the rename itself durable; not every platform can fsync a directory.
function syncDirectory(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, "r");
    fs.fsyncSync(fd);
  } catch {
    // Best effort only.
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}
