/**
 * Lint for Shujutong: typescript-eslint's recommended rules, no import cycles, and the layers
 * (domain < contracts < gateway | subgraphs < scripts, test) as restricted paths, so an import
 * across a line fails `npm test`. Formatting is Prettier's (`prettier --check .` in `npm run lint`),
 * so eslint-config-prettier comes last and switches off every rule that would argue with it.
 */
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import prettier from 'eslint-config-prettier';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const root = import.meta.dirname;
const TS = ['**/*.ts'];
/** Tests and micro-benchmarks beside the code they exercise. */
const BESIDE = ['**/__tests__/**', '**/__bench__/**'];
const CODE_DIRS = ['domain', 'contracts', 'gateway', 'subgraphs', 'scripts', 'test'];
/** Gateway folders that are libraries the request stages use. */
const GATEWAY_LIBRARIES = ['policy', 'auth', 'masking', 'audit'];

const WHY = {
  domain: 'domain/ is the ground: it imports nothing of ours.',
  contracts: 'contracts/ is what both sides of the wire agree on: it imports only domain/.',
  sides:
    'gateway/ and subgraphs/ are separate processes talking over HTTP: share through contracts/.',
  scripts: 'scripts/ are command-line shells over the libraries: the libraries never import them.',
  testOnly: 'Production code never imports test utilities (test/, __tests__/, __bench__/).',
  library:
    'policy/, auth/, masking/ and audit/ are libraries that know no HTTP and no request stage: the stages (gateway/stages/) call them.',
  composition:
    'The running gateway serves the committed supergraph: composition belongs to `npm run compose` (scripts/compose/) and the stale-supergraph test.',
};

/** One zone per reason, so the message names the rule the import breaks. */
function zones(dir, rules) {
  return rules.map(([from, message]) => ({ target: `./${dir}`, from, message }));
}

/** Production code may not reach into test utilities, wherever they sit. */
const noTestUtilities = (dir) => [
  { target: `./${dir}`, from: './test', message: WHY.testOnly },
  { target: `./${dir}`, from: BESIDE, message: WHY.testOnly },
];

/**
 * The layer rule for one folder: `code` lists what its production files may not import,
 * `tests` what its tests beside the code may not (tests may also use test/ and scripts/).
 */
function layer(dir, code, tests) {
  const rule = (z) => ['error', { basePath: root, zones: z }];
  return [
    {
      name: `layers/${dir}`,
      files: [`${dir}/**/*.{ts,js}`],
      ignores: BESIDE,
      rules: {
        'import-x/no-restricted-paths': rule([...zones(dir, code), ...noTestUtilities(dir)]),
      },
    },
    ...(tests.length > 0
      ? [
          {
            name: `layers/${dir}-tests`,
            files: BESIDE.map((glob) => `${dir}/${glob}`),
            rules: { 'import-x/no-restricted-paths': rule(zones(dir, tests)) },
          },
        ]
      : []),
  ];
}

export default defineConfig(
  globalIgnores(['node_modules/', 'data/', 'coverage/', '.tmp/']),
  js.configs.recommended,
  {
    name: 'typescript',
    files: TS,
    extends: [tseslint.configs.recommended],
  },
  {
    name: 'typescript/deliberate',
    files: TS,
    rules: {
      // A leading underscore marks a name kept for its position or dropped on purpose: callback
      // parameters, a property left out by rest destructuring (`{ secret: _secret, ...rest }`).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    name: 'typescript/tests',
    files: ['test/**/*.ts', ...BESIDE.map((glob) => `${glob}/*.ts`)],
    rules: {
      // Tests read GraphQL response bodies, parsed JSON whose shape their assertions check; an
      // `any` there reaches no production code. Production code keeps the rule.
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    name: 'imports/resolver',
    plugins: { 'import-x': importX },
    settings: {
      // Without these the plugin reads only .js dependencies, and no-cycle sees no cycle at all.
      'import-x/extensions': ['.ts', '.js', '.mjs', '.cjs'],
      'import-x/external-module-folders': ['node_modules', 'node_modules/@types'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/resolver-next': [
        createTypeScriptImportResolver({ project: `${root}/tsconfig.json` }),
        createNodeResolver(),
      ],
    },
  },
  {
    name: 'imports/no-cycle',
    files: CODE_DIRS.map((dir) => `${dir}/**/*.ts`),
    rules: {
      // Type-only imports are erased at run time and skipped by the rule; value cycles are not.
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
    },
  },
  layer(
    'domain',
    [[['./contracts', './gateway', './subgraphs', './scripts'], WHY.domain]],
    [[['./contracts', './gateway', './subgraphs'], WHY.domain]],
  ),
  layer(
    'contracts',
    [[['./gateway', './subgraphs', './scripts'], WHY.contracts]],
    [[['./gateway', './subgraphs'], WHY.contracts]],
  ),
  layer(
    'gateway',
    [
      ['./subgraphs', WHY.sides],
      ['./scripts', WHY.scripts],
    ],
    [['./subgraphs', WHY.sides]],
  ),
  layer(
    'subgraphs',
    [
      ['./gateway', WHY.sides],
      ['./scripts', WHY.scripts],
    ],
    [['./gateway', WHY.sides]],
  ),
  layer('scripts', [], []),
  {
    name: 'gateway/no-composition',
    files: ['gateway/**/*.ts'],
    ignores: BESIDE,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: '@apollo/composition', message: WHY.composition }],
          patterns: [{ group: ['@apollo/composition/*'], message: WHY.composition }],
        },
      ],
    },
  },
  {
    // Replaces the gateway's rule for these folders (flat config does not merge a rule's
    // options), so it repeats the gateway's zones before adding its own.
    name: 'layers/gateway-libraries',
    files: GATEWAY_LIBRARIES.map((dir) => `gateway/${dir}/**/*.ts`),
    ignores: BESIDE,
    rules: {
      'import-x/no-restricted-paths': [
        'error',
        {
          basePath: root,
          zones: GATEWAY_LIBRARIES.flatMap((dir) =>
            [
              ['./subgraphs', WHY.sides],
              ['./scripts', WHY.scripts],
              ['./test', WHY.testOnly],
              [BESIDE, WHY.testOnly],
              [
                ['./gateway/stages', './gateway/http', './gateway/execution', './contracts/http'],
                WHY.library,
              ],
            ].map(([from, message]) => ({ target: `./gateway/${dir}`, from, message })),
          ),
        },
      ],
      'no-restricted-imports': [
        'error',
        {
          paths: [
            ...['http', 'node:http'].map((name) => ({ name, message: WHY.library })),
            { name: '@apollo/composition', message: WHY.composition },
          ],
          patterns: [{ group: ['@apollo/composition/*'], message: WHY.composition }],
        },
      ],
    },
  },
  {
    name: 'javascript/commonjs',
    files: ['**/*.js', '**/*.cjs'],
    ignores: ['gateway/graphiql/**'],
    languageOptions: { sourceType: 'commonjs', globals: globals.node },
  },
  {
    name: 'javascript/graphiql-page',
    files: ['gateway/graphiql/**/*.js'],
    languageOptions: {
      sourceType: 'script',
      // Defined by the React and GraphiQL UMD bundles the page loads first.
      globals: {
        ...globals.browser,
        React: 'readonly',
        ReactDOM: 'readonly',
        GraphiQL: 'readonly',
      },
    },
  },
  {
    name: 'javascript/esm',
    files: ['**/*.mjs'],
    languageOptions: { globals: globals.node },
  },
  prettier,
);
