/**
 * The Agents view's engine (agents.ts): one unit test per blocker and per way of status access, plus the
 * decidable/undecidable edges. The laws over generated orgs are in agentLaws.test.ts.
 */
import { AGENT_BLOCKERS, agentReadiness } from '../agents';
import * as membershipModule from '../membership';
import * as agentApps from '../ruleAgentApps';
import type {
    AgentPresenceRecord,
    AgentReadiness,
    AgentUserRecord,
    GroupMemberRecord,
    MemberGroupRecord,
    OrgSnapshot,
    Part,
    QueueMembershipState,
} from '../types';
import { fullySetUpOrg, HAND, PROFILE, read } from './fixtures';
import { APP_SETS, APPS, appSet, appsAgentWithoutOmni, appsBarsNotRead } from '../../../../../../samples/apps';

const QUEUE_ID = HAND.queue.Id;
const NO_PRESENCE: Part<AgentPresenceRecord> = read([]);

function user(n: number, overrides: Partial<AgentUserRecord> = {}): AgentUserRecord {
    return {
        Id: `0055g0000Agent${String(n).padStart(2, '0')}A`,
        Name: `Agent ${n}`,
        Username: `agent${n}@example.com`,
        ProfileId: PROFILE.agent.Id,
        UserRoleId: null,
        ServiceCloudUser: true,
        DirectConfigId: null,
        ...overrides,
    };
}

function membership(
    members: GroupMemberRecord[],
    extra: Partial<QueueMembershipState> = {}
): Part<QueueMembershipState> {
    return read([
        {
            queueId: QUEUE_ID,
            members,
            groups: [],
            roles: [],
            memberUsers: [],
            agentsByRole: [],
            unresolvedGroupIds: [],
            ...extra,
        },
    ]);
}

/** The fully set up org with agents 1–3 in the chat queue by name. */
function org(overrides: Partial<OrgSnapshot> = {}): OrgSnapshot {
    return {
        ...fullySetUpOrg(),
        queueMembership: membership([1, 2, 3].map((n) => ({ GroupId: QUEUE_ID, UserOrGroupId: user(n).Id }))),
        ...overrides,
    };
}

function one(s: OrgSnapshot, u: AgentUserRecord, presence = NO_PRESENCE, seesAll = true): AgentReadiness {
    return agentReadiness(s, [u], presence, seesAll)[0];
}

describe('agentReadiness: a ready agent', () => {
    it('is ready with everything named: configuration, statuses, queue, app, presence', () => {
        const r = one(org(), user(1));
        expect(r).toEqual({
            userId: user(1).Id,
            name: 'Agent 1',
            username: 'agent1@example.com',
            profileId: PROFILE.agent.Id,
            profileName: PROFILE.agent.Name,
            config: { id: HAND.agentsConfig.Id, label: 'Agents', capacity: 3, level: 'profile' },
            onlineStatuses: [{ label: 'Available', through: 'profile' }],
            queue: { how: 'user', via: '' },
            serviceCloudUser: true,
            omniApp: 'yes',
            omniAppThrough: ['profile'],
            presence: 'offline',
            status: 'ready',
            blockers: [],
            warnings: [],
            unknowns: [],
            reason: { key: 'agent.ready', params: {} },
        });
    });

    it('shows the current presence by status label, and unknown presence when it could not be read', () => {
        const presence = read([
            {
                UserId: user(1).Id,
                ServicePresenceStatusId: HAND.away.Id,
                IsAway: true,
                StatusStartDate: '2026-11-25T08:00:00.000Z',
            },
        ]);
        expect(one(org(), user(1), presence).presence).toEqual({
            statusLabel: 'Away',
            isAway: true,
            since: '2026-11-25T08:00:00.000Z',
        });
        const unread = one(org(), user(1), { status: 'unavailable', code: 'noAccess' });
        expect(unread.presence).toBe('unknown');
        // Presence is shown, never a prerequisite.
        expect(unread.status).toBe('ready');
    });
});

