/**
 * The Apex snapshot DTOs (SetupSnapshot.cls, SetupPermissions.Grants, the Agents view's SetupAgents.cls) must carry
 * exactly the fields of the TypeScript contract (lwc/setupEngine/types.ts): the engine reads what Apex serializes, by
 * name. The Apex defaults and unverified constants must match the engine's too.
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
import { auraEnabledFields } from '../lib/apex-dto';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const CLASSES = path.join(ROOT, 'force-app', 'main', 'default', 'classes');
const TYPES = path.join(ROOT, 'force-app', 'main', 'default', 'lwc', 'setupEngine', 'types.ts');

function apex(name: string): string {
    return fs.readFileSync(path.join(CLASSES, `${name}.cls`), 'utf8');
}

/** Property names of each interface (and of inline object types of interface properties, as "Iface.prop"). */
function tsShapes(): Map<string, string[]> {
    const file = ts.createSourceFile(TYPES, fs.readFileSync(TYPES, 'utf8'), ts.ScriptTarget.ES2022, true);
    const shapes = new Map<string, string[]>();
    const membersOf = (members: ts.NodeArray<ts.TypeElement>): string[] =>
        members.filter(ts.isPropertySignature).map((m) => m.name.getText(file));
    file.forEachChild((node) => {
        if (!ts.isInterfaceDeclaration(node)) return;
        shapes.set(node.name.text, membersOf(node.members));
        for (const member of node.members) {
            if (ts.isPropertySignature(member) && member.type && ts.isTypeLiteralNode(member.type)) {
                shapes.set(`${node.name.text}.${member.name.getText(file)}`, membersOf(member.type.members));
            }
        }
    });
    return shapes;
}

/** Apex class → the TypeScript shape it mirrors. */
const MIRRORS: [string, string][] = [
    ['SetupSnapshot', 'OrgSnapshot'],
    ['UserInfoDto', 'OrgSnapshot.user'],
    ['ApiAccess', 'ApiAccess'],
    ['ChatObjectState', 'ChatObjectState'],
    ['ServiceChannelRecord', 'ServiceChannelRecord'],
    ['QueueRoutingConfigRecord', 'QueueRoutingConfigRecord'],
    ['QueueRecord', 'QueueRecord'],
    ['QueueSobjectRecord', 'QueueSobjectRecord'],
    ['ServicePresenceStatusRecord', 'ServicePresenceStatusRecord'],
    ['ServiceChannelStatusRecord', 'ServiceChannelStatusRecord'],
    ['PresenceUserConfigRecord', 'PresenceUserConfigRecord'],
    ['PresenceUserConfigProfileRecord', 'PresenceUserConfigProfileRecord'],
    ['PresenceUserConfigUserCount', 'PresenceUserConfigUserCount'],
    ['ProfileRecord', 'ProfileRecord'],
    ['StatusAccessRecord', 'StatusAccessRecord'],
    ['PermissionSetAccessRecord', 'PermissionSetAccessRecord'],
    ['PermissionSetAssigneeRecord', 'PermissionSetAssigneeRecord'],
    ['FlowRecord', 'FlowRecord'],
    ['ScSetupField', 'ScSetupField'],
    ['ScSetupState', 'ScSetupState'],
    ['NameChoice', 'NameChoice'],
    ['SetupNames', 'SetupNames'],
    ['Choices', 'SetupChoices'],
    ['GroupMemberRecord', 'GroupMemberRecord'],
    ['MemberGroupRecord', 'MemberGroupRecord'],
    ['UserRoleRecord', 'UserRoleRecord'],
    ['AgentRoleCount', 'AgentRoleCount'],
    ['MemberUserRecord', 'MemberUserRecord'],
    ['PublicGroupRecord', 'PublicGroupRecord'],
    ['QueueMembershipState', 'QueueMembershipState'],
    ['AppRecord', 'AppRecord'],
    ['AppMenuItemRecord', 'AppMenuItemRecord'],
    ['AppAccessRecord', 'AppAccessRecord'],
    ['UtilityBarRecord', 'UtilityBarRecord'],
];

const sorted = (names: readonly string[]): string[] => [...names].sort();

