/**
 * The Apex DTOs (SetupSnapshot.cls, SetupAgents.cls, SetupLive.cls) are generated from the engine's TypeScript types by
 * `npm run contract` (scripts/lib/apex-dtos.ts), and go stale when a type changes. The hand-written Apex that meets
 * the same contract (SetupPermissions.Grants, ConnectionStatusController.ConnectionStatus, the default names and
 * constants, the label keys Apex sends) must agree with the engine too.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import ts from 'typescript';
import {
    DEFAULT_NAMES,
    FLOW_API_NAME,
    FLOW_LABEL,
    CAPACITY_MAX,
    DEFAULT_CHAT_OBJECT,
    REASON_KEYS,
} from '../../force-app/main/default/lwc/setupEngine/setupEngine';
import { outOfDate, readContract } from '../contract';
import { auraEnabledFields } from '../lib/apex-dto';
import { droppedDeclarations, DTO_HEADER, dtoSources, readEngineSources } from '../lib/apex-dtos';
import { apexClassFile, apexClassFiles } from '../lib/files';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const ENGINE = path.join(ROOT, 'force-app', 'main', 'default', 'lwc', 'setupEngine');
const engine = readEngineSources(ENGINE);
const contract = readContract();

function apex(name: string): string {
    return fs.readFileSync(apexClassFile(name), 'utf8');
}

/** The engine's sources with one file's text changed. */
function withFile(file: string, change: (text: string) => string): Map<string, string> {
    const changed = new Map(engine);
    changed.set(file, change(changed.get(file) ?? ''));
    return changed;
}

/** The file of the engine that declares an interface or type alias. */
function fileDeclaring(name: string): string {
    const file = [...engine].find(([, text]) => new RegExp(`export (interface|type) ${name}\\b`).test(text))?.[0];
    assert.ok(file, `${name} is declared in the engine`);
    return file;
}

/** Property names of every interface of the engine's sources. */
function tsShapes(): Map<string, string[]> {
    const shapes = new Map<string, string[]>();
    for (const [name, text] of engine) {
        const unit = ts.createSourceFile(name, text, ts.ScriptTarget.ES2022, true);
        unit.forEachChild((node) => {
            if (ts.isInterfaceDeclaration(node))
                shapes.set(
                    node.name.text,
                    node.members.filter(ts.isPropertySignature).map((m) => m.name.getText(unit))
                );
        });
    }
    return shapes;
}

const sorted = (names: readonly string[]): string[] => [...names].sort();

