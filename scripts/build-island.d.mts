export declare const HOSTED_OUT: string;
export declare const BRAND_MARKS_OUT: string;
export declare const ISLAND_LOCALES: string[];
export declare function islandOut(locale: string): string;
export declare function gzippedBytes(path: string): number;
export declare function buildIsland(): Promise<{ scripts: Record<string, number>; brandMarks: number }>;
