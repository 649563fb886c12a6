import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { writeFileAtomic } from "./write-file-atomic";

let dir = "";
afterEach(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe("writeFileAtomic", () => {
  it("replaces the file with the given mode and leaves no temp file", () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "vault-atomic-"));
    const file = path.join(dir, "f.json");
    fs.writeFileSync(file, "old", { mode: 0o644 });
    expect(writeFileAtomic(file, "new", 0o600)).toBe(true);
    expect(fs.readFileSync(file, "utf8")).toBe("new");
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(dir)).toEqual(["f.json"]);
  });

  it("with noClobber, keeps an existing file and reports false", () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "vault-atomic-"));
    const file = path.join(dir, "f.json");
    expect(writeFileAtomic(file, "first", 0o600, { noClobber: true })).toBe(true);
    expect(writeFileAtomic(file, "second", 0o600, { noClobber: true })).toBe(false);
    expect(fs.readFileSync(file, "utf8")).toBe("first");
    expect(fs.readdirSync(dir)).toEqual(["f.json"]);
  });
});
