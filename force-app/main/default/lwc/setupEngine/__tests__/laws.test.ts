/**
 * Property-based tests (fast-check) of the engine's three laws over random orgs:
 *  1. a full plan fixes everything it can: evaluate(simulate(s, plan(s, 'all'))) passes;
 *  2. fixing is idempotent: the plan of that result is empty (and of any passing item);
 *  3. nothing outside the plan changes, and nothing the admin has is removed but a move they chose;
 *  4. a plan touches only SimplyChat's own components or what a choice names: other teams' statuses,
 *     configurations and profiles are never changed otherwise (and the plan respects the user's permissions).
 */
import fc from 'fast-check';
import {
    evaluate,
    operationNeedsApi,
    ITEM_IDS,
    plan,
    sharedRoutingChoice,
    simulate,
    validateChoices,
    type OrgSnapshot,
    type Part,
    type QueueMembershipState,
} from '../setupEngine';
import { ADMIN, CHAT, choices, OMNI_OFF, omniOrg, packageFlow, read, SC_SETUP_FIELDS } from './fixtures';
import { assertOnlyPlannedChanges, touchedWithoutReason } from './lawCheck';

const OBJECTS = ['Case', CHAT, 'MessagingSession'];

function id(prefix: string, n: number): string {
    return `${prefix}5g${String(n).padStart(13, '0')}`;
}

/** A random subset of `items`, as an arbitrary. */
function subsetOf<T>(items: readonly T[]): fc.Arbitrary<T[]> {
    return fc.subarray([...items]);
}

interface Shape {
    omniEnabled: boolean;
    profileCount: number;
    channelObjects: string[];
    channelNames: string[];
    routing: { name: string; model: string; priority: number; weight: number | null }[];
    queues: { name: string; routingIndex: number | null; objects: string[] }[];
    statuses: { name: string; channelIndexes: number[] }[];
    configs: { name: string; capacity: number }[];
    profileConfig: (number | null)[];
    access: [number, number][];
    flow: 'none' | 'inactive' | 'active';
    scSetup: 'none' | 'blank' | 'full';
    agents: number[];
    moves: number[];
    capacity: number | null;
    defaultConfig: boolean;
    direct: { profile: number; config: number; count: number }[];
    permissionSets: { statuses: number[]; holders: { profile: number; users: number }[]; group: boolean }[];
    moveDirectUsers: boolean;
    separateOnlineStatus: boolean;
    /** Another team's queue (not a chat queue) routed by one of the routing configurations, if any. */
    otherTeamRouting: number | null;
    /** Item 5's choice for a shared configuration; 'legacyTrue': only the older boolean, saved as true. */
    sharedRouting: 'keep' | 'update' | 'own' | 'legacyTrue' | 'absent';
    /** Item 13: each queue's members, and what the admin chose to add. */
    membership: MembershipShape[];
    queueMembers: 'none' | 'agentUsers' | 'Chat_Agents' | 'All_Service';
}

/** One queue's members: users by name ([profile, user] pairs), a role member, a public group, all internal users. */
interface MembershipShape {
    named: [number, number][];
    role: 'none' | 'role' | 'tree';
    group: [number, number][] | null;
    allInternal: boolean;
    unresolved: boolean;
}

const membershipArb: fc.Arbitrary<MembershipShape> = fc.record({
    named: fc.array(fc.tuple(fc.nat(5), fc.nat(5)), { maxLength: 6 }),
    role: fc.constantFrom('none' as const, 'role' as const, 'tree' as const),
    group: fc.option(fc.array(fc.tuple(fc.nat(5), fc.nat(5)), { maxLength: 6 }), { nil: null }),
    allInternal: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
    unresolved: fc.integer({ min: 0, max: 4 }).map((n) => n === 0),
});

