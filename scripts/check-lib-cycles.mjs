// `npm test` step (after lint): fails when lib/'s folders import each other
// in a cycle (decision 009). Inside lib/ each folder is a layer: the error
// model, db, crypto and cards at the bottom, the domain areas above them,
// the API and portal wrappers and key rotation on top. A cycle between two
// folders means one of them reaches upwards.
//
// dependency-cruiser reads the imports (TypeScript, type-only imports
// included: they couple folders too); this file only folds modules into
// folders and looks for cycles. It checks two foldings, so that neither can
// hide a cycle: every direct subfolder of lib/ as one folder (lib/webhooks
// with lib/webhooks/delivery in it), and every nested folder on its own
// (lib/webhooks/delivery apart from lib/webhooks). A file at lib/'s root
// (lib/env.ts) counts as a folder of its own.
import { pathToFileURL } from "node:url";

/**
 * The folder of a module under lib/ at `depth` levels (1: "webhooks",
 * 2: "webhooks/delivery"); a file at lib/'s root is named after itself
 * ("env"). Null outside lib/.
 */
export function libFolder(path, depth) {
  const parts = path.split("/");
  if (parts[0] !== "lib" || parts.length < 2) return null;
  if (parts.length === 2) return parts[1].replace(/\.[^.]+$/, "");
  return parts.slice(1, Math.min(1 + depth, parts.length - 1)).join("/");
}

/**
 * Folder → folder → the imports behind that edge ("from → to"), from
 * dependency-cruiser's modules ({ source, dependencies: [{ resolved }] }).
 */
export function folderGraph(modules, depth) {
  const graph = new Map();
  for (const module of modules) {
    const from = libFolder(module.source, depth);
    if (from === null) continue;
    if (!graph.has(from)) graph.set(from, new Map());
    for (const dependency of module.dependencies) {
      const to = libFolder(dependency.resolved, depth);
      if (to === null || to === from) continue;
      const edges = graph.get(from);
      if (!edges.has(to)) edges.set(to, []);
      edges.get(to).push(`${module.source} → ${dependency.resolved}`);
      if (!graph.has(to)) graph.set(to, new Map());
    }
  }
  return graph;
}

/** The folders that reach each other (strongly connected components of two or more), each sorted. */
export function folderCycles(graph) {
  // Tarjan's algorithm; lib/ has a few dozen folders, so recursion is fine.
  let next = 0;
  const index = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const cycles = [];
  const visit = (folder) => {
    index.set(folder, next);
    low.set(folder, next);
    next += 1;
    stack.push(folder);
    onStack.add(folder);
    for (const to of graph.get(folder)?.keys() ?? []) {
      if (!index.has(to)) {
        visit(to);
        low.set(folder, Math.min(low.get(folder), low.get(to)));
      } else if (onStack.has(to)) {
        low.set(folder, Math.min(low.get(folder), index.get(to)));
      }
    }
    if (low.get(folder) !== index.get(folder)) return;
    const component = [];
    let member;
    do {
      member = stack.pop();
      onStack.delete(member);
      component.push(member);
    } while (member !== folder);
    if (component.length > 1) cycles.push(component.sort());
  };
  for (const folder of [...graph.keys()].sort()) if (!index.has(folder)) visit(folder);
  return cycles;
}

/** The imports between the folders of one cycle, for the message. */
function describe(graph, cycle) {
  const lines = [];
  for (const from of cycle) {
    for (const [to, imports] of graph.get(from)) {
      if (!cycle.includes(to)) continue;
      lines.push(`  ${from} → ${to}: ${imports[0]}${imports.length > 1 ? ` (and ${imports.length - 1} more)` : ""}`);
    }
  }
  return lines.join("\n");
}

async function main() {
  const { cruise } = await import("dependency-cruiser");
  const { default: extractTSConfig } = await import("dependency-cruiser/config-utl/extract-ts-config");
  const tsConfig = extractTSConfig("tsconfig.json");
  const result = await cruise(
    ["lib"],
    {
      tsPreCompilationDeps: true,
      tsConfig: { fileName: "tsconfig.json" },
      doNotFollow: { path: "node_modules" },
      includeOnly: "^lib/",
      exclude: { path: "^lib/db/generated/" },
    },
    undefined,
    { tsConfig },
  );
  const modules = result.output.modules;
  const reported = new Set();
  for (const depth of [1, 2]) {
    const graph = folderGraph(modules, depth);
    for (const cycle of folderCycles(graph)) {
      const name = cycle.join(", ");
      if (reported.has(name)) continue;
      reported.add(name);
      console.error(`Import cycle between lib/ folders ${name}:\n${describe(graph, cycle)}`);
    }
  }
  if (reported.size > 0) process.exit(1);
  console.log(`No import cycle between lib/'s folders (${modules.length} modules).`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await main();
