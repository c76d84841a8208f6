import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { buildLwc, GENERATED_HEADER, isLwcTypeScriptSource } from '../build-lwc';
import { makeTree, removeTree } from './fixture';

const trees: string[] = [];
after(() => trees.forEach(removeTree));

function tree(files: Record<string, string>): string {
    const root = makeTree(files);
    trees.push(root);
    return root;
}

const COMPONENT = `import { LightningElement, api } from 'lwc';
import type { Item } from 'c/types';

export default class Counter extends LightningElement {
    @api label: string = 'Count';
    private last?: Item;
    count: number = 0;
    get text(): string {
        return \`\${this.label}: \${this.count} \${this.last?.name ?? ''}\`;
    }
}
`;

describe('build (LWC TypeScript → JavaScript)', () => {
    it('compiles a component in place, keeping decorators and declared fields, dropping types', async () => {
        const root = tree({ 'lwc/counter/counter.ts': COMPONENT });
        const result = await buildLwc(root);
        assert.deepEqual(result.errors, []);
        assert.equal(result.compiled.length, 1);
        const js = fs.readFileSync(path.join(root, 'lwc/counter/counter.js'), 'utf8');
        assert.ok(js.startsWith(GENERATED_HEADER));
        assert.match(js, /@api\s+label = 'Count';/, 'the @api decorator stays for the LWC compiler');
        assert.match(js, /^\s+last;$/m, 'a field without initialiser stays a (reactive) field');
        assert.doesNotMatch(js, /import type|: string|: number|private /, 'TypeScript syntax is gone');
        assert.doesNotMatch(js, /c\/types/, 'a type-only import is removed');
    });

    it('skips tests, type declarations and files outside lwc', () => {
        assert.equal(isLwcTypeScriptSource(path.join('x', 'lwc', 'a', 'a.ts')), true);
        assert.equal(isLwcTypeScriptSource(path.join('x', 'lwc', 'a', '__tests__', 'a.test.ts')), false);
        assert.equal(isLwcTypeScriptSource(path.join('x', 'lwc', 'a', 'a.d.ts')), false);
        assert.equal(isLwcTypeScriptSource(path.join('x', 'lwc', 'a', '__mocks__', 'm.ts')), false);
        assert.equal(isLwcTypeScriptSource(path.join('x', 'scripts', 'a.ts')), false);
    });

    it('reports a TypeScript syntax error and fails', async () => {
        const root = tree({ 'lwc/broken/broken.ts': 'export default class Broken {\n    count: number = ;\n}\n' });
        const result = await buildLwc(root);
        assert.equal(result.compiled.length, 0);
        assert.equal(result.errors.length, 1);
        assert.match(result.errors[0].message, /Unexpected token/);
        assert.equal(fs.existsSync(path.join(root, 'lwc/broken/broken.js')), false);
    });

    it('fails on a template the LWC compiler refuses, naming the file', async () => {
        const root = tree({
            'lwc/card/card.ts':
                "import { LightningElement } from 'lwc';\nexport default class Card extends LightningElement {}\n",
            'lwc/card/card.html': '<template><p>{label.}</p></template>\n',
        });
        const result = await buildLwc(root);
        assert.equal(result.compiled.length, 1);
        assert.equal(result.errors.length, 1);
        assert.match(result.errors[0].file, /card\.html$/);
        assert.match(result.errors[0].message, /^LWC compiler: .*LWC1083/);
    });

    it('fails on a decorator the LWC compiler refuses', async () => {
        const root = tree({
            'lwc/bad/bad.ts':
                "import { LightningElement, api } from 'lwc';\nexport default class Bad extends LightningElement {\n    @api @api twice = 1;\n}\n",
        });
        const result = await buildLwc(root);
        assert.equal(result.errors.length, 1);
        assert.match(result.errors[0].message, /^LWC compiler: /);
    });

    it('removes a generated .js whose .ts is gone, but never a hand-written .js', async () => {
        const root = tree({
            'lwc/old/old.js': `${GENERATED_HEADER}\nexport default 1;\n`,
            'lwc/legacy/legacy.js': 'export default 2;\n',
        });
        const result = await buildLwc(root);
        assert.equal(fs.existsSync(path.join(root, 'lwc/old/old.js')), false);
        assert.equal(fs.existsSync(path.join(root, 'lwc/legacy/legacy.js')), true);
        assert.deepEqual(
            result.removed.map((f) => path.basename(f)),
            ['old.js']
        );
    });
});
