import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { ESLint } from 'eslint';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const COMPONENT = path.join(ROOT, 'force-app', 'main', 'default', 'lwc', 'simplyChatSetup', 'simplyChatSetup.ts');

/** Lints `text` as if it were the setup tab's component source; returns the rule ids reported. */
async function rulesReported(text: string): Promise<string[]> {
    const eslint = new ESLint({ cwd: ROOT });
    const [result] = await eslint.lintText(text, { filePath: COMPONENT });
    return result.messages.map((m) => m.ruleId ?? `fatal: ${m.message}`).sort();
}

describe('lint gate (eslint.config.js)', () => {
    it('applies the LWC and typescript-eslint rules to LWC TypeScript', async () => {
        const rules = await rulesReported(`import { LightningElement, api } from 'lwc';
export default class Bad extends LightningElement {
    @api value: any = 1;
    connectedCallback(): void {
        this.value = 2;
        setTimeout(() => undefined, 10);
    }
}
`);
        assert.deepEqual(rules, [
            '@lwc/lwc/no-api-reassignments',
            '@lwc/lwc/no-async-operation',
            '@typescript-eslint/no-explicit-any',
        ]);
    });

    it('accepts the component as it is', async () => {
        const fs = await import('node:fs');
        assert.deepEqual(await rulesReported(fs.readFileSync(COMPONENT, 'utf8')), []);
    });
});