describe('Apex snapshot DTOs ↔ TypeScript contract', () => {
    const dto = auraEnabledFields(apex('SetupSnapshot'));
    const shapes = tsShapes();

    for (const [apexClass, tsType] of MIRRORS) {
        it(`${apexClass} has exactly the fields of ${tsType}`, () => {
            assert.ok(dto.has(apexClass), `Apex class ${apexClass} not found`);
            assert.ok(shapes.has(tsType), `TypeScript type ${tsType} not found`);
            assert.deepEqual(sorted(dto.get(apexClass) ?? []), sorted(shapes.get(tsType) ?? []));
        });
    }

    it('every part class carries status, code, message and records (TypeScript Part<T>)', () => {
        const parts = [...dto.keys()].filter((name) => name.endsWith('Part'));
        assert.equal(parts.length, 20);
        for (const part of parts)
            assert.deepEqual(sorted(dto.get(part) ?? []), ['code', 'message', 'records', 'status'], part);
    });

    it('Choices.queueMembers carries the fields of every QueueMembersChoice variant, and only them', () => {
        const source = fs.readFileSync(TYPES, 'utf8');
        const union = source.match(/export type QueueMembersChoice =([\s\S]*?);\n/)?.[1] ?? '';
        const fields = new Set([...union.matchAll(/readonly (\w+)\??:/g)].map((m) => m[1]));
        assert.ok(fields.has('kind'), 'QueueMembersChoice not found in types.ts');
        assert.deepEqual(sorted(dto.get('QueueMembersChoice') ?? []), sorted([...fields]));
        const kinds = [...union.matchAll(/kind: '(\w+)'/g)].map((m) => m[1]);
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
        const tsStates = fs.readFileSync(TYPES, 'utf8').match(/type ConnectionStepState = ([^;]+);/)?.[1] ?? '';
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
        for (const file of fs.readdirSync(CLASSES).filter((f) => f.endsWith('.cls') && !f.endsWith('Test.cls'))) {
            const source = fs.readFileSync(path.join(CLASSES, file), 'utf8');
            for (const m of source.matchAll(
                /'((?:error|choice|operation|apiError|result)\.[A-Za-z]+(?:\.[A-Za-z]+)?)'/g
            ))
                used.add(m[1]);
        }
        assert.ok(used.size > 30, `found only ${used.size} keys`);
        assert.deepEqual([...used].filter((key) => !known.has(key)).sort(), []);
    });

    it('the Agents view DTOs (SetupAgents.cls) have exactly the fields of AgentPage, its records and Part<T>', () => {
        const agents = auraEnabledFields(apex('SetupAgents'));
        const agentMirrors: [string, string][] = [
            ['AgentPage', 'AgentPage'],
            ['AgentUserRecord', 'AgentUserRecord'],
            ['AgentPresenceRecord', 'AgentPresenceRecord'],
            ['UtilityBarRecord', 'UtilityBarRecord'],
        ];
        for (const [apexClass, tsType] of agentMirrors) {
            assert.ok(agents.has(apexClass), `Apex class ${apexClass} not found`);
            assert.ok(shapes.has(tsType), `TypeScript type ${tsType} not found`);
            assert.deepEqual(sorted(agents.get(apexClass) ?? []), sorted(shapes.get(tsType) ?? []), apexClass);
        }
        const parts = [...agents.keys()].filter((name) => name.endsWith('Part'));
        assert.deepEqual(sorted(parts), ['AgentPresencePart', 'UtilityBarPart']);
        for (const part of parts)
            assert.deepEqual(sorted(agents.get(part) ?? []), ['code', 'message', 'records', 'status'], part);
    });

    it('the agents DTO check detects a drift (a renamed Apex field)', () => {
        const drifted = auraEnabledFields(
            apex('SetupAgents').replace(
                'public Boolean ServiceCloudUser;',
                'public Boolean UserPermissionsSupportUser;'
            )
        );
        assert.notDeepEqual(sorted(drifted.get('AgentUserRecord') ?? []), sorted(shapes.get('AgentUserRecord') ?? []));
    });

    it('detects a drift (a renamed Apex field)', () => {
        const drifted = auraEnabledFields(
            apex('SetupSnapshot').replace('public String RelatedEntity;', 'public String RelatedEntityType;')
        );
        assert.notDeepEqual(
            sorted(drifted.get('ServiceChannelRecord') ?? []),
            sorted(shapes.get('ServiceChannelRecord') ?? [])
        );
    });
});
