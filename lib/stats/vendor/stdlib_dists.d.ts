// Types of stdlib_dists.js (the bundle of stdlib_dists_entry.ts): @stdlib's own signatures.
export declare function tCdf(x: number, v: number): number;
export declare function tQuantile(p: number, v: number): number;
export declare function normalCdf(x: number, mu: number, sigma: number): number;
export declare function normalQuantile(p: number, mu: number, sigma: number): number;
export declare function binomialCdf(x: number, n: number, p: number): number;
