export declare const FORM_MESSAGE_PREFIXES: readonly string[];
