// Loads a function from a ```js block of the README, as written, so tests
// run the merchant-facing snippets and the docs cannot drift from the code.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

export async function loadReadmeFunction<F>(name: string): Promise<F> {
  const readme = readFileSync(join(process.cwd(), "README.md"), "utf8");
  const block = [...readme.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]).find((code) => code?.includes(`function ${name}(`));
  if (!block) throw new Error(`README has no ${name} snippet`);
  const file = join(mkdtempSync(join(tmpdir(), "readme-snippet-")), `${name}.mjs`);
  writeFileSync(file, block);
  return ((await import(pathToFileURL(file).href)) as Record<string, F>)[name] as F;
}
