// Stands in for "server-only" under Vitest: the real package throws unless the
// bundler's react-server condition is set, and unit tests run outside Next.
export {};
