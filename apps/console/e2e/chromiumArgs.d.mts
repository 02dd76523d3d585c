/** How the browser checks start Debian's chromium; see chromiumArgs.mjs. */
export declare const chromiumArgs: ReadonlyArray<string>;