describe('Apex DTOs generated from the TypeScript types', () => {
    it('are marked as generated', () => {
        for (const name of ['SetupSnapshot', 'SetupAgents', 'SetupLive'])
            assert.ok(apex(name).includes(DTO_HEADER), name);
    });

    it('a field added to a type makes SetupSnapshot.cls stale, and the new class carries it', async () => {
        const file = fileDeclaring('FlowRecord');
        const added = withFile(file, (text) =>
            text.replace(
                'readonly LatestVersionId: SalesforceId | null;',
                'readonly LatestVersionId: SalesforceId | null;\n    readonly VersionCount: number;'
            )
        );
        assert.deepEqual(await outOfDate(contract, added), ['force-app/main/default/classes/model/SetupSnapshot.cls']);
        const fields = auraEnabledFields(dtoSources(added).get('SetupSnapshot') ?? '').get('FlowRecord') ?? [];
        assert.ok(fields.includes('VersionCount'), fields.join(', '));
        assert.match(dtoSources(added).get('SetupSnapshot') ?? '', /public Integer VersionCount;/);
    });

    it('a field renamed in an Agents view type makes SetupAgents.cls stale', async () => {
        const renamed = withFile(fileDeclaring('AgentUserRecord'), (text) =>
            text.replace('readonly ServiceCloudUser: boolean;', 'readonly UserPermissionsSupportUser: boolean;')
        );
        assert.deepEqual(await outOfDate(contract, renamed), ['force-app/main/default/classes/model/SetupAgents.cls']);
    });

    it('a field changed in a Live view type makes SetupLive.cls stale; its sums stay Decimal', async () => {
        const renamed = withFile(fileDeclaring('AgentWorkloadRecord'), (text) =>
            text.replace('readonly Items: number;', 'readonly ItemCount: number;')
        );
        assert.deepEqual(await outOfDate(contract, renamed), ['force-app/main/default/classes/model/SetupLive.cls']);
        const live = dtoSources(engine).get('SetupLive') ?? '';
        assert.match(live, /public Decimal Weight;/);
        assert.match(live, /public Decimal ConfiguredCapacity;/);
        assert.match(live, /public PendingPart pending = new PendingPart\(\);/);
        assert.match(live, /public class WorkPart implements SetupSnapshot\.Part/);
    });

    it('names what a regeneration drops from a hand-edited DTO (an initial value, a Decimal)', () => {
        const generated = apex('SetupSnapshot');
        const handEdited = generated
            .replace('public Integer Capacity;', 'public Integer Capacity = 0;')
            .replace('public String Label;', 'public Decimal Label;');
        assert.deepEqual(droppedDeclarations(handEdited, generated), [
            'public Integer Capacity = 0;',
            'public Decimal Label;',
        ]);
        assert.deepEqual(droppedDeclarations(generated, generated), []);
    });

    it('finds the types by name in any file of the engine (a type moved to another file changes nothing)', () => {
        const home = fileDeclaring('ApiAccess');
        const text = engine.get(home) ?? '';
        const start = text.indexOf('/** The API connection used for fixes');
        const end = text.indexOf('/** The state of one step of the one-time API connection');
        assert.ok(start > 0 && end > start, 'ApiAccess found with its comment');
        const moved = new Map(engine);
        moved.set(home, text.slice(0, start) + text.slice(end));
        moved.set('snapshotApi.ts', text.slice(start, end));
        assert.deepEqual(dtoSources(moved), dtoSources(engine));
    });

    it('says which type is missing, which is declared twice, and which cannot be held in Apex', () => {
        const missing = withFile(fileDeclaring('FlowRecord'), (text) =>
            text.replace('export interface FlowRecord {', 'export interface FlowRow {')
        );
        assert.throws(() => dtoSources(missing), /type FlowRecord \(OrgSnapshot\.flows\) is not declared/);
        const twice = new Map(engine).set('copy.ts', 'export interface FlowRecord { readonly ApiName: string; }');
        assert.throws(() => dtoSources(twice), /type FlowRecord is declared in both/);
        const union = withFile(fileDeclaring('FlowRecord'), (text) =>
            text.replace('readonly ApiName: string;', 'readonly ApiName: string | ScSetupField;')
        );
        assert.throws(() => dtoSources(union), /FlowRecord\.ApiName is a union Apex cannot hold/);
        const inline = withFile(fileDeclaring('FlowRecord'), (text) =>
            text.replace('readonly ApiName: string;', 'readonly ApiName: { readonly name: string };')
        );
        assert.throws(() => dtoSources(inline), /FlowRecord\.ApiName is an inline object type/);
    });

    it('every class of the snapshot and the Agents view carries exactly the fields of its TypeScript type', () => {
        const shapes = tsShapes();
        const snapshot = auraEnabledFields(apex('SetupSnapshot'));
        const agents = auraEnabledFields(apex('SetupAgents'));
        assert.deepEqual(sorted(snapshot.get('SetupSnapshot') ?? []), sorted(shapes.get('OrgSnapshot') ?? []));
        for (const [name, fields] of [...snapshot, ...agents]) {
            if (name === 'SetupSnapshot' || name === 'SetupAgents') continue;
            if (name.endsWith('Part')) assert.deepEqual(sorted(fields), ['code', 'message', 'records', 'status'], name);
            else if (shapes.has(name)) assert.deepEqual(sorted(fields), sorted(shapes.get(name) ?? []), name);
        }
        assert.deepEqual(sorted(snapshot.get('Choices') ?? []), sorted(shapes.get('SetupChoices') ?? []));
        assert.equal([...snapshot.keys()].filter((name) => name.endsWith('Part')).length, 23);
    });
});

