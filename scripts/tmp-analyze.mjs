import { build, analyzeMetafile } from "esbuild";
import { join } from "node:path";
const root = process.cwd();
const r = await build({
  entryPoints: [join(root, "components", "checkout", "card-form.island.tsx")],
  outfile: "/tmp/island.js",
  bundle: true,
  minify: true,
  format: "iife",
  target: ["es2020"],
  jsx: "automatic",
  legalComments: "none",
  define: { "process.env.NODE_ENV": '"production"' },
  alias: {
    react: "preact/compat",
    "react-dom": "preact/compat",
    "react-dom/client": "preact/compat/client",
    "react/jsx-runtime": "preact/jsx-runtime",
    "@": root,
  },
  tsconfig: join(root, "tsconfig.json"),
  logLevel: "warning",
  metafile: true,
});
console.log(await analyzeMetafile(r.metafile));
