import { fileURLToPath } from 'node:url';

/**
 * The directory the package is installed in, which holds views/, public/ and surveys/. This
 * module runs as server/package-root.ts from the sources (tsx: `npm run dev`, the tests) and as
 * dist/server/package-root.js once built (`npm start`, the bin), one directory deeper.
 */
export const PACKAGE_ROOT = fileURLToPath(new URL(import.meta.url.endsWith('.ts') ? '..' : '../..', import.meta.url));
