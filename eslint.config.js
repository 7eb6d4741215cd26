import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['node_modules/', 'data/', 'dist/', 'test-artifacts/', 'public/vendor/', '.stryker-tmp*/', 'reports/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': 'off',
    },
  },
  {
    files: ['server/domain/**/*.ts'],
    rules: {
      // The core receives; it never reaches for a framework or a database itself.
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                'express',
                'express/*',
                'mongoose',
                'mongoose/*',
                'better-sqlite3',
                'ejs',
                'node:fs',
                'fs',
                'node:http',
                'http',
              ],
              message: 'server/domain is pure: receive what you need instead of importing it.',
            },
            // At any depth: a file in server/domain/statistics/ reaches the store as ../../store/….
            {
              group: ['**/store/**', '**/services/**', '**/http/**', '**/routes/**', '**/cli/**'],
              message: 'server/domain must not depend on outer layers.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['server/routes/**/*.ts', 'server/http/**/*.ts'],
    rules: {
      // Services are the only way in (docs/decisions/0010-services-are-the-only-way-in.md).
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/store/**'],
              message:
                'Routes and server/http reach the data through the services; take entity types from server/domain/records.ts.',
            },
          ],
        },
      ],
    },
  },
  {
    // Tests mutate raw JSON on purpose to build each kind of bad instrument file.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['public/**/*.js'],
    languageOptions: { globals: { ...globals.browser } },
  },
);
