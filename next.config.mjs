// @ts-check
/** @type {import("next").NextConfig} */
const config = {
  // No "X-Powered-By: Next.js": nothing about the stack leaks to callers.
  poweredByHeader: false,
  // `npm test` type-checks the whole tree (tests included) with tsc before it
  // builds; the build repeating it would only slow npm start on a fresh clone.
  typescript: { ignoreBuildErrors: true },
  // Native and WebAssembly-carrying packages stay outside the bundle.
  serverExternalPackages: ["pino", "better-sqlite3", "@prisma/adapter-better-sqlite3", "@prisma/adapter-pg", "pg"],
};

export default config;
