/** The version of this package, sent as `X-Comensha-Client: sdk-ts/<version>`. Kept equal to package.json by a test. */
export const VERSION = "0.1.0";