const shapeArb: fc.Arbitrary<Shape> = fc
    .record({
        omniEnabled: fc.boolean(),
        profileCount: fc.integer({ min: 1, max: 6 }),
        channelObjects: subsetOf(OBJECTS),
        channelNames: fc.shuffledSubarray(['SimplyChat', 'Chat_Sessions', 'sfdc_Case', 'Messaging'], {
            minLength: 3,
            maxLength: 3,
        }),
        routingNames: fc.shuffledSubarray(['SimplyChat', 'Chat_Routing', 'Case_Routing'], {
            minLength: 0,
            maxLength: 3,
        }),
        routingValues: fc.array(
            fc.record({
                model: fc.constantFrom('MostAvailable', 'LeastActive'),
                priority: fc.integer({ min: 1, max: 3 }),
                weight: fc.option(fc.constantFrom(1, 2), { nil: null }),
            }),
            { minLength: 3, maxLength: 3 }
        ),
        queueNames: fc.shuffledSubarray(['SimplyChat', 'Chat_Queue', 'Cases'], { minLength: 0, maxLength: 3 }),
        queueValues: fc.array(
            fc.record({ routingIndex: fc.option(fc.nat(2), { nil: null }), objects: subsetOf(OBJECTS) }),
            {
                minLength: 3,
                maxLength: 3,
            }
        ),
        statusNames: fc.shuffledSubarray(['SimplyChat_Online', 'SimplyChat_Busy', 'Available', 'Away', 'Online'], {
            minLength: 0,
            maxLength: 5,
        }),
        statusChannels: fc.array(subsetOf([0, 1, 2]), { minLength: 5, maxLength: 5 }),
        configNames: fc.shuffledSubarray(['SimplyChat', 'Agents_Config', 'Sales_Config'], {
            minLength: 0,
            maxLength: 3,
        }),
        capacities: fc.array(fc.integer({ min: 1, max: 10 }), { minLength: 3, maxLength: 3 }),
        profileConfig: fc.array(fc.option(fc.nat(2), { nil: null }), { minLength: 6, maxLength: 6 }),
        access: fc.array(fc.tuple(fc.nat(5), fc.nat(4)), { maxLength: 20 }),
        flow: fc.constantFrom('none' as const, 'inactive' as const, 'active' as const),
        scSetup: fc.constantFrom('none' as const, 'blank' as const, 'full' as const),
        agents: subsetOf([0, 1, 2, 3, 4, 5]),
        moves: subsetOf([0, 1, 2, 3, 4, 5]),
        capacity: fc.option(fc.integer({ min: 1, max: 20 }), { nil: null }),
        defaultConfig: fc.boolean(),
        direct: fc.array(fc.record({ profile: fc.nat(5), config: fc.nat(3), count: fc.integer({ min: 1, max: 4 }) }), {
            maxLength: 4,
        }),
        permissionSets: fc.array(
            fc.record({
                statuses: subsetOf([0, 1, 2, 3, 4]),
                holders: fc.array(fc.record({ profile: fc.nat(5), users: fc.nat(5) }), { maxLength: 3 }),
                group: fc.boolean(),
            }),
            { maxLength: 2 }
        ),
        moveDirectUsers: fc.boolean(),
        separateOnlineStatus: fc.boolean(),
        otherTeamRouting: fc.option(fc.nat(2), { nil: null }),
        sharedRouting: fc.constantFrom(
            'keep' as const,
            'update' as const,
            'own' as const,
            'legacyTrue' as const,
            'absent' as const
        ),
        membership: fc.array(membershipArb, { minLength: 3, maxLength: 3 }),
        queueMembers: fc.constantFrom(
            'none' as const,
            'agentUsers' as const,
            'Chat_Agents' as const,
            'All_Service' as const
        ),
    })
    .map((r) => ({
        omniEnabled: r.omniEnabled,
        profileCount: r.profileCount,
        channelObjects: r.channelObjects,
        channelNames: r.channelNames,
        routing: r.routingNames.map((name, i) => ({ name, ...r.routingValues[i] })),
        queues: r.queueNames.map((name, i) => ({
            name,
            routingIndex:
                r.queueValues[i].routingIndex !== null && r.queueValues[i].routingIndex < r.routingNames.length
                    ? r.queueValues[i].routingIndex
                    : null,
            objects: r.queueValues[i].objects,
        })),
        statuses: r.statusNames.map((name, i) => ({
            name,
            channelIndexes: r.statusChannels[i].filter((c) => c < r.channelObjects.length),
        })),
        configs: r.configNames.map((name, i) => ({ name, capacity: r.capacities[i] })),
        profileConfig: r.profileConfig.map((c) => (c !== null && c < r.configNames.length ? c : null)),
        access: r.access,
        flow: r.flow,
        scSetup: r.scSetup,
        agents: r.agents.filter((a) => a < r.profileCount),
        moves: r.moves.filter((a) => a < r.profileCount),
        capacity: r.capacity,
        defaultConfig: r.defaultConfig,
        direct: r.direct.filter((d) => d.profile < r.profileCount),
        permissionSets: r.permissionSets.map((ps) => ({
            ...ps,
            statuses: ps.statuses.filter((st) => st < r.statusNames.length),
            holders: ps.holders.filter((h) => h.profile < r.profileCount),
        })),
        moveDirectUsers: r.moveDirectUsers,
        separateOnlineStatus: r.separateOnlineStatus,
        otherTeamRouting:
            r.otherTeamRouting !== null && r.otherTeamRouting < r.routingNames.length ? r.otherTeamRouting : null,
        sharedRouting: r.sharedRouting,
        membership: r.membership,
        queueMembers: r.queueMembers,
    }));

