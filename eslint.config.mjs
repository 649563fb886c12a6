// Lint rules that keep the layering honest (ARCHITECTURE.md: routes and
// components never touch Prisma; only lib/ does).
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: [
      "node_modules/**",
      ".next/**",
      "dist/**",
      "lib/db/generated/**",
      "data/**",
      "next-env.d.ts",
      "public/hosted/**",
      "test-results/**",
      "playwright-report/**",
    ],
  },
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-explicit-any": "off",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    files: ["app/**/*.{ts,tsx}", "pages/**/*.{ts,tsx}", "components/**/*.{ts,tsx}", "proxy.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["@prisma/*", "**/db/generated/**", "@/lib/db/client", "**/lib/db/client"], message: "Routes and components call lib/, never Prisma." },
          ],
        },
      ],
    },
  },
  {
    // The domain areas sit below the API and portal wrappers: they throw the
    // error model (lib/errors) and never reach up into lib/api.
    files: ["lib/**/*.{ts,tsx}"],
    ignores: ["lib/api/**", "lib/portal/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["../api/*", "@/lib/api/*"], message: "lib/api is the API wrapper: import the error model from lib/errors." }] },
      ],
    },
  },
  {
    // One way to open a write transaction: writeTransaction (lib/db/write-transaction.ts),
    // which carries a request's first write (the Idempotency-Key's record) into it.
    files: ["lib/**/*.{ts,tsx}", "cli/**/*.ts", "worker/**/*.ts"],
    ignores: ["lib/db/**"],
    rules: {
      "no-restricted-syntax": [
        "error",
        { selector: "MemberExpression[property.name='$transaction']", message: "Open write transactions with writeTransaction (lib/db/write-transaction.ts)." },
      ],
    },
  },
);
