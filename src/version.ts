/** kenro's version, kept in step with package.json (test/version.test.ts checks it). */
export const KENRO_VERSION = '0.1.0';
