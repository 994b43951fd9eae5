// @ts-check
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'

/** Layering (DESIGN §2): shared ← renderer / server / main. A breach fails the lint, not a review. */
const layer = (/** @type {string[]} */ banned, /** @type {string} */ message) => ({
  'no-restricted-imports': [
    'error',
    {
      patterns: [{ group: banned, message }],
    },
  ],
})

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'dist-web/**', 'coverage/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src-shared/**/*.ts'],
    rules: layer(
      ['**/src-main/**', '**/src-renderer/**', '**/src-server/**', 'electron', 'electron/*', 'node:*', 'react', 'react-dom', 'dexie', 'fastify', 'zustand'],
      'src-shared is the pure domain: it imports no other src-* folder and no runtime (electron, node, react, dexie, fastify).',
    ),
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...layer(
        ['**/src-main/**', '**/src-server/**', 'electron', 'electron/*', 'node:*', 'fastify'],
        'The renderer reaches the outside world only through the platform seam; it never imports main or server code.',
      ),
    },
  },
  {
    files: ['src-server/**/*.ts'],
    rules: layer(
      ['**/src-main/**', '**/src-renderer/**', 'electron', 'electron/*', 'react', 'dexie'],
      'The server never imports renderer or main code.',
    ),
  },
  {
    files: ['src-main/**/*.ts'],
    rules: layer(['**/src-renderer/**', '**/src-server/**', 'react', 'dexie'], 'The main process never imports renderer or server code.'),
  },
)