const ROLE_LEAD = id('00E', 1);
const ROLE_AGENT = id('00E', 2);
const CHAT_AGENTS = { Id: id('00G', 81), DeveloperName: 'Chat_Agents', Name: 'Chat Agents' };
const ALL_SERVICE = { Id: id('00G', 82), DeveloperName: 'All_Service', Name: 'All Service' };

/** User u of profile p (profile p has p users): the first half in the Agent role (under Lead), the rest without. */
function userOf(p: number, u: number): { Id: string; ProfileId: string; UserRoleId: string | null } {
    return { Id: id('005', p * 10 + u + 1), ProfileId: id('00e', p + 1), UserRoleId: u < p / 2 ? ROLE_AGENT : null };
}

/** What the reader gives for one queue: rows, groups met, the hierarchy, agents by name and counts by role. */
function membershipOf(queueId: string, m: MembershipShape, agents: readonly number[]): QueueMembershipState {
    const exists = ([p, u]: [number, number]): boolean => u < p;
    const named = m.named.filter(exists).map(([p, u]) => userOf(p, u));
    const inGroup = (m.group ?? []).filter(exists).map(([p, u]) => userOf(p, u));
    const roleGroup = {
        Id: id('00G', 91),
        Type: m.role === 'tree' ? 'RoleAndSubordinates' : 'Role',
        RelatedId: m.role === 'tree' ? ROLE_LEAD : ROLE_AGENT,
        DeveloperName: null,
        Name: null,
    };
    const orgGroup = { Id: id('00G', 92), Type: 'Organization', RelatedId: null, DeveloperName: null, Name: null };
    const manager = { Id: id('00G', 93), Type: 'Manager', RelatedId: null, DeveloperName: null, Name: null };
    const members = [
        ...named.map((u) => ({ GroupId: queueId, UserOrGroupId: u.Id })),
        ...(m.role === 'none' ? [] : [{ GroupId: queueId, UserOrGroupId: roleGroup.Id }]),
        ...(m.group ? [{ GroupId: queueId, UserOrGroupId: CHAT_AGENTS.Id }] : []),
        ...inGroup.map((u) => ({ GroupId: CHAT_AGENTS.Id, UserOrGroupId: u.Id })),
        ...(m.allInternal ? [{ GroupId: queueId, UserOrGroupId: orgGroup.Id }] : []),
        ...(m.unresolved ? [{ GroupId: queueId, UserOrGroupId: manager.Id }] : []),
    ];
    // The reader lists members by name only on the agent profiles.
    const agentIds = new Set(agents.map((p) => id('00e', p + 1)));
    const byName = new Map([...named, ...inGroup].filter((u) => agentIds.has(u.ProfileId)).map((u) => [u.Id, u]));
    return {
        queueId,
        members,
        groups: [
            ...(m.role === 'none' ? [] : [roleGroup]),
            ...(m.group ? [{ ...CHAT_AGENTS, Type: 'Regular', RelatedId: null }] : []),
            ...(m.allInternal ? [orgGroup] : []),
            ...(m.unresolved ? [manager] : []),
        ],
        roles:
            m.role === 'tree'
                ? [
                      { Id: ROLE_LEAD, Name: 'Lead', ParentRoleId: null },
                      { Id: ROLE_AGENT, Name: 'Agent', ParentRoleId: ROLE_LEAD },
                  ]
                : [],
        memberUsers: [...byName.values()],
        agentsByRole: agents.flatMap((p) => {
            const inRole = Math.ceil(p / 2);
            return [
                ...(inRole > 0 ? [{ ProfileId: id('00e', p + 1), UserRoleId: ROLE_AGENT, UserCount: inRole }] : []),
                ...(p - inRole > 0 ? [{ ProfileId: id('00e', p + 1), UserRoleId: null, UserCount: p - inRole }] : []),
            ];
        }),
        unresolvedGroupIds: [],
    };
}

