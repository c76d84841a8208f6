import {
    changeCounts,
    changeRequests,
    operationDependencies,
    operationWrites,
    plan,
    planChanges,
    RECORD_OBJECTS,
    REASON_KEYS,
    recordChangeTexts,
    ROUTES,
    writesWholeComponent,
    type MetadataWrite,
    type Operation,
    type OperationKind,
    type OrgSnapshot,
    type RecordWrite,
} from '../setupEngine';
import vectors from '../../../../../../config/contract/write-vectors.json';
import { choices, partlySetUpOrg, sharedOmniOrg } from './fixtures';

interface Vector {
    readonly name: string;
    readonly operation: Operation;
    readonly route: string;
    readonly writes: readonly RecordWrite[];
    readonly metadata?: MetadataWrite;
}
const VECTORS = vectors.vectors as unknown as readonly Vector[];
const DEPENDENCIES = vectors.dependencies as unknown as readonly {
    name: string;
    operations: Operation[];
    waits: number[][];
}[];

/** Kinds whose target may belong to another team: they must never write a whole component. */
const SHARED_TARGET_KINDS: readonly OperationKind[] = [
    'grantStatusAccess',
    'addQueueMembers',
    'addChannelToStatus',
    'assignProfilesToConfig',
    'moveProfilesToConfig',
    'moveUsersToConfig',
];

describe('the write law: conformance vectors (config/contract/write-vectors.json)', () => {
    it.each(VECTORS.map((v) => [v.name, v] as const))('%s', (_name, vector) => {
        const planned = operationWrites(vector.operation);
        expect(planned.route).toBe(vector.route);
        expect(planned.writes).toEqual(vector.writes);
        expect(planned.metadata ?? null).toEqual(vector.metadata ?? null);
    });

    it('gives every whole-component kind its Metadata write, a new and an existing routing configuration', () => {
        const whole = VECTORS.filter((v) => writesWholeComponent(v.route as never));
        expect(whole.every((v) => v.metadata !== undefined)).toBe(true);
        const kinds = (Object.keys(ROUTES) as OperationKind[]).filter((k) => writesWholeComponent(ROUTES[k]));
        expect([...new Set(whole.map((v) => v.operation.kind))].sort()).toEqual([...kinds, 'upsertQueue'].sort());
        const routing = whole.filter((v) => v.operation.kind === 'upsertRoutingConfig').map((v) => v.metadata?.action);
        expect([...new Set(routing)].sort()).toEqual(['create', 'update']);
    });

    it.each(DEPENDENCIES.map((d) => [d.name, d] as const))('dependencies: %s', (_name, vector) => {
        expect(operationDependencies(vector.operations)).toEqual(vector.waits);
    });

    it('covers every kind that writes records, and an existing and a new queue', () => {
        const covered = new Set(VECTORS.filter((v) => v.route === 'records').map((v) => v.operation.kind));
        const recordKinds = (Object.keys(ROUTES) as OperationKind[]).filter((k) => ROUTES[k] === 'records');
        expect([...covered].sort()).toEqual([...recordKinds].sort());
        const queues = VECTORS.filter((v) => v.operation.kind === 'upsertQueue').map((v) => v.route);
        expect([...new Set(queues)].sort()).toEqual(['metadataCreate', 'records']);
    });
});

