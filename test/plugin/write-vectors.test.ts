/**
 * The write law's conformance vectors (config/contract/write-vectors.json) on the CLI side: the engine gives each
 * operation's route and writes, the CLI's record writer applies them to the fake org's tables through one
 * all-or-none Composite request and the org ends as each applied vector says; the generated Apex test class is fresh.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { operationWrites, type Operation } from '../../force-app/main/default/lwc/setupEngine/setupEngine';
import { OrgApi } from '../../src/lib/orgApi';
import { applyRecordWrites, RecordWriteError } from '../../src/lib/recordWriter';
import { omniOrg } from '../../samples/orgs';
import { APEX_TEST, apexVectorsTest, VECTORS } from '../../scripts/write-vectors';
import { FakeRecordTables } from '../fakeOrg/fakeRecords';
import { PluginHarness } from './pluginHarness';

type Row = Record<string, unknown>;

interface Applied {
    name: string;
    operation: Operation;
    before: Record<string, Row[]>;
    refuse: string | null;
    outcome: string;
    changed: number;
    after: Record<string, Row[]>;
}

const file = JSON.parse(fs.readFileSync(VECTORS, 'utf8')) as {
    vectors: { name: string; operation: Operation; route: string; writes: unknown }[];
    applied: Applied[];
};

/** Tables as sorted rows without Ids (and parent fields), as the Apex test compares them. */
function canonical(tables: Record<string, Row[]>, names: string[]): Record<string, string[]> {
    const out: Record<string, string[]> = {};
    for (const name of names)
        out[name] = (tables[name] ?? [])
            .map((row) =>
                JSON.stringify(
                    Object.fromEntries(
                        Object.entries(row)
                            .filter(([k]) => k !== 'Id' && !k.includes('.'))
                            .sort(([a], [b]) => a.localeCompare(b))
                    )
                )
            )
            .sort();
    return out;
}

describe('write vectors: engine', () => {
    for (const v of file.vectors)
        it(v.name, () => {
            const planned = operationWrites(v.operation);
            assert.equal(planned.route, v.route);
            assert.deepEqual(planned.writes, v.writes);
        });

    it('the generated Apex test holds exactly these vectors (npm run write-vectors)', () => {
        assert.equal(fs.readFileSync(APEX_TEST, 'utf8'), apexVectorsTest(fs.readFileSync(VECTORS, 'utf8')));
    });
});

describe('write vectors: the CLI applies them to the fake org', () => {
    const h = new PluginHarness();
    let api: OrgApi;
    before(async () => {
        await h.start(omniOrg());
        const { Org } = await import('@salesforce/core');
        api = new OrgApi((await Org.create({ aliasOrUsername: 'fake' })).getConnection());
    });
    after(() => h.stop());

    for (const v of file.applied)
        it(v.name, async () => {
            h.fake.routes.splice(0);
            const tables = new FakeRecordTables(JSON.parse(JSON.stringify(v.before)) as Record<string, Row[]>);
            tables.refuse = v.refuse;
            h.fake.routes.push(tables.route());
            h.fake.soapCalls = [];
            let outcome = 'done';
            let changed = 0;
            try {
                changed = (await applyRecordWrites(api, operationWrites(v.operation).writes)).length;
            } catch (error) {
                if (!(error instanceof RecordWriteError)) throw error;
                outcome = `failed ${error.code}`;
            }
            assert.equal(outcome, v.outcome);
            assert.equal(changed, v.changed);
            const names = Object.keys(v.after);
            assert.deepEqual(canonical(tables.tables, names), canonical(v.after, names));
            assert.deepEqual(h.fake.soapCalls, [], 'no Metadata API call: no component is rewritten');
            if (v.refuse) assert.equal(tables.calls.at(-1), 'rollback', 'the refused request rolled back whole');
        });
});