/** Builds the snapshot an admin's org with this shape would give. */
function build(shape: Shape): OrgSnapshot {
    const profiles = Array.from({ length: shape.profileCount }, (_, i) => ({
        Id: id('00e', i + 1),
        Name: `Profile ${i + 1}`,
        UserCount: i,
        ServiceCloudUserCount: 0,
    }));
    const channels = shape.channelObjects.map((object, i) => ({
        Id: id('0N1', i + 1),
        DeveloperName: shape.channelNames[i],
        MasterLabel: shape.channelNames[i],
        RelatedEntity: object,
    }));
    const routingConfigs = shape.routing.map((r, i) => ({
        Id: id('0K7', i + 1),
        DeveloperName: r.name,
        MasterLabel: r.name,
        RoutingModel: r.model,
        RoutingPriority: r.priority,
        CapacityWeight: r.weight,
        CapacityPercentage: r.weight === null ? 100 : null,
    }));
    const queues = shape.queues.map((q, i) => ({
        Id: id('00G', i + 1),
        DeveloperName: q.name,
        Name: q.name,
        QueueRoutingConfigId: shape.omniEnabled && q.routingIndex !== null ? routingConfigs[q.routingIndex].Id : null,
    }));
    const queueSobjects = shape.queues.flatMap((q, i) =>
        q.objects.map((object, j) => ({ Id: id('03g', i * 10 + j + 1), QueueId: queues[i].Id, SobjectType: object }))
    );
    const statuses = shape.statuses.map((st, i) => ({
        Id: id('0N5', i + 1),
        DeveloperName: st.name,
        MasterLabel: st.name,
    }));
    const statusChannels = shape.statuses.flatMap((st, i) =>
        st.channelIndexes.map((c, j) => ({
            Id: id('0N6', i * 10 + j + 1),
            ServicePresenceStatusId: statuses[i].Id,
            ServiceChannelId: channels[c].Id,
        }))
    );
    const configs = shape.configs.map((c, i) => ({
        Id: id('0Nd', i + 1),
        DeveloperName: c.name,
        MasterLabel: c.name,
        Capacity: c.capacity,
    }));
    if (shape.defaultConfig) {
        configs.push({
            Id: id('0Nd', 9),
            DeveloperName: 'default_presence_config',
            MasterLabel: 'Default Presence Configuration',
            Capacity: 5,
        });
    }
    // Direct (user-level) assignments, summed per configuration and profile; index 3 is the default one.
    const directRows = new Map<
        string,
        { PresenceUserConfigId: string; ProfileId: string; UserCount: number; FirstUserName: string }
    >();
    for (const d of shape.direct) {
        const config =
            d.config < shape.configs.length
                ? configs[d.config]
                : shape.defaultConfig
                  ? configs[configs.length - 1]
                  : undefined;
        if (!config) continue;
        const key = `${config.Id}:${d.profile}`;
        const row = directRows.get(key) ?? {
            PresenceUserConfigId: config.Id,
            ProfileId: profiles[d.profile].Id,
            UserCount: 0,
            FirstUserName: `User ${d.profile}`,
        };
        directRows.set(key, { ...row, UserCount: row.UserCount + d.count });
    }
    const permissionSetAccess = shape.permissionSets.map((ps, i) => ({
        Id: id('0PS', i + 1),
        Label: `Set ${i + 1}`,
        PermissionSetGroupId: ps.group ? id('0PG', i + 1) : null,
        StatusIds: ps.statuses.map((st) => statuses[st].Id),
        Assignees: [
            ...new Map(
                ps.holders.flatMap((h) =>
                    Array.from({ length: Math.min(h.users, profiles[h.profile].UserCount) }, (_, u) => [
                        `${h.profile}-${u}`,
                        { AssigneeId: id('005', h.profile * 10 + u + 1), ProfileId: profiles[h.profile].Id },
                    ])
                )
            ).values(),
        ],
    }));
    const configProfiles = profiles.flatMap((p, i) => {
        const c = shape.profileConfig[i];
        return c === null || c === undefined
            ? []
            : [{ Id: id('0Nf', i + 1), PresenceUserConfigId: configs[c].Id, ProfileId: p.Id }];
    });
    const access = [
        ...new Map(
            shape.access
                .filter(([p, st]) => p < profiles.length && st < statuses.length)
                .map(([p, st]) => [`${p}-${st}`, { ProfileId: profiles[p].Id, SetupEntityId: statuses[st].Id }])
        ).values(),
    ];
    const omni = <T>(records: T[]): Part<T> => (shape.omniEnabled ? read(records) : OMNI_OFF);
    const agentIds = shape.agents.map((a) => profiles[a].Id);
    return {
        ...omniOrg(),
        omniEnabled: shape.omniEnabled,
        serviceChannels: omni(channels),
        routingConfigs: omni(routingConfigs),
        queues: read(queues),
        // Every routed queue, another team's Support queue (no chat object, so not among `queues`) included.
        routedQueues: read([
            ...queues.filter((q) => q.QueueRoutingConfigId),
            ...(shape.omniEnabled && shape.otherTeamRouting !== null
                ? [
                      {
                          Id: id('00G', 9),
                          DeveloperName: 'Support_Cases',
                          Name: 'Support Cases',
                          QueueRoutingConfigId: routingConfigs[shape.otherTeamRouting].Id,
                      },
                  ]
                : []),
        ]),
        queueSobjects: read(queueSobjects),
        presenceStatuses: omni(statuses),
        statusChannels: omni(statusChannels),
        presenceConfigs: omni(configs),
        presenceConfigProfiles: omni(configProfiles),
        presenceConfigUsers: omni([...directRows.values()]),
        profiles: read(profiles),
        statusAccess: omni(access),
        permissionSetAccess: omni(permissionSetAccess),
        queueMembership: read(queues.map((q, i) => membershipOf(q.Id, shape.membership[i], shape.agents))),
        publicGroups: read([CHAT_AGENTS, ALL_SERVICE]),
        flows: read(shape.flow === 'none' ? [] : [packageFlow(shape.flow === 'active')]),
        scSetup: read([
            {
                objectApiName: 'WINP__SC_Setup__c',
                fields: SC_SETUP_FIELDS,
                orgDefault:
                    shape.scSetup === 'none'
                        ? null
                        : { WINP__Server_URL__c: shape.scSetup === 'full' ? 'https://wisetalk.windmillsoft.kr' : '' },
                writable: true,
            },
        ]),
        choices: choices({
            agentProfileIds: agentIds,
            moveProfileIds: shape.moves.filter((m) => shape.agents.includes(m)).map((m) => profiles[m].Id),
            capacity: shape.capacity,
            moveDirectUsers: shape.moveDirectUsers,
            separateOnlineStatus: shape.separateOnlineStatus,
            ...(shape.sharedRouting === 'legacyTrue'
                ? { updateSharedRoutingConfig: true }
                : shape.sharedRouting === 'absent'
                  ? {}
                  : { sharedRoutingConfig: shape.sharedRouting }),
            queueMembers:
                shape.queueMembers === 'none'
                    ? null
                    : shape.queueMembers === 'agentUsers'
                      ? { kind: 'agentUsers' }
                      : { kind: 'publicGroup', groupDeveloperName: shape.queueMembers },
        }),
    };
}

