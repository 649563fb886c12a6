export declare const DEFAULT_DATABASE_URL: string;
