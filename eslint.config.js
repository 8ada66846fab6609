import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['.output/**', '.wxt/**', 'node_modules/**', 'bench/results/**', 'demo-output/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // TypeScript already checks that names exist, with the right globals per tsconfig.
    files: ['**/*.ts', '**/*.tsx'],
    rules: { 'no-undef': 'off' },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: {
      globals: Object.fromEntries(
        ['console', 'process', 'URL', 'setTimeout', 'clearTimeout', 'document', 'window', 'performance',
          'fetch', 'DOMParser', 'history', 'location', 'Element', 'Node'].map((name) => [name, 'readonly']),
      ),
    },
  },
  {
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
