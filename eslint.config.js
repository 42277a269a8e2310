// ESLint (flat config): type-aware TypeScript rules and no undeclared dependencies.
//
// `npm run lint` checks src/, test/, bench/ (TypeScript, with the types of tsconfig.json)
// and scripts/ + public/ (plain JavaScript). Prettier owns the layout, so no style rules here.
// A rule is switched off or relaxed only with the reason beside it.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { importX, createNodeResolver } from 'eslint-plugin-import-x';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'ontology/**', 'shapes/**', 'reports/**', 'alignments/**'] },

  js.configs.recommended,

  {
    files: ['src/**/*.ts', 'test/**/*.ts', 'bench/**/*.ts'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // The promise rules are the reason for type-aware linting: a promise nobody awaits loses its error.
      // node:test's test()/describe()/it() return promises the runner itself awaits.
      '@typescript-eslint/no-floating-promises': [
        'error',
        { allowForKnownSafeCalls: [{ from: 'package', package: 'node:test', name: ['test', 'it', 'describe', 'suite'] }] },
      ],
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      // The code is written for `noUncheckedIndexedAccess`: `xs[i]!` marks where it relies on an element
      // being there. Without that compiler option the `!` changes no type, and this rule would remove
      // the marks (457 of them) instead of finding a defect.
      '@typescript-eslint/no-unnecessary-type-assertion': 'off',
      // N3's DataFactory (`const { namedNode, literal } = DataFactory`) is declared with methods but never
      // uses `this`; destructuring it is the idiom of RDF/JS code and every use of it was flagged.
      '@typescript-eslint/unbound-method': 'off',
      // `async` on a function without `await` keeps a Promise-returning contract and turns a throw into a
      // rejection, which is what callers of those functions (store, validators, routes) expect.
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
    },
  },

  // Escaping and IRI checks match control characters on purpose (N-Triples, Turtle, SPARQL text).
  { rules: { 'no-control-regex': 'off' } },

  // Tests and benches read JSON answers and log lines (typed `any` by JSON.parse and fetch) and assert
  // on them field by field: an absent field fails the assertion, so the `any` rules add nothing there.
  {
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },

  {
    files: ['scripts/**/*.mjs', 'scripts/**/*.js', 'eslint.config.js'],
    languageOptions: { globals: globals.node },
  },
  {
    // screenshots.mjs hands functions to the browser (page.evaluate), which see window and document.
    files: ['scripts/screenshots.mjs'],
    languageOptions: { globals: globals.browser },
  },
  {
    // Browser scripts; YASGUI is loaded by its own <script> before sparql-page.js.
    files: ['public/**/*.js'],
    languageOptions: { globals: { ...globals.browser, Yasgui: 'readonly' }, sourceType: 'script' },
  },

  // Every package a file imports is declared in package.json; src/ (what `npm start` runs) only
  // from "dependencies", tests, benches and scripts also from "devDependencies". Type-only imports
  // (`import type`) vanish at run time, so they may come from devDependencies (@types/*, @rdfjs/types).
  {
    files: ['src/**/*.ts', 'test/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.mjs', 'eslint.config.js'],
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver-next': [createNodeResolver()] },
    rules: {
      'import-x/no-extraneous-dependencies': [
        'error',
        {
          devDependencies: ['test/**', 'bench/**', 'scripts/**', 'eslint.config.js'],
          optionalDependencies: false,
          peerDependencies: false,
        },
      ],
    },
  },
);
