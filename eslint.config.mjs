import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'out/**',
      'sample/**',
      'node_modules/**',
      '.vscode-test/**',
      'test/fixtures/**',
      'test-results/**',
    ],
  },
  {
    files: ['src/**/*.ts', 'test/**/*.ts'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        {
          selector: "AssignmentExpression[left.property.name='innerHTML']",
          message: 'Never use innerHTML: render text with textContent.',
        },
      ],
    },
  },
  {
    // Tests destructure module functions and implement async interfaces with sync bodies: both are fine there.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/unbound-method': 'off', '@typescript-eslint/require-await': 'off' },
  },
  {
    files: [
      'src/analysis/**',
      'src/token/**',
      'src/handoff/**',
      'src/project/**',
      'src/protocol/**',
      'src/lessonState/**',
      'src/snippets/**',
      'src/workspace/**',
      'src/worker/**',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'vscode', message: 'The pure core must not import vscode.' }] },
      ],
    },
  },
);
