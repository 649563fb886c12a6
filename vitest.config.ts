import { defineConfig } from "vitest/config";
import path from "node:path";

const alias = {
  "server-only": path.resolve("tests/support/empty-module.ts"),
  "@": path.resolve("."),
};

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          include: ["lib/**/*.test.ts", "cli/**/*.test.ts", "scripts/**/*.test.ts"],
          environment: "node",
        },
      },
    ],
  },
});