describe('the write law on real plans', () => {
    const orgs: [string, OrgSnapshot][] = [
        ['a partly set-up org', partlySetUpOrg()],
        ['an org shared with other teams', sharedOmniOrg()],
    ];

    it.each(orgs)('%s: no Profile, no existing Queue, no other team configuration is written whole', (_n, org) => {
        const snapshot = { ...org, choices: { ...org.choices, ...choices(), queueMembers: { kind: 'agentUsers' } } };
        const changes = planChanges(plan(snapshot as OrgSnapshot, 'all'));
        expect(changes.length).toBeGreaterThan(0);
        const OWNED_WHOLE = [
            'enableOmniChannel',
            'createServiceChannel',
            'createPresenceStatus',
            'createPresenceConfig',
            'upsertQueue',
            'upsertRoutingConfig',
        ];
        const wrong = changes.filter((change) => {
            const op = change.operation;
            const shared =
                SHARED_TARGET_KINDS.includes(op.kind) || (op.kind === 'upsertQueue' && op.existingId !== null);
            const whole = writesWholeComponent(change.route);
            return (shared && change.route !== 'records') || (whole && !OWNED_WHOLE.includes(op.kind));
        });
        expect(wrong).toEqual([]);
        expect(
            changes.flatMap((c) => c.writes.map((w) => w.sObject)).filter((o) => !RECORD_OBJECTS.includes(o))
        ).toEqual([]);
    });

    it('a grant names the profile-owned permission set, never the profile', () => {
        const writes = operationWrites({
            kind: 'grantStatusAccess',
            itemId: 'profileAccess',
            grants: [{ profileId: '00e000000000001', profileName: 'P', statusDeveloperNames: ['S'] }],
        }).writes;
        expect(writes.map((w) => w.sObject)).toEqual(['SetupEntityAccess']);
        expect(writes[0].fields.ParentId).toEqual({ ref: 'profilePermissionSet', profileId: '00e000000000001' });
    });

    it('a move from 12 configurations is one operation: every delete before the first insert', () => {
        const moves = Array.from({ length: 12 }, (_, i) => ({
            profileId: `00e0000000000${String(i).padStart(2, '0')}`,
            profileName: `P${i}`,
            fromConfigId: `0Nd0000000000${String(i).padStart(2, '0')}`,
            fromConfigDeveloperName: `C${i}`,
        }));
        const writes = operationWrites({
            kind: 'moveProfilesToConfig',
            itemId: 'presenceConfig',
            configId: '0Nd000000000099',
            configDeveloperName: 'SimplyChat',
            moves,
        }).writes;
        expect(writes.map((w) => w.action)).toEqual([...Array(12).fill('delete'), ...Array(12).fill('insert')]);
    });
});

describe('one failure policy: dependents wait for what they name', () => {
    const ops: Operation[] = [
        {
            kind: 'createServiceChannel',
            itemId: 'serviceChannel',
            developerName: 'SimplyChat',
            label: 'SimplyChat',
            relatedEntityType: 'X__c',
        },
        {
            kind: 'createPresenceStatus',
            itemId: 'onlineStatus',
            developerName: 'SC_Online',
            label: 'Online',
            channelDeveloperNames: ['SimplyChat'],
        },
        {
            kind: 'createPresenceStatus',
            itemId: 'busyStatus',
            developerName: 'SC_Busy',
            label: 'Busy',
            channelDeveloperNames: [],
        },
        {
            kind: 'createPresenceConfig',
            itemId: 'presenceConfig',
            developerName: 'SimplyChat',
            label: 'SimplyChat',
            capacity: 1,
            profiles: [],
        },
        {
            kind: 'assignProfilesToConfig',
            itemId: 'presenceConfig',
            configId: null,
            configDeveloperName: 'simplychat',
            profiles: [{ profileId: '00e000000000001', profileName: 'P' }],
        },
        {
            kind: 'grantStatusAccess',
            itemId: 'profileAccess',
            grants: [{ profileId: '00e000000000001', profileName: 'P', statusDeveloperNames: ['SC_Busy'] }],
        },
    ];

    it('names exactly the earlier operations whose records an operation uses (developer names without case)', () => {
        expect(operationDependencies(ops)).toEqual([[], [0], [], [], [3], [2]]);
    });

    it('sends each change with its planned writes and the positions, in its call, of the changes it waits for', () => {
        const all = changeRequests(ops);
        expect(all.map((c) => c.waitsFor)).toEqual(operationDependencies(ops));
        expect(
            all.map((c) => ({ operation: c.operation, route: c.route, writes: c.writes, metadata: c.metadata }))
        ).toEqual(planChanges(ops).map((c) => ({ ...c, metadata: c.metadata })));
        // A call of the last three: the configuration (plan index 3) is position 0, the status (index 2) is not in it.
        const call = changeRequests(ops, [3, 4, 5]);
        expect(call.map((c) => c.operation)).toEqual(ops.slice(3));
        expect(call.map((c) => c.waitsFor)).toEqual([[], [0], []]);
    });

    it('every Omni-Channel operation waits for enabling Omni-Channel', () => {
        const withOmni: Operation[] = [{ kind: 'enableOmniChannel', itemId: 'omniChannel', orgWide: true }, ...ops];
        expect(
            operationDependencies(withOmni)
                .slice(1)
                .every((waits) => waits.includes(0))
        ).toBe(true);
    });
});

