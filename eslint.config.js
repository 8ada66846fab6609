import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['.output/**', '.wxt/**', 'node_modules/**', 'bench/results/**', 'demo-output/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        console: 'readonly', process: 'readonly', URL: 'readonly', setTimeout: 'readonly',
        clearTimeout: 'readonly', document: 'readonly', window: 'readonly', performance: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Page text is untrusted: it must never reach the DOM as HTML.
      'no-restricted-properties': [
        'error',
        { property: 'innerHTML', message: 'Use text nodes; page text is untrusted.' },
        { property: 'outerHTML', message: 'Use text nodes; page text is untrusted.' },
        { property: 'insertAdjacentHTML', message: 'Use text nodes; page text is untrusted.' },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'Page text is untrusted.' },
      ],
    },
  },
  {
    files: ['tests/fixtures/**/*.js', 'scripts/**/*.mjs'],
    rules: { 'no-restricted-properties': 'off' },
  },
);
