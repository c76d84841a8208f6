/**
 * Laws of the Agents view's engine (agents.ts), property-based (fast-check) over generated orgs and users, in the
 * style of laws.test.ts:
 *  1. ready ⇔ no blocker and nothing unknown; notReady ⇔ a blocker; the reason is the first one's;
 *  2. a user's readiness does not depend on the other users given (nor on their order);
 *  3. the inputs are never mutated;
 *  4. an unreadable part a check needs never yields 'ready';
 *  5. a user-level presence configuration wins over the profile's;
 *  6. making a non-member a member of the queue removes exactly 'notInQueue';
 *  7. current presence is shown, never a prerequisite;
 *  8. the rows agree with item 14 about the agent profiles' apps.
 */
import fc from 'fast-check';
import { AGENT_BLOCKERS, agentReadiness } from '../agents';
import { evaluate } from '../evaluate';
import { OMNI_CHANNEL_UTILITY } from '../facts';
import type {
    AgentPresenceRecord,
    AgentReadiness,
    AgentUserRecord,
    AppRecord,
    GroupMemberRecord,
    MemberGroupRecord,
    OrgSnapshot,
    Part,
    QueueMembershipState,
} from '../types';
import { choices, CHAT, omniOrg, read } from './fixtures';

function id(prefix: string, n: number): string {
    return `${prefix}5g${String(n).padStart(13, '0')}`;
}

const UNREAD = { status: 'unavailable', code: 'queryFailed', message: 'boom' } as const;

/** Parts a check needs, each of which can be made unreadable by the generator or by law 4. */
const NEEDED_PARTS = [
    'queueMembership',
    'presenceConfigs',
    'serviceChannels',
    'presenceStatuses',
    'statusChannels',
    'apps',
    'appMenuItems',
    'appAccess',
] as const;
/** Parts every snapshot has (required in OrgSnapshot): only the optional ones can be absent. */
const ALWAYS_PRESENT: readonly string[] = ['serviceChannels', 'presenceConfigs', 'presenceStatuses', 'statusChannels'];
const OPTIONAL_PARTS = [...NEEDED_PARTS, 'presenceConfigProfiles', 'statusAccess', 'permissionSetAccess'] as const;
type PartName = (typeof OPTIONAL_PARTS)[number];

interface Shape {
    profileCount: number;
    agents: number[];
    configs: number[];
    defaultConfig: boolean;
    profileConfig: (number | null)[];
    routingWeight: number;
    channel: boolean;
    statusCarries: boolean[];
    access: [number, number][];
    permissionSets: { statuses: number[]; users: number[] }[];
    queue: boolean;
    directMembers: number[];
    groupMembers: number[];
    roleMember: 'none' | 'Role' | 'RoleAndSubordinates' | 'Organization';
    unresolved: boolean;
    /** Per profile: 0 no app, 1 a console app with the utility, 2 a console app without, 3 a standard app. */
    profileApp: number[];
    barsRead: boolean;
    users: { profile: number; role: number | null; scu: boolean; direct: number | null }[];
    unreadable: PartName[];
    presenceRead: boolean;
    online: number[];
}

const rawShapeArb: fc.Arbitrary<Shape> = fc
    .record({
        profileCount: fc.integer({ min: 1, max: 4 }),
        agents: fc.subarray([0, 1, 2, 3]),
        configs: fc.array(fc.integer({ min: 1, max: 4 }), { maxLength: 3 }),
        defaultConfig: fc.boolean(),
        profileConfig: fc.array(fc.option(fc.nat(2), { nil: null }), { minLength: 4, maxLength: 4 }),
        routingWeight: fc.integer({ min: 1, max: 3 }),
        channel: fc.boolean(),
        statusCarries: fc.array(fc.boolean(), { maxLength: 3 }),
        access: fc.array(fc.tuple(fc.nat(3), fc.nat(2)), { maxLength: 8 }),
        permissionSets: fc.array(
            fc.record({ statuses: fc.subarray([0, 1, 2]), users: fc.subarray([0, 1, 2, 3, 4, 5]) }),
            {
                maxLength: 2,
            }
        ),
        queue: fc.boolean(),
        directMembers: fc.subarray([0, 1, 2, 3, 4, 5]),
        groupMembers: fc.subarray([0, 1, 2, 3, 4, 5]),
        roleMember: fc.constantFrom(
            'none' as const,
            'Role' as const,
            'RoleAndSubordinates' as const,
            'Organization' as const
        ),
        unresolved: fc.boolean(),
        profileApp: fc.array(fc.nat(3), { minLength: 4, maxLength: 4 }),
        barsRead: fc.boolean(),
        users: fc.array(
            fc.record({
                profile: fc.nat(3),
                role: fc.option(fc.nat(1), { nil: null }),
                scu: fc.boolean(),
                direct: fc.option(fc.nat(2), { nil: null }),
            }),
            { maxLength: 6 }
        ),
        unreadable: fc.subarray([...OPTIONAL_PARTS], { maxLength: 2 }),
        presenceRead: fc.boolean(),
        online: fc.subarray([0, 1, 2, 3, 4, 5]),
    })
    .map((r) => ({
        ...r,
        agents: r.agents.filter((a) => a < r.profileCount),
        profileConfig: r.profileConfig.map((c) => (c !== null && c < r.configs.length ? c : null)),
        access: r.access.filter(([p, s]) => p < r.profileCount && s < r.statusCarries.length),
        permissionSets: r.permissionSets.map((ps) => ({
            statuses: ps.statuses.filter((s) => s < r.statusCarries.length),
            users: ps.users.filter((u) => u < r.users.length),
        })),
        users: r.users.map((u) => ({
            ...u,
            profile: u.profile % r.profileCount,
            direct: u.direct !== null && u.direct < r.configs.length ? u.direct : null,
        })),
    }));

