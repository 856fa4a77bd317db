// Lint: typescript-eslint's recommended rules plus the folder import rules of ARCHITECTURE.md.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const banned = (names, message) => names.map((name) => ({ name, message }));
const clockAndDice = [
  { object: 'Math', property: 'random', message: 'Randomness is a parameter: use a seeded stream (sim/rng).' },
  { object: 'Date', property: 'now', message: 'Time is a parameter: the harness passes it in.' },
  { object: 'performance', property: 'now', message: 'Time is a parameter: the harness passes it in.' },
];

const engineImports = ['error', {
  paths: banned(['three', 'react', 'react-dom', 'matter-js'], 'engine/ is the system under test: its own files, tfjs and comlink only.'),
  patterns: [{ group: ['**/sim/**', '**/bench/**', '**/web/**', '../sim', '../bench', '../web'], message: 'engine/ never imports sim/, bench/ or web/: it sees only its contract.' }],
}];

export default tseslint.config(
  { ignores: ['node_modules/', 'out/', 'dist/', 'bench/results/', 'scratch/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['sim/**/*.ts'],
    ignores: ['sim/**/*.test.ts', 'sim/render/**'],
    rules: {
      'no-restricted-properties': ['error', ...clockAndDice],
      'no-restricted-imports': ['error', {
        paths: banned(['three', 'react', 'react-dom'], 'sim/ is the headless core: no DOM, React or three (sim/render/ alone may use three).'),
        patterns: [{ group: ['**/bench/**', '**/web/**', '@react-three/*'], message: 'sim/ may import only engine/api, its own files, matter-js, seedrandom and zod.' },
          { group: ['**/engine/*', '!**/engine/api', '!**/engine/api.ts'], message: 'sim/ may import only the wire types of engine/api.' }],
      }],
    },
  },
  {
    files: ['engine/**/*.ts'],
    ignores: ['engine/**/*.test.ts'],
    rules: {
      'no-restricted-properties': ['error', ...clockAndDice],
      'no-restricted-imports': engineImports,
    },
  },
  {
    // Engine tests too see only the contract: tests that need the twin live in bench/.
    files: ['engine/**/*.test.ts'],
    rules: { 'no-restricted-imports': engineImports },
  },
  {
    // The worker entries time each engine call (the engine's own processing time); the engine never sees the clock.
    files: ['engine/host/worker.*.ts'],
    rules: { 'no-restricted-properties': ['error', clockAndDice[0]] },
  },
);
