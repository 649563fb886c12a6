import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { workerArgs } from "./worker-command.mjs";

it("npm run worker starts the worker exactly as npm start, the benches and the tests do", () => {
  const scripts = (JSON.parse(readFileSync("package.json", "utf8")) as { scripts: Record<string, string> }).scripts;
  expect(scripts.worker).toBe(`node ${workerArgs().join(" ")}`);
});
