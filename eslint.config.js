import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import vue from 'eslint-plugin-vue';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { mainLayersRule } from './eslint/main-layers.js';

const electronOnlyInShell = {
  name: 'electron',
  message: 'Only src-main/index.ts and src-main/preload.ts may import electron.',
  allowTypeImports: true,
};

const rendererPatterns = [
  {
    group: ['**/src-main', '**/src-main/**'],
    message: 'The renderer talks to main only through the typed api.',
  },
  { regex: '^node:', message: 'The renderer has no Node APIs.' },
];

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'out/**',
      'dist/**',
      'test-results/**',
      'playwright-report/**',
      'test/fixtures/lint/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...vue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
  },
  {
    languageOptions: {
      globals: { ...globals.node, ...globals.browser },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      'vue/multi-word-component-names': 'off',
      '@typescript-eslint/no-restricted-imports': ['error', { paths: [electronOnlyInShell] }],
      // One concern per module: a file past this is doing several jobs (docs/ARCHITECTURE.md).
      'max-lines': ['error', { max: 400, skipBlankLines: false, skipComments: false }],
    },
  },
  {
    // The layer rule of DESIGN.md: the renderer never reaches into main.
    files: ['src-renderer/**/*.{ts,vue}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { paths: [electronOnlyInShell], patterns: rendererPatterns },
      ],
    },
  },
  {
    // Components call store actions; only the Pinia stores (and main.ts) hold the api.
    files: [
      'src-renderer/components/**/*.{ts,vue}',
      'src-renderer/lib/**/*.ts',
      'src-renderer/App.vue',
    ],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [electronOnlyInShell],
          patterns: [
            ...rendererPatterns,
            {
              group: ['**/api', '**/api/**', '!**/src-shared/**'],
              message: 'Only the Pinia stores call the api; components call store actions.',
            },
          ],
        },
      ],
    },
  },
  {
    // src-shared is pure: no side, no Node, no DOM.
    files: ['src-shared/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [electronOnlyInShell],
          patterns: [
            {
              group: ['**/src-main', '**/src-main/**', '**/src-renderer', '**/src-renderer/**'],
              message: 'src-shared imports neither side.',
            },
            { regex: '^node:', message: 'src-shared is pure TypeScript: no Node APIs.' },
          ],
        },
      ],
    },
  },
  {
    // The layers of src-main (docs/ARCHITECTURE.md): each folder imports only those below it.
    files: ['src-main/**/*.ts'],
    plugins: { local: { rules: { 'main-layers': mainLayersRule } } },
    rules: { 'local/main-layers': 'error' },
  },
  {
    files: ['src-main/index.ts', 'src-main/preload.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': 'off' },
  },
  prettier,
);
