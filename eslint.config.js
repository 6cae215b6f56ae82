// Boundaries between runtimes are enforced here, not remembered (docs/decisions/0002-layers.md).
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)];
const electronOnly = { name: 'electron', message: 'Only main/shell and preload/index.ts may import electron.' };

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '.cache/**', '.tools/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // Core and everything below it: plain Node, no Electron, no UI.
    files: ['main/**/*.ts'],
    ignores: ['main/shell/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [electronOnly], patterns: [{ group: ['**/renderer/**', 'react', 'react-dom', '@fluentui/*'], message: 'The core imports no UI.' }] }],
    },
  },
  {
    // The shell: Electron, and the core only through a utility process (no core code in this process).
    files: ['main/shell/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/renderer/**', '../core/core', '../store/**', '../settings/**'], message: 'The shell talks to the core over the contract, never by importing it.' }] }],
    },
  },
  {
    // The contract: schemas only, shared by every side.
    files: ['preload/contract/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [electronOnly, ...nodeBuiltins], patterns: [{ group: ['**/main/**', '**/renderer/**', 'react'], message: 'The contract depends on zod alone.' }] }],
    },
  },
  {
    // The renderer: browser code; only the contract crosses over.
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronOnly, ...nodeBuiltins],
          patterns: [{ group: ['**/main/**', '**/preload/index*', '**/backend/**'], message: 'The renderer imports only the contract (preload/contract).' }],
        },
      ],
    },
  },
  {
    // The city backend: plain Node, its own service. It imports no desk code (main/**, renderer, electron);
    // the desk imports its contract, never the other way round.
    files: ['backend/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [electronOnly], patterns: [{ group: ['**/main/**', '**/renderer/**', 'react', 'react-dom', '@fluentui/*'], message: 'The backend imports no desk code.' }] }],
    },
  },
  {
    // The backend's contract: zod schemas the desk imports too, so no Node built-ins and no server code.
    files: ['backend/contract/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [electronOnly, ...nodeBuiltins], patterns: [{ group: ['**/main/**', '**/renderer/**', '../server/**', '../db/**', '../sync/**', '../auth/**', '../open311/**', 'fastify', 'pg', 'better-sqlite3'], message: 'The backend contract depends on zod (and the desk contract) alone.' }] },
      ],
    },
  },
);