describe('what a planned change touches', () => {
    it('counts its record changes by action and object, in order, and says when a row is made per user', () => {
        const changes = planChanges(plan(partlySetUpOrg(), 'all'));
        const grant = changes.find((c) => c.operation.kind === 'grantStatusAccess');
        const grants = grant?.writes.length ?? 0;
        expect(grants).toBeGreaterThan(0);
        expect(changeCounts(grant!)).toEqual([
            { action: 'insert', sObject: 'SetupEntityAccess', writes: grants, perUser: false },
        ]);
        const queue = changes.find((c) => c.operation.kind === 'upsertQueue');
        expect(changeCounts(queue!).every((c) => c.writes > 0)).toBe(true);
        const move = operationWrites({
            kind: 'moveUsersToConfig',
            itemId: 'presenceConfig',
            configId: '0Nd000000000009CAA',
            configDeveloperName: 'SimplyChat',
            moves: [
                {
                    profileId: '00e000000000001AAA',
                    profileName: 'Support',
                    fromConfigId: '0Nd000000000001CAA',
                    fromConfigDeveloperName: 'Team_A',
                    userCount: 3,
                },
            ],
        } as Operation);
        expect(changeCounts({ operation: {} as Operation, ...move })).toEqual([
            { action: 'delete', sObject: 'PresenceUserConfigUser', writes: 1, perUser: true },
            { action: 'insert', sObject: 'PresenceUserConfigUser', writes: 1, perUser: true },
        ]);
    });
});

describe('what a planned change touches, in words (recordChangeTexts: the plan dialog and fix --dry-run)', () => {
    const keys = new Set<string>(REASON_KEYS);
    const texts = (op: Operation) => recordChangeTexts({ operation: op, ...operationWrites(op) });

    it.each(VECTORS.map((v) => [v.name, v] as const))('%s: the counts of changeCounts and a row per write', (_n, v) => {
        const change = { operation: v.operation, ...operationWrites(v.operation) };
        const counts = changeCounts(change);
        const groups = recordChangeTexts(change);
        expect(groups.map((g) => g.summary.params)).toEqual(
            counts.map((c) => ({ count: c.writes, object: c.sObject }))
        );
        expect(groups.map((g) => g.summary.key)).toEqual(
            counts.map((c) => (c.perUser ? `rec.${c.action}.perUser` : `rec.${c.action}`))
        );
        expect(groups.reduce((sum, g) => sum + g.rows.length, 0)).toBe(change.writes.length);
        for (const row of groups.flatMap((g) => g.rows)) {
            expect(keys.has(row.key)).toBe(true);
            // Every write the engine plans has words of its own, never the raw fields.
            expect(row.key).not.toBe('rec.row.fields');
        }
    });

    it('names what each row links by the names the operation carries, never by Id', () => {
        const move = VECTORS.find((v) => v.operation.kind === 'moveProfilesToConfig');
        expect(move).toBeDefined();
        const op = move!.operation;
        if (op.kind !== 'moveProfilesToConfig') throw new Error(op.kind);
        const [removed, added] = texts(op);
        expect(removed.summary).toEqual({
            key: 'rec.delete',
            params: { count: op.moves.length, object: 'PresenceUserConfigProfile' },
        });
        expect(removed.rows[0]).toEqual({
            key: 'rec.row.configProfile.delete',
            params: { profile: op.moves[0].profileName, config: op.moves[0].fromConfigDeveloperName },
        });
        expect(added.rows[0]).toEqual({
            key: 'rec.row.configProfile.insert',
            params: { profile: op.moves[0].profileName, config: op.configDeveloperName },
        });
        const members = VECTORS.find(
            (v) => v.operation.kind === 'addQueueMembers' && v.operation.publicGroupDeveloperName === null
        )!.operation;
        if (members.kind !== 'addQueueMembers') throw new Error(members.kind);
        const [join] = texts(members);
        expect(join.summary.key).toBe('rec.insert.perUser');
        expect(join.rows).toEqual(
            members.profiles.map((p) => ({
                key: 'rec.row.queueUsers',
                params: { profile: p.profileName, queue: members.queueDeveloperName },
            }))
        );
        const grant = VECTORS.find((v) => v.operation.kind === 'grantStatusAccess')!.operation;
        if (grant.kind !== 'grantStatusAccess') throw new Error(grant.kind);
        const rows = texts(grant).flatMap((g) => g.rows);
        expect(rows[0]).toEqual({
            key: 'rec.row.statusAccess',
            params: { status: grant.grants[0].statusDeveloperNames[0], profile: grant.grants[0].profileName },
        });
        const ids = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/;
        const all = VECTORS.flatMap((v) => texts(v.operation).flatMap((g) => g.rows));
        expect(all.flatMap((r) => Object.values(r.params)).filter((value) => ids.test(String(value)))).toEqual([]);
    });

    it('has no record changes for a whole-component write', () => {
        const created = VECTORS.find((v) => v.route === 'metadataCreate')!.operation;
        expect(texts(created)).toEqual([]);
    });
});
