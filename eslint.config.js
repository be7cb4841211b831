// Lint: type-aware TypeScript rules, React hooks, and the import boundaries of STYLE.md:
// dependencies point inward (app → db, sync, capture → audit, demo → model → protocol → policy;
// server → audit, demo, model, protocol, policy). policy imports nothing of ours, protocol only
// policy's vocabularies and schemas (decision 0021), and none of the pure folders a platform
// library. model holds the stored records' shapes, shared by the tablet, audit and the server.
// audit is pure too (no platform library) because the server re-verifies its chains.
// demo (the demo setting's fixed data, seeded by both device and server) is pure as well.
// tests/architecture/importCycles.test.ts fails on any import cycle, between files or folders.
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'

const ours = (folders) =>
  folders.map((f) => ({
    group: [`**/${f}/**`, `**/${f}`],
    message: `STYLE.md: this folder may not import ${f}/.`,
  }))

function boundary(files, forbiddenFolders, extraPatterns = []) {
  return {
    files,
    // Tests may read fixtures from disk and wire parts together; the boundary is for the code.
    ignores: ['**/*.test.ts', '**/*.test.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [...ours(forbiddenFolders), ...extraPatterns] },
      ],
    },
  }
}

const platform = [
  {
    group: ['dexie', 'dexie-*', 'react', 'react-*', 'zustand', 'workbox-*'],
    message: 'Pure code: no platform libraries.',
  },
  { group: ['node:*', 'fs', 'path', 'crypto'], message: 'Pure code: no Node modules.' },
]

export default tseslint.config(
  {
    ignores: [
      'dist',
      'dist-server',
      'dev-dist',
      'node_modules',
      'coverage',
      'data',
      'tests/fixtures',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      // One type program for every file (the root tsconfig), not one per nearest tsconfig: the
      // pure folders' own tsconfigs would each build a program and check those files again,
      // about a sixth of lint's time. Their no-DOM, no-Node guarantee is the type check's
      // (src/tsconfig.pure.json), not the linter's.
      parserOptions: { project: './tsconfig.json', tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.browser, ...globals.node },
    },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: 'TSEnumDeclaration', message: 'STYLE.md: union types, not enums.' },
      ],
    },
  },
  boundary(
    ['src/policy/**'],
    ['app', 'db', 'sync', 'capture', 'audit', 'server', 'protocol', 'demo', 'model'],
    platform,
  ),
  boundary(
    ['src/protocol/**'],
    ['app', 'db', 'sync', 'capture', 'audit', 'server', 'demo', 'model'],
    platform,
  ),
  boundary(['src/model/**'], ['app', 'db', 'sync', 'capture', 'audit', 'server', 'demo'], platform),
  boundary(['src/demo/**'], ['app', 'db', 'sync', 'capture', 'audit', 'server'], platform),
  boundary(['src/db/**', 'src/capture/**', 'src/sync/**'], ['app', 'server']),
  // The audit log's chain, verification and exports run on the tablet and on the server alike,
  // so they stay free of platform libraries and of the tablet's database (record shapes come
  // from src/model).
  boundary(['src/audit/**'], ['app', 'server', 'sync', 'capture', 'db'], platform),
  boundary(['src/server/**'], ['app', 'db', 'sync', 'capture']),
  boundary(['src/app/components/**'], ['db']),
  // A screen is a thin view plus a hook: the view (.tsx) renders, its hook reads and writes.
  boundary(['src/app/screens/**/*.tsx'], ['db']),
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['**/*.test.ts', '**/*.test.tsx', 'tests/**'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
    },
  },
)
