// "#server-only" in a browser bundle: the import below cannot be resolved, so
// the build stops. A module that holds secrets or touches the database was
// imported, directly or not, by code that runs in the browser. See
// lib/guards/README.md.
import "./a-server-only-module-was-imported-by-browser-code";
