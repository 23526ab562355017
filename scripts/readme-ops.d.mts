export declare const START: string;
export declare const END: string;
export declare function renderOperations(implemented: readonly string[], modeled: readonly string[], isPublic: (name: string) => boolean): string;
export declare function replaceOperations(readme: string, section: string): string;
