import {
    CAPACITY_MAX,
    ChoicesInvalidError,
    DEFAULT_NAMES,
    describeOperation,
    evaluate,
    isValidDeveloperName,
    isValidObjectApiName,
    operationNeedsApi,
    plan,
    REASON_KEYS,
    simulate,
    SimulationError,
    validateChoices,
    type Operation,
    type OrgSnapshot,
} from '../setupEngine';
import { uniqueDeveloperName } from '../names';
import { MAX_GRANT_PROFILES } from '../contract';
import { choices, fullySetUpOrg, HAND, omniDisabledOrg, omniOrg, partlySetUpOrg, PROFILE, read } from './fixtures';

describe('validateChoices', () => {
    const s = omniOrg();

    it('accepts the defaults and the fixtures', () => {
        expect(validateChoices(choices(), s)).toEqual([]);
        expect(validateChoices(choices({ capacity: 1 }), s)).toEqual([]);
        expect(validateChoices(choices({ capacity: CAPACITY_MAX }), s)).toEqual([]);
    });

    it.each([0, -1, 1.5, CAPACITY_MAX + 1, Number.NaN])('refuses capacity %p with the range', (capacity) => {
        expect(validateChoices(choices({ capacity }), s)).toEqual([
            { field: 'capacity', reason: { key: 'choice.capacityRange', params: { min: 1, max: CAPACITY_MAX } } },
        ]);
    });

    it.each(['', 'Talk Session__c', '1Talk__c', 'A__B__C__c', 'Talk_Session__c__c', 'Talk_', "x'; DROP"])(
        'refuses chat object %p',
        (chatObject) => {
            expect(validateChoices(choices({ chatObject }), s).map((e) => e.reason.key)).toEqual([
                'choice.chatObjectInvalid',
            ]);
        }
    );

    it('refuses profile ids that are malformed, unknown in this org, or moved without being agents', () => {
        const errors = validateChoices(
            choices({
                agentProfileIds: [PROFILE.agent.Id, 'not-an-id', '00e5g0000000Nobody'],
                moveProfileIds: [PROFILE.sales.Id],
            }),
            s
        );
        expect(errors).toEqual([
            { field: 'agentProfileIds', reason: { key: 'choice.profileIdInvalid', params: { value: 'not-an-id' } } },
            {
                field: 'agentProfileIds',
                reason: { key: 'choice.profileUnknown', params: { value: '00e5g0000000Nobody' } },
            },
            { field: 'moveProfileIds', reason: { key: 'choice.moveNotAgent', params: { value: PROFILE.sales.Id } } },
        ]);
    });

    it('refuses invalid developer names and empty or long labels, naming the choice', () => {
        const errors = validateChoices(
            choices({
                names: {
                    ...DEFAULT_NAMES,
                    queue: { developerName: 'Simply Chat', label: 'Queue' },
                    busyStatus: { developerName: 'Busy', label: ' ' },
                    presenceConfig: { developerName: 'A'.repeat(81), label: 'x'.repeat(81) },
                },
            }),
            s
        );
        expect(errors.map((e) => `${e.field} ${e.reason.key}`)).toEqual([
            'names.queue.developerName choice.developerNameInvalid',
            'names.busyStatus.label choice.labelInvalid',
            'names.presenceConfig.developerName choice.developerNameInvalid',
            'names.presenceConfig.label choice.labelInvalid',
        ]);
    });

    it('makes plan() refuse bad choices and plan nothing', () => {
        expect(() => plan(s, 'all', choices({ capacity: 0 }))).toThrow(ChoicesInvalidError);
        let thrown: unknown;
        try {
            plan(s, 'all', choices({ capacity: 0 }));
        } catch (error) {
            thrown = error;
        }
        expect((thrown as ChoicesInvalidError).errors.map((e) => e.field)).toEqual(['capacity']);
    });
});

describe('names', () => {
    it.each([
        ['SimplyChat', true],
        ['SimplyChat_Online', true],
        ['A1', true],
        ['1A', false],
        ['_A', false],
        ['A_', false],
        ['A__B', false],
        ['A B', false],
        ['한글', false],
        ['A'.repeat(80), true],
        ['A'.repeat(81), false],
    ])('developer name %p is valid: %p', (name, valid) => {
        expect(isValidDeveloperName(name)).toBe(valid);
    });

    it.each([
        ['Case', true],
        ['WINP__Talk_Session__c', true],
        ['Talk_Session__c', true],
        ['WINP__Case', true],
        ['Talk__Session__c', true],
        ['A__B__C__c', false],
        ['Name_Space__Talk__c', false],
    ])('object API name %p is valid: %p', (name, valid) => {
        expect(isValidObjectApiName(name)).toBe(valid);
    });

    it('finds the first free developer name, within 80 characters', () => {
        expect(uniqueDeveloperName('SimplyChat', new Set())).toBe('SimplyChat');
        expect(uniqueDeveloperName('SimplyChat', new Set(['simplychat', 'simplychat_2']))).toBe('SimplyChat_3');
        const long = 'A'.repeat(80);
        expect(uniqueDeveloperName(long, new Set([long.toLowerCase()]))).toBe(`${'A'.repeat(78)}_2`);
    });
});

