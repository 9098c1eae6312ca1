import pkg from '../package.json' with { type: 'json' };

/** This package's version, from package.json (inlined by the build). */
export const VERSION: string = pkg.version;