describe('agentReadiness: each blocker', () => {
    it('notInQueue: a user who is no member of the queue, named', () => {
        const r = one(org(), user(9));
        expect(r.status).toBe('notReady');
        expect(r.blockers).toEqual(['notInQueue']);
        expect(r.queue).toBeNull();
        expect(r.reason).toEqual({ key: 'agent.notInQueue', params: { queue: 'Chat Queue' } });
    });

    it('notInQueue: no SimplyChat queue at all', () => {
        const r = one(org({ queueMembership: read([]) }), user(1));
        expect(r.blockers).toEqual(['notInQueue']);
        expect(r.reason.key).toBe('agent.noQueue');
    });

    it('noPresenceConfig: a profile with no assignment and no default configuration record', () => {
        const s = org({ presenceConfigProfiles: read([]) });
        const r = one(s, user(1));
        expect(r.config).toBeNull();
        expect(r.blockers).toEqual(['noPresenceConfig']);
        expect(r.reason).toEqual({ key: 'agent.noPresenceConfig', params: { profile: PROFILE.agent.Name } });
    });

    it('noCapacity: the configuration gives less capacity than one chat of the queue takes', () => {
        const s = org({ routingConfigs: read([{ ...HAND.routing, CapacityWeight: 4 }]) });
        const r = one(s, user(1));
        expect(r.blockers).toEqual(['noCapacity']);
        expect(r.reason).toEqual({ key: 'agent.noCapacity', params: { config: 'Agents', capacity: 3, weight: 4 } });
        expect(one(org({ routingConfigs: read([{ ...HAND.routing, CapacityWeight: 3 }]) }), user(1)).status).toBe(
            'ready'
        );
    });

    it('noOnlineStatus: neither the profile nor a permission set gives a status carrying SimplyChat', () => {
        const s = org({
            statusAccess: read([{ ProfileId: PROFILE.agent.Id, SetupEntityId: HAND.away.Id }]),
        });
        const r = one(s, user(1));
        expect(r.onlineStatuses).toEqual([]);
        expect(r.blockers).toEqual(['noOnlineStatus']);
        expect(r.reason).toEqual({
            key: 'agent.noOnlineStatus',
            params: { profile: PROFILE.agent.Name, statuses: 'Available' },
        });
    });

    it('noOnlineStatus: no status carries the SimplyChat channel, or there is no channel', () => {
        const noLink = org({ statusChannels: read([HAND.availableCase]) });
        expect(one(noLink, user(1)).reason).toEqual({
            key: 'agent.noCarryingStatus',
            params: { channel: 'Chat Sessions' },
        });
        const noChannel = org({ serviceChannels: read([HAND.caseChannel]) });
        expect(one(noChannel, user(1)).blockers).toEqual(['noOnlineStatus']);
        expect(one(noChannel, user(1)).reason.key).toBe('agent.noChannel');
    });

    it('noServiceCloudUser is a warning, not a blocker: the agent is ready and the reason says why it is named', () => {
        const r = one(org(), user(1, { ServiceCloudUser: false }));
        expect(r.status).toBe('ready');
        expect(r.blockers).toEqual([]);
        expect(r.warnings).toEqual(['noServiceCloudUser']);
        expect(r.serviceCloudUser).toBe(false);
        expect(r.reason.key).toBe('agent.warn.noServiceCloudUser');
        const licensed = one(org(), user(1));
        expect(licensed.warnings).toEqual([]);
        expect(licensed.reason.key).toBe('agent.ready');
    });

    it("noOmniApp: none of the profile's console apps has the Omni-Channel utility", () => {
        const r = one(org(appsAgentWithoutOmni()), user(1));
        expect(r.omniApp).toBe('no');
        expect(r.blockers).toEqual(['noOmniApp']);
        expect(r.reason).toEqual({ key: 'agent.noOmniApp', params: { profile: PROFILE.agent.Name } });
        const support = one(org(appsAgentWithoutOmni()), user(1, { ProfileId: PROFILE.support.Id }));
        expect(support.omniApp).toBe('yes');
    });

    it('noOmniApp per agent: an app through a permission set assigned to the user counts, named as its source', () => {
        const s = org({
            ...appsAgentWithoutOmni(),
            appPermissionSets: read([
                appSet(
                    APP_SETS.omniConsole,
                    [APPS.serviceConsole],
                    [{ AssigneeId: user(1).Id, ProfileId: PROFILE.agent.Id }]
                ),
                // A group's own set with an app without the utility gives nothing.
                appSet(APP_SETS.serviceGroup, [APPS.sales], [{ AssigneeId: user(2).Id, ProfileId: PROFILE.agent.Id }]),
            ]),
        });
        const [withSet, withGroup, without] = agentReadiness(s, [user(1), user(2), user(3)], NO_PRESENCE, true);
        expect(withSet.omniApp).toBe('yes');
        expect(withSet.omniAppThrough).toEqual(['Omni Console Access']);
        expect(withSet.status).toBe('ready');
        for (const r of [withGroup, without]) {
            expect(r.omniApp).toBe('no');
            expect(r.blockers).toEqual(['noOmniApp']);
            expect(r.reason).toEqual({ key: 'agent.noOmniApp', params: { profile: PROFILE.agent.Name } });
        }
    });

    it('noOmniApp is unknown, never "no", when the apps of the permission sets could not be read', () => {
        const s = org({
            ...appsAgentWithoutOmni(),
            appPermissionSets: { status: 'unavailable', code: 'queryFailed', message: 'More than 10000 rows' },
        });
        const r = one(s, user(1));
        expect(r.omniApp).toBe('unknown');
        expect(r.status).toBe('unknown');
        expect(r.reason.key).toBe('agent.unknown.appSets');
        // A profile whose own app has the utility stays ready.
        expect(one(s, user(1, { ProfileId: PROFILE.support.Id })).omniApp).toBe('yes');
    });

    it('noOmniApp is unknown when the set gives an app the admin cannot access', () => {
        const s = org({
            ...appsAgentWithoutOmni(),
            appPermissionSets: read([
                appSet(APP_SETS.omniConsole, ['hidden'], [{ AssigneeId: user(1).Id, ProfileId: PROFILE.agent.Id }]),
            ]),
        });
        expect(one(s, user(1)).reason.key).toBe('agent.unknown.appHiddenSet');
    });

    it('lists every blocker in the documented order, the first one as the reason', () => {
        const s = org({
            ...appsAgentWithoutOmni(),
            presenceConfigProfiles: read([]),
            statusAccess: read([]),
        });
        const r = one(s, user(9, { ServiceCloudUser: false }));
        expect(r.blockers).toEqual(['notInQueue', 'noPresenceConfig', 'noOnlineStatus', 'noOmniApp']);
        expect(r.warnings).toEqual(['noServiceCloudUser']);
        expect(r.reason.key).toBe('agent.notInQueue');
        const capacity = one(
            org({ routingConfigs: read([{ ...HAND.routing, CapacityWeight: 9 }]) }),
            user(9, { ServiceCloudUser: false })
        );
        expect(capacity.blockers).toEqual(['notInQueue', 'noCapacity']);
        expect(AGENT_BLOCKERS).toEqual(['notInQueue', 'noPresenceConfig', 'noCapacity', 'noOnlineStatus', 'noOmniApp']);
    });
});

