export declare function libFolder(path: string, depth: number): string | null;
export type FolderGraph = Map<string, Map<string, string[]>>;
export declare function folderGraph(modules: { source: string; dependencies: { resolved: string }[] }[], depth: number): FolderGraph;
export declare function folderCycles(graph: FolderGraph): string[][];