describe('record changes: one all-or-none change, as large as the contract allows', () => {
    function manyProfiles(count: number): OrgSnapshot {
        const profiles = Array.from({ length: count }, (_, i) => ({
            Id: `00e5g${String(i).padStart(13, '0')}`,
            Name: `Agent ${i}`,
            UserCount: 1,
            ServiceCloudUserCount: 1,
        }));
        return {
            ...fullySetUpOrg(),
            profiles: read(profiles),
            choices: choices({ agentProfileIds: profiles.map((p) => p.Id) }),
        };
    }

    it('grants status access to 1,000 profiles in one change, and to more in changes of at most 1,000', () => {
        const grants = plan(manyProfiles(1000), ['profileAccess']).filter((o) => o.kind === 'grantStatusAccess');
        expect(grants).toHaveLength(1);
        const more = plan(manyProfiles(MAX_GRANT_PROFILES + 1), ['profileAccess']);
        const sizes = more.map((op) => (op.kind === 'grantStatusAccess' ? op.grants.length : 0));
        expect(sizes).toEqual([MAX_GRANT_PROFILES, 1]);
    });

    it('moves profiles out of any number of configurations in one all-or-none change', () => {
        const base = manyProfiles(30);
        const ids = base.choices.agentProfileIds;
        const configs = Array.from({ length: 15 }, (_, i) => ({
            Id: `0Nd5g${String(i).padStart(13, '0')}`,
            DeveloperName: `Team_${i}`,
            MasterLabel: `Team ${i}`,
            Capacity: 2,
        }));
        const s: OrgSnapshot = {
            ...base,
            presenceConfigs: read([{ ...HAND.agentsConfig, DeveloperName: 'SimplyChat' }, ...configs]),
            presenceConfigProfiles: read(
                ids.map((profileId, i) => ({
                    Id: `0Nf5g${String(i).padStart(13, '0')}`,
                    PresenceUserConfigId: i === 0 ? HAND.agentsConfig.Id : configs[i % 15].Id,
                    ProfileId: profileId,
                }))
            ),
            choices: choices({ agentProfileIds: ids, moveProfileIds: ids }),
        };
        const ops = plan(s, ['presenceConfig']).filter((o) => o.kind === 'moveProfilesToConfig');
        expect(ops.length).toBe(1);
        const [move] = ops;
        expect(move.kind === 'moveProfilesToConfig' && new Set(move.moves.map((m) => m.fromConfigId)).size).toBe(15);
        expect(ops.flatMap((o) => (o.kind === 'moveProfilesToConfig' ? o.moves : [])).length).toBe(29);
        const after = simulate(s, ops);
        expect(evaluate(after).find((i) => i.id === 'presenceConfig')?.status).toBe('pass');
    });
});

describe('simulate', () => {
    it('does not change its input', () => {
        const s = partlySetUpOrg();
        const copy = JSON.parse(JSON.stringify(s));
        simulate(s, plan(s, 'all'));
        expect(s).toEqual(copy);
    });

    it('gives new records 18-character ids that are not taken', () => {
        const s = omniOrg();
        const after = simulate(s, plan(s, 'all'));
        const ids = after.presenceStatuses.status === 'read' ? after.presenceStatuses.records.map((r) => r.Id) : [];
        expect(ids).toHaveLength(2);
        for (const id of ids) expect(id).toMatch(/^[0-9A-Za-z]{18}$/);
        expect(new Set(ids).size).toBe(2);
    });

    it('enables Omni-Channel and turns its unreadable parts into empty ones', () => {
        const after = simulate(omniDisabledOrg(), [
            { kind: 'enableOmniChannel', itemId: 'omniChannel', orgWide: true },
        ]);
        expect(after.omniEnabled).toBe(true);
        expect(after.serviceChannels).toEqual({ status: 'read', records: [] });
        expect(after.statusAccess).toEqual({ status: 'read', records: [] });
    });

    const refusals: [string, OrgSnapshot, Operation, RegExp][] = [
        [
            'a duplicate channel name',
            fullySetUpOrg(),
            {
                kind: 'createServiceChannel',
                itemId: 'serviceChannel',
                developerName: 'Chat_Sessions',
                label: 'x',
                relatedEntityType: 'Lead',
            },
            /DUPLICATE_DEVELOPER_NAME/,
        ],
        [
            'a second channel for the same object',
            fullySetUpOrg(),
            {
                kind: 'createServiceChannel',
                itemId: 'serviceChannel',
                developerName: 'Other',
                label: 'x',
                relatedEntityType: 'Case',
            },
            /already routes Case/,
        ],
        [
            'a status with an unknown channel',
            omniOrg(),
            {
                kind: 'createPresenceStatus',
                itemId: 'onlineStatus',
                developerName: 'X',
                label: 'X',
                channelDeveloperNames: ['Nope'],
            },
            /No service channel Nope/,
        ],
        [
            'a profile already in a configuration',
            fullySetUpOrg(),
            {
                kind: 'assignProfilesToConfig',
                itemId: 'presenceConfig',
                configId: HAND.agentsConfig.Id,
                configDeveloperName: 'Agents_Config',
                profiles: [{ profileId: PROFILE.agent.Id, profileName: 'Agent' }],
            },
            /already in a presence configuration/,
        ],
        [
            'a write to an unreadable part',
            omniDisabledOrg(),
            {
                kind: 'setCapacity',
                itemId: 'presenceConfig',
                configId: 'x',
                configDeveloperName: 'x',
                from: 1,
                capacity: 2,
            },
            /not readable \(omniDisabled\)/,
        ],
        [
            'a second org default record',
            fullySetUpOrg(),
            {
                kind: 'setScSetupDefaults',
                itemId: 'scSetup',
                objectApiName: 'WINP__SC_Setup__c',
                mode: 'create',
                values: {},
            },
            /already exists/,
        ],
    ];

    it.each(refusals)('refuses %s like the org would', (_name, s, op, message) => {
        expect(() => simulate(s, [op])).toThrow(SimulationError);
        expect(() => simulate(s, [op])).toThrow(message);
    });
});

