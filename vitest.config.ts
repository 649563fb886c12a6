import { defineConfig, type TestProjectInlineConfiguration } from "vitest/config";
import path from "node:path";

const alias = {
  "@": path.resolve("."),
};

// The same API suite runs against a built server on SQLite and on PostgreSQL.
function apiProject(provider: "sqlite" | "postgres"): TestProjectInlineConfiguration {
  return {
    resolve: { alias },
    test: {
      name: `api-${provider}`,
      include: ["tests/api/**/*.test.ts"],
      environment: "node",
      globalSetup: ["tests/support/api-global-setup.ts"],
      setupFiles: ["tests/support/api-worker-setup.ts"],
      testTimeout: 60_000,
      hookTimeout: 120_000,
    },
  };
}

// The worker suite: a fresh database per project and no server (tests make
// events through lib/ and run workers in-process or as real processes).
// Its files run one at a time: a worker delivers everything due in its
// database, so two files at once would take each other's deliveries.
function workerProject(provider: "sqlite" | "postgres"): TestProjectInlineConfiguration {
  return {
    resolve: { alias },
    test: {
      name: `worker-${provider}`,
      include: ["tests/worker/**/*.test.ts"],
      environment: "node",
      globalSetup: ["tests/support/worker-global-setup.ts"],
      setupFiles: ["tests/support/api-worker-setup.ts"],
      fileParallelism: false,
      testTimeout: 120_000,
      hookTimeout: 120_000,
    },
  };
}

export default defineConfig({
  resolve: { alias },
  test: {
    // Vitest's default on two cores is one file at a time. The API and
    // worker files mostly wait on a server, a worker process or a receiver,
    // so three at a time keep both cores busy (docs/decisions/011).
    maxWorkers: 3,
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          include: ["lib/**/*.test.ts", "cli/**/*.test.ts", "scripts/**/*.test.ts"],
          environment: "node",
        },
      },
      apiProject("sqlite"),
      apiProject("postgres"),
      workerProject("sqlite"),
      workerProject("postgres"),
    ],
  },
});
