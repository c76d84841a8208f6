// ESLint 9 flat config: Salesforce's LWC rules (recommended TypeScript set) plus typescript-eslint.
const lwcConfig = require('@salesforce/eslint-config-lwc');
const tseslint = require('typescript-eslint');
const globals = require('globals');

module.exports = [
    {
        ignores: [
            'node_modules/**',
            'build/**',
            'coverage/**',
            '.sfdx/**',
            '.sf/**',
            '**/*.d.ts',
            'force-app/**/lwc/**/*.js',
            'scripts/__fixtures__/**',
            'preview/dist/**',
        ],
    },
    ...lwcConfig.configs.recommendedTs.map((c) => ({ ...c, files: ['force-app/**/lwc/**/*.ts'] })),
    {
        // The import rules read the TypeScript sources, never the .js that `npm run build` writes beside them: a
        // type-only module compiles to an empty .js, and a stale .js would report imports that the .ts no longer has.
        files: ['force-app/**/lwc/**/*.ts'],
        settings: { 'import/resolver': { node: { extensions: ['.ts', '.js'] } } },
    },
    ...tseslint.configs.recommended.map((c) => ({ ...c, files: ['**/*.ts'] })),
    {
        files: ['**/*.ts'],
        languageOptions: {
            parser: tseslint.parser,
            parserOptions: { projectService: true, tsconfigRootDir: __dirname },
        },
        rules: {
            '@typescript-eslint/no-explicit-any': 'error',
            '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
        },
    },
    {
        files: ['force-app/**/__tests__/**/*.ts'],
        languageOptions: { globals: { ...globals.node, ...globals.jest } },
        rules: {
            '@typescript-eslint/no-require-imports': 'off',
            '@lwc/lwc/no-async-operation': 'off',
            'no-await-in-loop': 'off',
            'no-confusing-arrow': 'off',
        },
    },
    {
        files: ['scripts/**/*.ts', 'src/**/*.ts', 'test/**/*.ts', '*.js'],
        languageOptions: { globals: { ...globals.node } },
    },
    {
        files: ['*.js'],
        rules: { '@typescript-eslint/no-require-imports': 'off' },
    },
];
