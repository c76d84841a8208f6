/**
 * The write law's conformance vectors (config/contract/write-vectors.json) on the CLI side: the engine gives each
 * operation's route, writes and Metadata write; the CLI's executor sends each Metadata write as the vector says (its
 * elements, at their WSDL places, the rest of a read component kept); the record writer applies the record writes to
 * the fake org's tables through one all-or-none Composite request and the org ends as each applied vector says; the
 * generated Apex test class is fresh.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, it } from 'node:test';
import {
    operationDependencies,
    operationWrites,
    type MetadataValue,
    type MetadataWrite,
    type Operation,
} from '../../force-app/main/default/lwc/setupEngine/setupEngine';
import { METADATA_ELEMENT_ORDER } from '../../src/lib/engine';
import { Executor } from '../../src/lib/executor';
import { OrgApi, type MetadataRecord } from '../../src/lib/orgApi';
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
    vectors: { name: string; operation: Operation; route: string; writes: unknown; metadata?: MetadataWrite }[];
    applied: Applied[];
    dependencies: { name: string; operations: Operation[]; waits: number[][] }[];
    metadataRead: Record<string, MetadataRecord>;
    profileFullNames: Record<string, string>;
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
            assert.deepEqual(planned.metadata ?? null, v.metadata ?? null);
        });

    for (const d of file.dependencies)
        it(`dependencies: ${d.name}`, () => assert.deepEqual(operationDependencies(d.operations), d.waits));

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

/** Profile Id → Metadata full name, as listMetadata gives them to the executor. */
const PROFILE_NAMES = new Map(Object.entries(file.profileFullNames));
/** What the org holds of a component an update reads: elements the write must keep, and some it replaces. */
const READ = file.metadataRead;

/** A vector's element value as the request carries it: profiles by their listed full names. */
function sent(value: MetadataValue): unknown {
    if (Array.isArray(value)) return value.map((entry: MetadataValue) => sent(entry));
    if (typeof value !== 'object') return value;
    if ('ref' in value) return PROFILE_NAMES.get(String(value.profileId));
    return Object.fromEntries(Object.entries(value as Record<string, MetadataValue>).map(([k, v]) => [k, sent(v)]));
}

describe('write vectors: the CLI executor sends each Metadata write as the vector says', () => {
    for (const v of file.vectors.filter((vector) => vector.metadata))
        it(v.name, async () => {
            const metadata = v.metadata as MetadataWrite;
            const saved: { call: string; type: string; components: MetadataRecord[] }[] = [];
            const api = {
                read: async (type: string) => [READ[type]],
                save: async (call: string, type: string, components: MetadataRecord[]) => {
                    saved.push({ call, type, components });
                    return components.map((c) => ({ fullName: c.fullName, success: true, errors: [] }));
                },
            } as unknown as OrgApi;
            const [outcome] = await new Executor(api, PROFILE_NAMES, '00D000000000001AAA').run([v.operation]);
            assert.equal(outcome.status, 'done', JSON.stringify(outcome.error));
            assert.equal(saved.length, 1, 'one Metadata call');
            const [{ call, type, components }] = saved;
            assert.equal(call, metadata.action === 'create' ? 'createMetadata' : 'updateMetadata');
            assert.equal(type, metadata.type);
            const [component] = components;
            const read = metadata.action === 'update' ? READ[metadata.type] : { fullName: metadata.fullName };
            const kept = Object.entries(read).filter(([k]) => !(k in metadata.set) && !metadata.remove.includes(k));
            assert.deepEqual(
                { ...component },
                {
                    ...Object.fromEntries(kept),
                    ...Object.fromEntries(Object.entries(metadata.set).map(([k, value]) => [k, sent(value)])),
                }
            );
            const order = METADATA_ELEMENT_ORDER[metadata.type];
            const ranks = Object.keys(component).map((k) => order.indexOf(k));
            assert.ok(!ranks.includes(-1), `every element is one of ${metadata.type}`);
            assert.deepEqual(
                ranks,
                [...ranks].sort((a, b) => a - b),
                `elements in WSDL order: ${Object.keys(component).join(', ')}`
            );
        });
});