describe('describeOperation', () => {
    it('describes every planned operation with a known label key and its parameters', () => {
        const keys = new Set<string>(REASON_KEYS);
        const moved: OrgSnapshot = {
            ...fullySetUpOrg(),
            presenceConfigs: read([HAND.agentsConfig, HAND.salesConfig]),
            presenceConfigProfiles: read([
                { Id: '0Nf5g00000000Moved', PresenceUserConfigId: HAND.salesConfig.Id, ProfileId: PROFILE.support.Id },
            ]),
            routingConfigs: read([{ ...HAND.routing, RoutingPriority: 3 }]),
            choices: choices({ moveProfileIds: [PROFILE.support.Id], capacity: 4 }),
        };
        const ops = [...plan(omniDisabledOrg(), 'all'), ...plan(moved, 'all')];
        const kinds = new Set(ops.map((o) => o.kind));
        expect(kinds.size).toBeGreaterThanOrEqual(11);
        for (const op of ops) {
            const described = describeOperation(op);
            expect(keys.has(described.key)).toBe(true);
            expect(Object.values(described.params).every((v) => typeof v === 'string' || typeof v === 'number')).toBe(
                true
            );
        }
        expect(describeOperation(ops[0])).toEqual({ key: 'op.enableOmniChannel', params: {} });
        const update = ops.find((o) => o.kind === 'upsertRoutingConfig' && o.existingId);
        expect(update && describeOperation(update)).toEqual({
            key: 'op.updateRoutingConfig',
            params: { name: 'Chat Routing', changes: 'RoutingPriority: 3 → 1' },
        });
    });

    it('needs the API connection for Metadata writes only: records and the custom setting go without it', () => {
        const queue = {
            kind: 'upsertQueue',
            itemId: 'queue',
            developerName: 'SimplyChat',
            label: 'SimplyChat',
            routingConfigDeveloperName: 'SimplyChat',
            addSobjectTypes: ['Case'],
        } as const;
        expect(operationNeedsApi({ ...queue, existingId: null })).toBe(true);
        expect(operationNeedsApi({ ...queue, existingId: '00G000000000001AAA' })).toBe(false);
        expect(operationNeedsApi({ kind: 'enableOmniChannel', itemId: 'omniChannel', orgWide: true })).toBe(true);
        const grant = { kind: 'grantStatusAccess', itemId: 'profileAccess', grants: [] } as const;
        expect(operationNeedsApi(grant)).toBe(false);
    });
});

describe('serialization', () => {
    it('round-trips snapshots, items and plans through JSON unchanged', () => {
        const s = partlySetUpOrg();
        expect(JSON.parse(JSON.stringify(s))).toEqual(s);
        expect(JSON.parse(JSON.stringify(evaluate(s)))).toEqual(evaluate(s));
        expect(JSON.parse(JSON.stringify(plan(s, 'all')))).toEqual(plan(s, 'all'));
    });

    it('uses only reason keys from the published list', () => {
        const keys = new Set<string>(REASON_KEYS);
        for (const s of [omniDisabledOrg(), omniOrg(), partlySetUpOrg(), fullySetUpOrg()]) {
            const used = evaluate(s).flatMap((item) => [
                item.reason.key,
                item.fix.available ? 'fix.available' : item.fix.reason.key,
            ]);
            expect(used.filter((key) => key !== 'fix.available' && !keys.has(key))).toEqual([]);
        }
    });
});