/**
 * An org set up for SimplyChat (every profile an agent profile with access to a carrying status and the Omni app,
 * enough capacity, every part read), keeping the random users, queue membership and licences: so that many users
 * are ready and the laws about ready users are not vacuous.
 */
function healed(shape: Shape): Shape {
    const profiles = Array.from({ length: shape.profileCount }, (_, i) => i);
    return {
        ...shape,
        agents: profiles,
        configs: shape.configs.map((c) => c + 3),
        channel: true,
        statusCarries: [true, ...shape.statusCarries.slice(1)],
        access: [...shape.access, ...profiles.map((p): [number, number] => [p, 0])],
        queue: true,
        unresolved: false,
        profileApp: shape.profileApp.map(() => 1),
        barsRead: true,
        unreadable: [],
    };
}

const shapeArb: fc.Arbitrary<Shape> = fc
    .tuple(rawShapeArb, fc.boolean())
    .map(([shape, heal]) => (heal ? healed(shape) : shape));

const QUEUE_ID = id('00G', 1);
const ROLES = [
    { Id: id('00E', 0), Name: 'Lead', ParentRoleId: null },
    { Id: id('00E', 1), Name: 'Rep', ParentRoleId: id('00E', 0) },
];
const APP_KINDS: AppRecord[] = [
    {
        DurableId: id('06m', 1),
        DeveloperName: 'Omni_Console',
        NamespacePrefix: null,
        Label: 'Omni Console',
        NavType: 'Console',
        UtilityBar: 'Omni_Console_UtilityBar',
    },
    {
        DurableId: id('06m', 2),
        DeveloperName: 'Plain_Console',
        NamespacePrefix: null,
        Label: 'Plain Console',
        NavType: 'Console',
        UtilityBar: 'Plain_Console_UtilityBar',
    },
    {
        DurableId: id('06m', 3),
        DeveloperName: 'Sales',
        NamespacePrefix: null,
        Label: 'Sales',
        NavType: 'Standard',
        UtilityBar: null,
    },
];

function userOf(shape: Shape, i: number): AgentUserRecord {
    const u = shape.users[i];
    return {
        Id: id('005', i),
        Name: `User ${i}`,
        Username: `user${i}@example.com`,
        ProfileId: id('00e', u.profile),
        UserRoleId: u.role === null ? null : ROLES[u.role].Id,
        ServiceCloudUser: u.scu,
        DirectConfigId: u.direct === null ? null : id('0Nd', u.direct),
    };
}

function usersOf(shape: Shape): AgentUserRecord[] {
    return shape.users.map((_, i) => userOf(shape, i));
}

