// ESLint: typescript-eslint's recommended rules plus the import directions of
// ARCHITECTURE.md, enforced per layer with no-restricted-imports.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const layer = (name) => [`**/${name}`, `**/${name}/*`, `**/${name}/**`];
const restrict = (patterns, message) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }] }],
});

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'models/**', 'demo/public/**', 'bench/results.json', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: restrict(
      [...layer('sdk'), ...layer('worker'), ...layer('server'), ...layer('train'), 'idb', 'comlink', '@tensorflow/*', 'hono', 'hono/*', 'better-sqlite3', 'node:*', 'zod'],
      'src/core is pure and platform-free: it imports nothing of ours outside core, and no platform library.',
    ),
  },
  {
    files: ['src/sdk/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@tensorflow/*'], message: 'No tfjs on the main thread, ever: the model runs in the worker.' },
            {
              regex: '(^|/)worker(/(?!protocol$).*)?$',
              message: 'src/sdk talks to the worker only through src/worker/protocol.ts.',
            },
            { group: [...layer('server'), ...layer('train')], message: 'Nothing imports server or train.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/worker/**/*.ts'],
    rules: restrict([...layer('sdk'), ...layer('server'), ...layer('train')], 'The worker imports core and its own modules only.'),
  },
  {
    // Privacy by construction: only the sync module may send anything. The model loader
    // may fetch Tailor's own static files (it is reviewed for that), and the cart capture may
    // GET the shop's own cart API on the shop's own origin (reviewed; PRIVACY.md), nothing else may fetch.
    files: ['src/sdk/**/*.ts', 'src/worker/**/*.ts', 'src/core/**/*.ts'],
    ignores: ['src/worker/sync/**', 'src/worker/model/**', 'src/worker/static/**', 'src/sdk/track/captureCart.ts'],
    rules: {
      'no-restricted-globals': [
        'error',
        ...['fetch', 'XMLHttpRequest', 'WebSocket', 'EventSource', 'WebTransport'].map((name) => ({
          name,
          message: 'Only src/worker/sync may use the network (see PRIVACY.md).',
        })),
      ],
      'no-restricted-properties': [
        'error',
        { object: 'navigator', property: 'sendBeacon', message: 'Only src/worker/sync may use the network.' },
        { object: 'window', property: 'fetch', message: 'Only src/worker/sync may use the network.' },
        { object: 'self', property: 'fetch', message: 'Only src/worker/sync may use the network.' },
        { object: 'globalThis', property: 'fetch', message: 'Only src/worker/sync may use the network.' },
      ],
    },
  },
  {
    files: ['src/train/**/*.ts'],
    rules: restrict([...layer('sdk'), ...layer('worker'), ...layer('server')], 'Training imports core only (plus its own modules).'),
  },
  {
    files: ['src/server/**/*.ts'],
    rules: restrict([...layer('sdk'), ...layer('worker'), ...layer('train')], 'The server imports core and demo only.'),
  },
  {
    files: ['demo/**/*.ts'],
    rules: restrict([...layer('src'), ...layer('server'), ...layer('sdk'), ...layer('worker'), ...layer('train')], 'The demo shop is a merchant site: it knows Tailor only by its tag.'),
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
