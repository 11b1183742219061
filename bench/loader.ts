/**
 * How the bench starts TypeScript in a child Node process.
 */

/** tsx's loader for `node --import`, resolved from this package so a child finds it whatever its working directory. */
export const TSX = import.meta.resolve('tsx');