function membershipOf(shape: Shape): Part<QueueMembershipState> {
    if (!shape.queue) return read([]);
    const groupId = id('00G', 2);
    const roleGroupId = id('00G', 3);
    const members: GroupMemberRecord[] = [
        ...shape.directMembers
            .filter((u) => u < shape.users.length)
            .map((u) => ({ GroupId: QUEUE_ID, UserOrGroupId: id('005', u) })),
        { GroupId: QUEUE_ID, UserOrGroupId: groupId },
        ...shape.groupMembers
            .filter((u) => u < shape.users.length)
            .map((u) => ({ GroupId: groupId, UserOrGroupId: id('005', u) })),
    ];
    const groups: MemberGroupRecord[] = [
        { Id: groupId, Type: 'Regular', RelatedId: null, DeveloperName: 'Team', Name: 'Team' },
    ];
    if (shape.roleMember !== 'none') {
        members.push({ GroupId: QUEUE_ID, UserOrGroupId: roleGroupId });
        groups.push({
            Id: roleGroupId,
            Type: shape.roleMember,
            RelatedId: shape.roleMember === 'Organization' ? null : ROLES[0].Id,
            DeveloperName: null,
            Name: shape.roleMember,
        });
    }
    return read([
        {
            queueId: QUEUE_ID,
            members,
            groups,
            roles: ROLES,
            memberUsers: [],
            agentsByRole: [],
            unresolvedGroupIds: shape.unresolved ? [id('00G', 4)] : [],
        },
    ]);
}

function build(shape: Shape): OrgSnapshot {
    const profiles = Array.from({ length: shape.profileCount }, (_, i) => ({
        Id: id('00e', i),
        Name: `Profile ${i}`,
        UserCount: 3,
        ServiceCloudUserCount: 1,
    }));
    const channel = { Id: id('0N1', 1), DeveloperName: 'SimplyChat', MasterLabel: 'SimplyChat', RelatedEntity: CHAT };
    const statuses = shape.statusCarries.map((_, i) => ({
        Id: id('0N5', i),
        DeveloperName: `Status_${i}`,
        MasterLabel: `Status ${i}`,
    }));
    const configs = shape.configs.map((capacity, i) => ({
        Id: id('0Nd', i),
        DeveloperName: `Config_${i}`,
        MasterLabel: `Config ${i}`,
        Capacity: capacity,
    }));
    if (shape.defaultConfig) {
        configs.push({
            Id: id('0Nd', 9),
            DeveloperName: 'default_presence_config',
            MasterLabel: 'Default Presence Configuration',
            Capacity: 5,
        });
    }
    const appAccess = profiles.flatMap((p, i) =>
        shape.profileApp[i] === 0 ? [] : [{ ProfileId: p.Id, SetupEntityId: id('02u', shape.profileApp[i] * 1000) }]
    );
    const snapshot: OrgSnapshot = {
        ...omniOrg(),
        serviceChannels: read(shape.channel ? [channel] : []),
        routingConfigs: read([
            {
                Id: id('0K7', 1),
                DeveloperName: 'SimplyChat',
                MasterLabel: 'SimplyChat',
                RoutingModel: 'MostAvailable',
                RoutingPriority: 1,
                CapacityWeight: shape.routingWeight,
                CapacityPercentage: null,
            },
        ]),
        queues: read([
            { Id: QUEUE_ID, DeveloperName: 'SimplyChat', Name: 'SimplyChat', QueueRoutingConfigId: id('0K7', 1) },
        ]),
        presenceStatuses: read(statuses),
        statusChannels: read(
            shape.statusCarries.flatMap((carries, i) =>
                carries && shape.channel
                    ? [{ Id: id('0N6', i), ServicePresenceStatusId: statuses[i].Id, ServiceChannelId: channel.Id }]
                    : []
            )
        ),
        presenceConfigs: read(configs),
        presenceConfigProfiles: read(
            profiles.flatMap((p, i) => {
                const c = shape.profileConfig[i];
                return c === null ? [] : [{ Id: id('0Nf', i), PresenceUserConfigId: configs[c].Id, ProfileId: p.Id }];
            })
        ),
        profiles: read(profiles),
        statusAccess: read(
            shape.access.map(([p, s]) => ({ ProfileId: profiles[p].Id, SetupEntityId: statuses[s].Id }))
        ),
        permissionSetAccess: read(
            shape.permissionSets.map((ps, i) => ({
                Id: id('0PS', i),
                Label: `Set ${i}`,
                PermissionSetGroupId: null,
                StatusIds: ps.statuses.map((s) => statuses[s].Id),
                Assignees: ps.users
                    .map((u) => userOf(shape, u))
                    .filter((u) => shape.agents.some((a) => id('00e', a) === u.ProfileId))
                    .map((u) => ({ AssigneeId: u.Id, ProfileId: u.ProfileId })),
            }))
        ),
        queueMembership: membershipOf(shape),
        apps: read(APP_KINDS),
        // AppMenuItem gives the 02u… Id in 15 characters; access rows carry 18.
        appMenuItems: read(
            APP_KINDS.map((a, k) => ({
                ApplicationId: id('02u', (k + 1) * 1000).slice(0, 15),
                Name: a.DeveloperName,
                NamespacePrefix: a.NamespacePrefix,
            }))
        ),
        appAccess: read(appAccess),
        utilityBars: shape.barsRead
            ? read([
                  { Name: 'Omni_Console_UtilityBar', ComponentNames: [OMNI_CHANNEL_UTILITY] },
                  { Name: 'Plain_Console_UtilityBar', ComponentNames: ['one:notesUtility'] },
              ])
            : { status: 'unavailable', code: 'notRead' },
        choices: choices({ agentProfileIds: shape.agents.map((a) => id('00e', a)) }),
    };
    const broken: Record<string, unknown> = {};
    for (const part of shape.unreadable) broken[part] = UNREAD;
    return { ...snapshot, ...broken };
}

