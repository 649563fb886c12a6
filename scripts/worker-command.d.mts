export declare const WORKER_HEAP_MB: number;
export declare function workerArgs(): string[];
