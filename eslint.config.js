// Lint rules, including the runtime-by-folder rule (conventions §4.1): which folder may import what.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const electronOnlyInShell = {
  paths: [{ name: 'electron', message: 'Only main/shell/** and main/index.ts may import electron (ARCHITECTURE rule 0).' }],
  patterns: [],
};
// What a user runs is product code: main/ and scripts/ never reach into test/ (ARCHITECTURE rule 8).
const noTestImports = { regex: '(^|/)test/', message: 'Nothing outside test/ imports test/ (ARCHITECTURE rule 8): move what a user runs into main/.' };

export default tseslint.config(
  { ignores: ['out/**', 'release/**', 'node_modules/**', '.tools/**', 'test-output/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    files: ['main/shell/**/*.ts', 'main/index.ts', 'scripts/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noTestImports] }] },
  },
  {
    files: ['main/**/*.ts'],
    ignores: ['main/shell/**', 'main/index.ts'],
    rules: { 'no-restricted-imports': ['error', { ...electronOnlyInShell, patterns: [noTestImports] }] },
  },
  {
    files: ['main/local-org/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          ...electronOnlyInShell,
          patterns: [{ group: ['**/auth/*', '**/auth/**'], message: 'The local org keeps its own Okta schemas: never import main/auth (ARCHITECTURE rule 0).' }, noTestImports],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // Values from the contract would pull the schema library into the renderer bundle: types only.
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [{ regex: 'preload/contract\\.ts$', allowTypeImports: true, message: 'Import only types from the contract; values live in preload/enums.ts.' }] },
      ],
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The renderer talks to main only through window.garage.' }],
          patterns: [
            { group: ['node:*'], message: 'The renderer has no Node APIs.' },
            { regex: '(^|/)main/(?!core/errors\\.ts$)', message: 'The renderer may not import main/ (types come through preload/contract.ts).' },
          ],
        },
      ],
    },
  },
  {
    files: ['preload/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/renderer/**'], message: 'The preload may not import the renderer.' },
            { regex: '(^|/)main/(?!core/errors\\.ts$)', message: 'The preload may only import main/core/errors.ts from main.' },
          ],
        },
      ],
    },
  },
);
