import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkWorkflows, schemaProblems, unknownScripts } from '../check-workflows';
import { makeTree, removeTree } from './fixture';

const VALID = `name: ok
on:
  workflow_dispatch:
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: npm run -s verify:org -- --target-org x
`;

describe('check:workflows', () => {
    it("passes the project's own workflows", () => {
        const { files, problems } = checkWorkflows('.');
        assert.ok(files >= 1);
        assert.deepEqual(problems, []);
    });

    it('fails a job without runs-on and a misspelt key (schema)', () => {
        assert.notDeepEqual(schemaProblems(VALID.replace('runs-on: ubuntu-latest', 'runs_on: ubuntu-latest')), []);
        assert.notDeepEqual(schemaProblems(VALID.replace('workflow_dispatch:', 'workflow_dispach:')), []);
        assert.deepEqual(schemaProblems(VALID), []);
    });

    it('fails an npm script that package.json does not have', () => {
        assert.deepEqual(unknownScripts(VALID, { 'verify:org': 'x' }), []);
        assert.deepEqual(unknownScripts(VALID, { verify: 'x' }), [
            'npm run verify:org: package.json has no such script',
        ]);
    });

    it('reports each problem with its file', () => {
        const root = makeTree({
            'package.json': JSON.stringify({ scripts: {} }),
            '.github/workflows/bad.yml': VALID.replace('runs-on: ubuntu-latest', 'runs_on: ubuntu-latest'),
        });
        try {
            const { problems } = checkWorkflows(root);
            assert.ok(problems.length >= 2);
            assert.ok(problems.every((p) => p.file.endsWith('.github/workflows/bad.yml')));
            assert.ok(problems.some((p) => /no such script/.test(p.message)));
        } finally {
            removeTree(root);
        }
    });
});