describe('agentReadiness: current presence under sharing (row 70)', () => {
    it('shows a user without a presence row as offline only to a reader who sees every row', () => {
        expect(one(org(), user(1), NO_PRESENCE, true).presence).toBe('offline');
        expect(one(org(), user(1), NO_PRESENCE, false).presence).toBe('unknown');
        expect(agentReadiness(org(), [user(1)], NO_PRESENCE)[0].presence).toBe('unknown');
        // Presence is never a prerequisite: the verdict is the same either way.
        expect(one(org(), user(1), NO_PRESENCE, false).status).toBe(one(org(), user(1), NO_PRESENCE, true).status);
    });
});

describe('agentReadiness: the presence configuration in effect', () => {
    it("takes the user's own assignment before the profile's", () => {
        const s = org({ presenceConfigs: read([HAND.agentsConfig, HAND.salesConfig]) });
        const r = one(s, user(1, { DirectConfigId: HAND.salesConfig.Id }));
        expect(r.config).toEqual({ id: HAND.salesConfig.Id, label: 'Sales Team', capacity: 2, level: 'user' });
        expect(r.status).toBe('ready');
    });

    it("falls back to the org's Default Presence Configuration, with its capacity", () => {
        const defaultConfig = {
            Id: '0Nd5g000000DefltAA',
            DeveloperName: 'default_presence_config',
            MasterLabel: 'Default Presence Configuration',
            Capacity: 5,
        };
        const s = org({ presenceConfigs: read([HAND.agentsConfig, defaultConfig]), presenceConfigProfiles: read([]) });
        const r = one(s, user(1));
        expect(r.config).toEqual({
            id: defaultConfig.Id,
            label: 'Default Presence Configuration',
            capacity: 5,
            level: 'default',
        });
        expect(r.status).toBe('ready');
    });

    it('is unknown when the configurations cannot be read, or the assignment names one not read', () => {
        const unread = one(org({ presenceConfigs: { status: 'unavailable', code: 'queryFailed' } }), user(1));
        expect(unread.status).toBe('unknown');
        expect(unread.unknowns).toEqual(['noPresenceConfig', 'noCapacity']);
        expect(unread.reason.key).toBe('agent.unknown.config');
        const dangling = one(org(), user(1, { DirectConfigId: '0Nd5g00000GoneAAAA' }));
        expect(dangling.status).toBe('unknown');
        // A user-level assignment does not need the profiles' assignments.
        const direct = one(
            org({ presenceConfigProfiles: { status: 'unavailable', code: 'noAccess' } }),
            user(1, { DirectConfigId: HAND.agentsConfig.Id })
        );
        expect(direct.status).toBe('ready');
        expect(one(org({ presenceConfigProfiles: { status: 'unavailable', code: 'noAccess' } }), user(1)).status).toBe(
            'unknown'
        );
    });
});

