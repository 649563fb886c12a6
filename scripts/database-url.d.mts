export declare const DEFAULT_DATABASE_URL: string;
export declare function databaseFromEnv(env?: NodeJS.ProcessEnv): { url: string; provider: "sqlite" | "postgres" };