describe('hand-written Apex ↔ the engine', () => {
    const shapes = tsShapes();

    it('SetupChoicesStore knows every QueueMembersChoice kind', () => {
        const source = engine.get(fileDeclaring('QueueMembersChoice')) ?? '';
        const union = source.match(/export type QueueMembersChoice =([\s\S]*?);\n/)?.[1] ?? '';
        const kinds = [...union.matchAll(/kind: '(\w+)'/g)].map((m) => m[1]);
        assert.ok(kinds.length >= 2, 'QueueMembersChoice kinds found');
        const store = apex('SetupChoicesStore');
        for (const kind of kinds) assert.ok(store.includes(`= '${kind}';`), `SetupChoicesStore knows the kind ${kind}`);
    });

    it('SetupPermissions.Grants has exactly the fields of UserPermissions', () => {
        const grants = auraEnabledFields(apex('SetupPermissions')).get('Grants') ?? [];
        assert.deepEqual(sorted(grants), sorted(shapes.get('UserPermissions') ?? []));
    });

    it('ConnectionStatusController.ConnectionStatus has exactly the fields of ConnectionStatus', () => {
        const status = auraEnabledFields(apex('ConnectionStatusController')).get('ConnectionStatus') ?? [];
        assert.ok(status.length > 0, 'Apex class ConnectionStatus not found');
        assert.deepEqual(sorted(status), sorted(shapes.get('ConnectionStatus') ?? []));
    });

    it('the connection step states Apex sends are the ones the tab knows', () => {
        const source = apex('ConnectionStatusController');
        const states = [...source.matchAll(/public static final String [A-Z]+ = '([a-z]+)';/g)].map((m) => m[1]);
        assert.deepEqual(sorted(states), ['attention', 'done', 'missing', 'unknown']);
        const types = engine.get(fileDeclaring('ConnectionStepState')) ?? '';
        const tsStates = types.match(/type ConnectionStepState = ([^;]+);/)?.[1] ?? '';
        assert.deepEqual(sorted([...tsStates.matchAll(/'(\w+)'/g)].map((m) => m[1])), sorted(states));
    });

    it("the Apex default names, chat object, capacity bound and flow name are the engine's", () => {
        const store = apex('SetupChoicesStore');
        for (const [key, name] of Object.entries(DEFAULT_NAMES)) {
            assert.ok(
                store.includes(
                    `names.${key} = new SetupSnapshot.NameChoice('${name.developerName}', '${name.label}');`
                ),
                `default name for ${key}`
            );
        }
        assert.ok(store.includes(`DEFAULT_CHAT_OBJECT = '${DEFAULT_CHAT_OBJECT}'`));
        assert.ok(store.includes(`CAPACITY_MAX = ${CAPACITY_MAX};`));
        const reader = apex('SetupSnapshotReader');
        assert.ok(reader.includes(`FLOW_API_NAME = '${FLOW_API_NAME}'`));
        assert.ok(reader.includes(`FLOW_LABEL = '${FLOW_LABEL}'`));
    });

    it('every label key the Apex classes send is one the tab can translate (REASON_KEYS)', () => {
        const known = new Set<string>(REASON_KEYS);
        const used = new Set<string>();
        for (const file of [...apexClassFiles().values()].filter((f) => !f.endsWith('Test.cls'))) {
            const source = fs.readFileSync(file, 'utf8');
            for (const m of source.matchAll(
                /'((?:error|choice|operation|apiError|result)\.[A-Za-z]+(?:\.[A-Za-z]+)?)'/g
            ))
                used.add(m[1]);
        }
        assert.ok(used.size > 30, `found only ${used.size} keys`);
        assert.deepEqual([...used].filter((key) => !known.has(key)).sort(), []);
    });
});