describe('agentReadiness: the ways of status access', () => {
    const noProfileAccess = { statusAccess: read([{ ProfileId: PROFILE.agent.Id, SetupEntityId: HAND.away.Id }]) };

    it('through the profile', () => {
        expect(one(org(), user(1)).onlineStatuses).toEqual([{ label: 'Available', through: 'profile' }]);
    });

    it('through a permission set assigned to the user, named by its label', () => {
        const s = org({
            ...noProfileAccess,
            permissionSetAccess: read([
                {
                    Id: '0PS5g000000OmniAAA',
                    Label: 'Omni Agents',
                    PermissionSetGroupId: null,
                    StatusIds: [HAND.available.Id, HAND.away.Id],
                    Assignees: [{ AssigneeId: user(1).Id, ProfileId: PROFILE.agent.Id }],
                },
            ]),
        });
        expect(one(s, user(1)).onlineStatuses).toEqual([{ label: 'Available', through: 'Omni Agents' }]);
        expect(one(s, user(1)).status).toBe('ready');
        // Another user of the same profile does not hold the set.
        expect(one(s, user(2)).blockers).toEqual(['noOnlineStatus']);
    });

    it("through a permission set group (the group's own set)", () => {
        const s = org({
            ...noProfileAccess,
            permissionSetAccess: read([
                {
                    Id: '0PS5g00000GroupAAA',
                    Label: 'Chat Agents Group',
                    PermissionSetGroupId: '0PG5g00000GroupAAA',
                    StatusIds: [HAND.available.Id],
                    Assignees: [{ AssigneeId: user(2).Id, ProfileId: PROFILE.agent.Id }],
                },
            ]),
        });
        expect(one(s, user(2)).onlineStatuses).toEqual([{ label: 'Available', through: 'Chat Agents Group' }]);
    });

    it('names both when the profile and a permission set give it; ignores sets granting only other statuses', () => {
        const s = org({
            permissionSetAccess: read([
                {
                    Id: '0PS5g000000OmniAAA',
                    Label: 'Omni Agents',
                    PermissionSetGroupId: null,
                    StatusIds: [HAND.available.Id],
                    Assignees: [{ AssigneeId: user(1).Id, ProfileId: PROFILE.agent.Id }],
                },
                {
                    Id: '0PS5g000000AwayAAA',
                    Label: 'Away Only',
                    PermissionSetGroupId: null,
                    StatusIds: [HAND.away.Id],
                    Assignees: [{ AssigneeId: user(1).Id, ProfileId: PROFILE.agent.Id }],
                },
            ]),
        });
        expect(one(s, user(1)).onlineStatuses).toEqual([
            { label: 'Available', through: 'Omni Agents' },
            { label: 'Available', through: 'profile' },
        ]);
    });

    it('is unknown for a user outside the agent profiles: their access is not read', () => {
        const r = one(org(), user(1, { ProfileId: PROFILE.sales.Id, DirectConfigId: HAND.agentsConfig.Id }));
        expect(r.status).toBe('unknown');
        expect(r.unknowns).toEqual(['noOnlineStatus', 'noOmniApp']);
        expect(r.reason).toEqual({ key: 'agent.unknown.notAgentProfile', params: { profile: PROFILE.sales.Name } });
        expect(r.omniApp).toBe('unknown');
    });

    it('is unknown when the access cannot be read and the profile gives nothing', () => {
        const s = org({ ...noProfileAccess, permissionSetAccess: { status: 'unavailable', code: 'noAccess' } });
        expect(one(s, user(1)).unknowns).toEqual(['noOnlineStatus']);
        expect(one(s, user(1)).reason.key).toBe('agent.unknown.statuses');
        const statuses = org({ presenceStatuses: { status: 'unavailable', code: 'queryFailed' } });
        expect(one(statuses, user(1)).unknowns).toEqual(['noOnlineStatus']);
    });
});

