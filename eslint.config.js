// One linter for the whole tree. The core must stay pure: no I/O, no clock, no console.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const ioModules = [
  'fs',
  'path',
  'os',
  'child_process',
  'net',
  'http',
  'https',
  'worker_threads',
  'process',
  'readline',
  'stream',
  'url',
  'crypto',
];
const banned = ioModules.flatMap((m) => [m, `node:${m}`, `${m}/*`, `node:${m}/*`]);

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'coverage', '.bench'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      // Leaving fields out by destructuring (`const { a, ...rest } = x`) is not an unused variable.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: banned.map((name) => ({
            name,
            message: 'The core does no I/O: pass data in from src/files or src/cli.',
          })),
          patterns: [
            {
              group: ['../*', '!../core/*'],
              message: 'The core depends on nothing outside src/core.',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'process', message: 'The core reads no environment.' },
        { name: 'fetch', message: 'The core does no network I/O.' },
        { name: 'setTimeout', message: 'The core has no clock.' },
        { name: 'setInterval', message: 'The core has no clock.' },
        { name: 'performance', message: 'The core has no clock.' },
        { name: 'console', message: 'The core does not print; return data.' },
        { name: 'require', message: 'The core imports only pure modules.' },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'The core has no clock.' },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "NewExpression[callee.name='Date']", message: 'The core has no clock.' },
        { selector: 'ImportExpression', message: 'The core loads nothing at run time.' },
      ],
    },
  },
  {
    files: ['**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
);
