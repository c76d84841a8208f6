import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { REASON_KEYS } from '../../force-app/main/default/lwc/setupEngine/setupEngine';
import { labelName, outOfDate, readLabels, validateLabels } from '../labels';

describe('npm run labels (English and Korean Custom Labels)', () => {
    const entries = readLabels();

    it('has a label in English and Korean for every message key the engine and Apex emit', () => {
        const keys = new Set(entries.map((e) => e.key));
        assert.deepEqual(
            REASON_KEYS.filter((key) => !keys.has(key)),
            []
        );
    });

    it('has a title for every checklist item and a name for every status', () => {
        const keys = new Set(entries.map((e) => e.key));
        for (const status of ['pass', 'fail', 'warning', 'blocked', 'unknown'])
            assert.ok(keys.has(`ui.status.${status}`), status);
    });

    it('is valid: unique keys, valid label names, both languages, the same parameters', () => {
        assert.deepEqual(validateLabels(entries), []);
    });

    it('finds a duplicate, a missing translation and a parameter lost in translation', () => {
        const problems = validateLabels([
            { key: 'ui.a', en: 'A {name}', ko: '가 {name}' },
            { key: 'ui.a', en: 'A', ko: '가' },
            { key: 'ui.b', en: 'B', ko: ' ' },
            { key: 'ui.c', en: 'C {count}', ko: '다' },
        ]);
        assert.deepEqual(problems, [
            'ui.a: duplicate key',
            'ui.b: English and Korean text are both required',
            'ui.c: parameters differ (count / )',
        ]);
    });

    it('names labels by key', () => {
        assert.equal(labelName('item.apiAccess.ok'), 'SC_item_apiAccess_ok');
    });

    it('keeps the generated Custom Labels, translation and module in step with the source', async () => {
        assert.deepEqual(await outOfDate(entries), []);
        const stale = await outOfDate([...entries, { key: 'ui.new', en: 'New', ko: '새' }]);
        assert.equal(stale.length, 3, 'a new label makes all three generated files stale');
    });
});