describe('agentReadiness: queue membership ways', () => {
    const group: MemberGroupRecord = {
        Id: '00G5g00000TeamAAAA',
        Type: 'Regular',
        RelatedId: null,
        DeveloperName: 'Chat_Team',
        Name: 'Chat Team',
    };
    const role: MemberGroupRecord = {
        Id: '00G5g00000RoleAAAA',
        Type: 'RoleAndSubordinates',
        RelatedId: '00E5g0000000LeadAA',
        DeveloperName: null,
        Name: 'Team Lead and below',
    };

    it('through a public group, a role and its subordinates, or all internal users', () => {
        const s = org({
            queueMembership: membership(
                [
                    { GroupId: QUEUE_ID, UserOrGroupId: group.Id },
                    { GroupId: group.Id, UserOrGroupId: user(4).Id },
                    { GroupId: QUEUE_ID, UserOrGroupId: role.Id },
                ],
                {
                    groups: [group, role],
                    roles: [
                        { Id: '00E5g0000000LeadAA', Name: 'Team Lead', ParentRoleId: null },
                        { Id: '00E5g0000000RepAAA', Name: 'Rep', ParentRoleId: '00E5g0000000LeadAA' },
                    ],
                }
            ),
        });
        expect(one(s, user(4)).queue).toEqual({ how: 'publicGroup', via: 'Chat Team' });
        expect(one(s, user(5, { UserRoleId: '00E5g0000000RepAAA' })).queue).toEqual({
            how: 'roleAndSubordinates',
            via: 'Team Lead and below',
        });
        const all = org({
            queueMembership: membership([{ GroupId: QUEUE_ID, UserOrGroupId: '00G5g0000000OrgAAA' }], {
                groups: [
                    {
                        Id: '00G5g0000000OrgAAA',
                        Type: 'Organization',
                        RelatedId: null,
                        DeveloperName: null,
                        Name: 'All Internal Users',
                    },
                ],
            }),
        });
        expect(one(all, user(7)).queue).toEqual({ how: 'allInternalUsers', via: 'All Internal Users' });
    });

    it('is unknown when groups nested deeper than read could hold the user, or membership is not read', () => {
        const nested = org({
            queueMembership: membership([{ GroupId: QUEUE_ID, UserOrGroupId: group.Id }], {
                groups: [group],
                unresolvedGroupIds: [group.Id],
            }),
        });
        expect(one(nested, user(9)).queue).toBe('unknown');
        expect(one(nested, user(9)).reason).toEqual({
            key: 'agent.unknown.membership',
            params: { queue: 'Chat Queue' },
        });
        const older: OrgSnapshot = { ...org(), queueMembership: undefined };
        expect(one(older, user(1)).queue).toBe('unknown');
        expect(one(older, user(1)).unknowns).toEqual(['notInQueue']);
        expect(one(older, user(1)).reason.key).toBe('agent.unknown.queue');
    });
});