/** Items that cannot reach pass by design: no fix exists, or the admin did not choose to move a profile. */
function expectedLeftovers(before: OrgSnapshot, after: OrgSnapshot): Set<string> {
    const left = new Set<string>();
    if (before.flows.status === 'read' && before.flows.records.length === 0) left.add('flow');
    // Item 14 has no automatic fix (a guided step in App Manager): a plan never changes it.
    left.add('agentApps');
    if (before.choices.agentProfileIds.length === 0) {
        left.add('presenceConfig');
        left.add('profileAccess');
        left.add('queueMembers');
    }
    // Item 13 adds members only as the admin chose: nothing chosen, or a group already in the queue, adds nobody.
    const members = evaluate(after).find((i) => i.id === 'queueMembers');
    if (!before.choices.queueMembers) left.add('queueMembers');
    if (members && !members.fix.available && members.fix.reason.key === 'fix.queueGroupIsMember') {
        left.add('queueMembers');
    }
    // Item 5 never changes a routing configuration other queues use unless the admin chose to (law 4).
    const routing = evaluate(after).find((i) => i.id === 'routingConfig');
    if (
        routing?.reason.key === 'item.routingConfig.sharedWrongValues' &&
        sharedRoutingChoice(before.choices) === 'keep'
    ) {
        left.add('routingConfig');
    }
    const presence = evaluate(after).find((i) => i.id === 'presenceConfig');
    if (presence?.status === 'warning' && presence.reason.key === 'item.presenceConfig.profilesInOtherConfig') {
        const unchosen = presence.details.filter((d) => d.kind === 'profileInOtherConfig' && !d.willMove);
        if (unchosen.length > 0) left.add('presenceConfig');
    }
    if (presence?.status === 'warning' && presence.reason.key === 'item.presenceConfig.usersInOtherConfig') {
        if (!before.choices.moveDirectUsers) left.add('presenceConfig');
    }
    return left;
}

