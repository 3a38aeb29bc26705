// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'test-output/', 'sandbox/web/'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // Where they fight the code base's own choices (not its correctness):
      // `!` after a look-up is how code reads under noUncheckedIndexedAccess, once a check above made it safe;
      '@typescript-eslint/no-non-null-assertion': 'off',
      // XState's fromPromise actors and the Store port's in-memory twin return promises by contract, awaited or not;
      '@typescript-eslint/require-await': 'off',
      // `return ctx.reply(...)` ends a command handler with its reply;
      '@typescript-eslint/no-confusing-void-expression': 'off',
      // the stores keep keyed records and delete by key.
      '@typescript-eslint/no-dynamic-delete': 'off',
      // Numbers and booleans in messages and log lines read fine.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
      // `_name` marks what a destructuring leaves out on purpose.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['**/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
);