describe('agentReadiness: apps', () => {
    it('is unknown until the utility bars are read, and says they are read through the API connection', () => {
        const r = one(org(appsBarsNotRead()), user(1));
        expect(r.status).toBe('unknown');
        expect(r.omniApp).toBe('unknown');
        expect(r.reason.key).toBe('agent.unknown.utilityBars');
    });

    it('says the apps could not be read when the bars read failed', () => {
        const s = org({ utilityBars: { status: 'unavailable', code: 'queryFailed', message: 'timeout' } });
        expect(one(s, user(1)).reason.key).toBe('agent.unknown.apps');
    });

    it('a certain blocker wins over an unknown: notReady, with the unknowns still listed', () => {
        const r = one(org(appsBarsNotRead()), user(9));
        expect(r.status).toBe('notReady');
        expect(r.blockers).toEqual(['notInQueue']);
        expect(r.unknowns).toEqual(['noOmniApp']);
    });

    it('is unknown when the apps are not part of the snapshot (an older reader)', () => {
        const older: OrgSnapshot = { ...org(), apps: undefined, appAccess: undefined };
        expect(one(older, user(1)).reason.key).toBe('agent.unknown.apps');
    });
});

describe('agentReadiness: many users', () => {
    it('keeps the order of the users given and answers each one', () => {
        const users = [user(3), user(9), user(1)];
        expect(agentReadiness(org(), users, NO_PRESENCE).map((r) => [r.userId, r.status])).toEqual([
            [user(3).Id, 'ready'],
            [user(9).Id, 'notReady'],
            [user(1).Id, 'ready'],
        ]);
        expect(agentReadiness(org(), [], NO_PRESENCE)).toEqual([]);
    });
});

describe('agentReadiness: O(users) after O(snapshot)', () => {
    afterEach(() => jest.restoreAllMocks());

    it('resolves the queue once per call and answers apps once per profile, however many users', () => {
        const resolve = jest.spyOn(membershipModule, 'resolveMembership');
        const member = jest.spyOn(membershipModule, 'membershipOf');
        const apps = jest.spyOn(agentApps, 'omniAppOfUser');
        const users = Array.from({ length: 500 }, (_, i) =>
            user(i, { ProfileId: i % 2 ? PROFILE.agent.Id : PROFILE.support.Id })
        );
        const rows = agentReadiness(org(), users, NO_PRESENCE);
        expect(rows).toHaveLength(500);
        expect(resolve).toHaveBeenCalledTimes(1);
        expect(member).toHaveBeenCalledTimes(500);
        expect(apps).toHaveBeenCalledTimes(2);
    });
});