describe('engine laws over random orgs', () => {
    it('a full plan fixes every fixable item, re-planning is empty, and only planned records change', () => {
        fc.assert(
            fc.property(shapeArb, (shape) => {
                const before = build(shape);
                expect(validateChoices(before.choices, before)).toEqual([]);
                const ops = plan(before, 'all');
                const after = simulate(before, ops);
                const leftovers = expectedLeftovers(before, after);
                const notPassing = evaluate(after)
                    .filter((i) => i.status !== 'pass' && !leftovers.has(i.id))
                    .map((i) => `${i.id}: ${i.status} ${i.reason.key}`);
                expect(notPassing).toEqual([]);
                expect(plan(after, 'all')).toEqual([]);
                assertOnlyPlannedChanges(before, after, ops);
            }),
            { numRuns: 300 }
        );
    });

    it("law 4: a plan touches only SimplyChat components or what a choice names, never another team's", () => {
        fc.assert(
            fc.property(shapeArb, (shape) => {
                const before = build(shape);
                expect(touchedWithoutReason(before, plan(before, 'all'))).toEqual([]);
                for (const itemId of ITEM_IDS) expect(touchedWithoutReason(before, plan(before, [itemId]))).toEqual([]);
            }),
            { numRuns: 300 }
        );
    });

    /** The same org for a user who cannot change setup, or for an admin without the API connection. */
    function limitedOrg(s: OrgSnapshot, readOnly: boolean): OrgSnapshot {
        return readOnly
            ? { ...s, user: { id: s.user.id, permissions: { ...ADMIN, customizeApplication: false } } }
            : { ...s, apiAccess: { connectionSetup: 'present', connection: 'unauthenticated', httpStatus: 401 } };
    }

    it('the plan itself respects permissions and the API connection, whoever calls it', () => {
        fc.assert(
            fc.property(shapeArb, fc.boolean(), (shape, readOnly) => {
                const s = build(shape);
                const limited = limitedOrg(s, readOnly);
                const ops = plan(limited, 'all');
                // Without the connection only what needs no callout is planned: records and the custom setting.
                expect(ops).toEqual(readOnly ? [] : ops.filter((op) => !operationNeedsApi(op)));
            }),
            { numRuns: 100 }
        );
    });

    it('plans nothing for a passing item, and something for every item it offers to fix', () => {
        fc.assert(
            fc.property(shapeArb, (shape) => {
                const s = build(shape);
                const wrong = evaluate(s).flatMap((item) => {
                    const ops = plan(s, [item.id]).filter((o) => o.itemId === item.id);
                    if (item.status === 'pass' && ops.length > 0) return [`${item.id} passes but plans ${ops.length}`];
                    if (item.fix.available && ops.length === 0) return [`${item.id} offers a fix but plans nothing`];
                    return [];
                });
                expect(wrong).toEqual([]);
            }),
            { numRuns: 200 }
        );
    });

    it('never offers a fix to a user who cannot change setup, nor an API fix without the connection', () => {
        fc.assert(
            fc.property(shapeArb, fc.boolean(), (shape, readOnly) => {
                const s = build(shape);
                const limited = limitedOrg(s, readOnly);
                const offered = evaluate(limited)
                    .filter((i) => i.fix.available)
                    .map((i) => i.id);
                const needsApi = new Set(
                    plan(s, 'all')
                        .filter((op) => operationNeedsApi(op))
                        .map((op) => op.itemId)
                );
                expect(offered).toEqual(readOnly ? [] : offered.filter((i) => !needsApi.has(i)));
            }),
            { numRuns: 100 }
        );
    });

    it('keeps the checklist in its documented order', () => {
        expect(evaluate(build(fc.sample(shapeArb, 1)[0])).map((i) => i.id)).toEqual([...ITEM_IDS]);
    });
});
