// "#server-only" on the server, in the CLI and in tests: nothing to do.
// See lib/guards/README.md.
export {};