function presenceOf(shape: Shape): Part<AgentPresenceRecord> {
    if (!shape.presenceRead) return { status: 'unavailable', code: 'noAccess' };
    return read(
        shape.online
            .filter((u) => u < shape.users.length)
            .map((u) => ({
                UserId: id('005', u),
                ServicePresenceStatusId: id('0N5', 0),
                IsAway: false,
                StatusStartDate: null,
            }))
    );
}

function ordered(list: readonly string[]): boolean {
    const positions = list.map((b) => AGENT_BLOCKERS.indexOf(b as (typeof AGENT_BLOCKERS)[number]));
    return positions.every((p, i) => p >= 0 && (i === 0 || p > positions[i - 1]));
}

function deepFreeze<T>(value: T): T {
    if (value && typeof value === 'object' && !Object.isFrozen(value)) {
        Object.freeze(value);
        for (const v of Object.values(value)) deepFreeze(v);
    }
    return value;
}

const RUNS = { numRuns: 300 };

describe('agent readiness laws over generated orgs and users', () => {
    it('law 1: ready ⇔ no blocker and nothing unknown; notReady ⇔ a blocker; the reason is the first one', () => {
        fc.assert(
            fc.property(shapeArb, (shape) => {
                for (const r of agentReadiness(build(shape), usersOf(shape), presenceOf(shape))) {
                    expect(ordered(r.blockers)).toBe(true);
                    expect(ordered(r.unknowns)).toBe(true);
                    expect(r.blockers.filter((b) => r.unknowns.includes(b))).toEqual([]);
                    const expected = r.blockers.length > 0 ? 'notReady' : r.unknowns.length > 0 ? 'unknown' : 'ready';
                    expect(r.status).toBe(expected);
                    // A ready agent without Service Cloud User is named by the warning (row 77), never blocked by it.
                    const readyKeys = ['agent.ready', 'agent.warn.noServiceCloudUser'];
                    expect(readyKeys.includes(r.reason.key)).toBe(r.status === 'ready');
                    expect(r.warnings.includes('noServiceCloudUser')).toBe(!r.serviceCloudUser);
                    expect(r.reason.key.startsWith('agent.unknown.')).toBe(r.status === 'unknown');
                    // A ready user has every prerequisite, known.
                    const complete =
                        r.queue !== 'unknown' &&
                        r.queue !== null &&
                        r.config !== null &&
                        r.onlineStatuses.length > 0 &&
                        r.omniApp === 'yes';
                    expect(r.status !== 'ready' || complete).toBe(true);
                }
            }),
            RUNS
        );
    });

    it("law 2: a user's readiness does not depend on the other users, nor on their order", () => {
        fc.assert(
            fc.property(shapeArb, (shape) => {
                const s = build(shape);
                const users = usersOf(shape);
                const presence = presenceOf(shape);
                const all = agentReadiness(s, users, presence);
                users.forEach((u, i) => expect(agentReadiness(s, [u], presence)[0]).toEqual(all[i]));
                expect(agentReadiness(s, [...users].reverse(), presence)).toEqual([...all].reverse());
            }),
            { numRuns: 150 }
        );
    });

    it('law 3: the snapshot, the users and the presence are never mutated', () => {
        fc.assert(
            fc.property(shapeArb, (shape) => {
                const s = build(shape);
                const users = usersOf(shape);
                const presence = presenceOf(shape);
                const before = JSON.stringify([s, users, presence]);
                deepFreeze([s, users, presence]);
                agentReadiness(s, users, presence);
                expect(JSON.stringify([s, users, presence])).toBe(before);
            }),
            { numRuns: 100 }
        );
    });

    it('law 4: an unreadable part a check needs never yields ready', () => {
        fc.assert(
            fc.property(shapeArb, fc.constantFrom(...NEEDED_PARTS), (shape, part) => {
                const s = { ...build(shape), [part]: UNREAD };
                const ready = agentReadiness(s, usersOf(shape), presenceOf(shape)).filter((r) => r.status === 'ready');
                expect(ready).toEqual([]);
                // A reader that does not read an optional part at all (an older one) is no better.
                const absent = ALWAYS_PRESENT.includes(part) ? s : { ...build(shape), [part]: undefined };
                const readyWithout = agentReadiness(absent, usersOf(shape), presenceOf(shape)).filter(
                    (r) => r.status === 'ready'
                );
                expect(readyWithout).toEqual([]);
            }),
            RUNS
        );
    });

    it("law 5: a user-level presence configuration wins over the profile's", () => {
        fc.assert(
            fc.property(shapeArb, fc.nat(2), (shape, configIndex) => {
                fc.pre(shape.configs.length > configIndex && shape.users.length > 0);
                fc.pre(!shape.unreadable.includes('presenceConfigs'));
                const s = build(shape);
                const users = usersOf(shape).map((u) => ({ ...u, DirectConfigId: id('0Nd', configIndex) }));
                for (const r of agentReadiness(s, users, presenceOf(shape))) {
                    expect(r.config).toEqual({
                        id: id('0Nd', configIndex),
                        label: `Config ${configIndex}`,
                        capacity: shape.configs[configIndex],
                        level: 'user',
                    });
                    expect(r.blockers).not.toContain('noPresenceConfig');
                    expect(r.unknowns).not.toContain('noPresenceConfig');
                }
            }),
            RUNS
        );
    });

    it("law 6: making a non-member a member of the queue removes exactly 'notInQueue'", () => {
        fc.assert(
            fc.property(shapeArb, (shape) => {
                const s = build(shape);
                const membership = s.queueMembership;
                fc.pre(membership?.status === 'read' && membership.records.length === 1);
                if (membership?.status !== 'read') return;
                const users = usersOf(shape);
                const presence = presenceOf(shape);
                const before = agentReadiness(s, users, presence);
                before.forEach((r, i) => {
                    if (r.queue !== null) return;
                    const state = membership.records[0];
                    const joined: OrgSnapshot = {
                        ...s,
                        queueMembership: read([
                            {
                                ...state,
                                members: [...state.members, { GroupId: state.queueId, UserOrGroupId: users[i].Id }],
                            },
                        ]),
                    };
                    const after = agentReadiness(joined, [users[i]], presence)[0];
                    expect(after.queue).toEqual({ how: 'user', via: '' });
                    expect(after.blockers).toEqual(r.blockers.filter((b) => b !== 'notInQueue'));
                    expect(after.unknowns).toEqual(r.unknowns);
                    expect(r.blockers).toContain('notInQueue');
                });
            }),
            RUNS
        );
    });

    it('law 7: current presence is shown, never a prerequisite', () => {
        fc.assert(
            fc.property(shapeArb, (shape) => {
                const s = build(shape);
                const strip = (r: AgentReadiness): AgentReadiness => ({ ...r, presence: 'offline' });
                const seen = agentReadiness(s, usersOf(shape), presenceOf(shape)).map(strip);
                const unread = agentReadiness(s, usersOf(shape), { status: 'unavailable', code: 'noAccess' });
                expect(unread.map(strip)).toEqual(seen);
                expect(unread.every((r) => r.presence === 'unknown')).toBe(true);
            }),
            { numRuns: 100 }
        );
    });

    it('law 8: the rows agree with item 14 about the agent profiles', () => {
        fc.assert(
            fc.property(shapeArb, (shape) => {
                const s = build(shape);
                const item = evaluate(s).find((i) => i.id === 'agentApps');
                const without = new Set(
                    item?.details.flatMap((d) => (d.kind === 'profileWithoutOmniApp' ? [d.profileId] : []))
                );
                const disagree = agentReadiness(s, usersOf(shape), presenceOf(shape)).flatMap((r) => {
                    const agent = s.choices.agentProfileIds.includes(r.profileId);
                    const wrong =
                        (!agent && r.omniApp !== 'unknown') ||
                        (agent && item?.status === 'pass' && r.omniApp !== 'yes') ||
                        (agent && without.has(r.profileId) !== (r.omniApp === 'no'));
                    return wrong ? [`${r.profileId}: ${r.omniApp} (item ${item?.status})`] : [];
                });
                expect(disagree).toEqual([]);
            }),
            RUNS
        );
    });
});
