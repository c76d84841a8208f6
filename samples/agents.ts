/**
 * Sample agents: the users SetupAgentsController.getAgents would read in each scenario, and two scenarios
 * of their own. Deterministic: the same scenario always has the same agents, in Id order.
 *
 * - Every scenario: the active users of its agent profiles (as many as the profile counts, the first
 *   ServiceCloudUserCount of them Service Cloud Users), using the user Ids its snapshot already names (queue members,
 *   permission set assignees) and the roles its queue membership counts, and the users assigned directly to a
 *   presence configuration (presenceConfigUsers).
 * - `agents`: a set-up org where agents are not ready for each reason: not in the queue, no capacity (a
 *   configuration of capacity 0 assigned to them), no Online status with SimplyChat, no Service Cloud User, no app
 *   with the Omni-Channel utility; the others are ready, members by name, through a public group or a role.
 * - `agents10000`: the same org with 10,000 agent users, for the figures.
 */
import type {
    AgentPresenceRecord,
    AgentUserRecord,
    AppAccessRecord,
    AppRecord,
    GroupMemberRecord,
    MemberUserRecord,
    OrgSnapshot,
    Part,
    ProfileRecord,
    PublicGroupRecord,
    QueueMembershipState,
    SalesforceId,
    UtilityBarRecord,
} from '../force-app/main/default/lwc/setupEngine/types';
import { OMNI_CHANNEL_UTILITY } from '../force-app/main/default/lwc/setupEngine/facts';
import { UTILITY_BARS } from './apps';
import { choices, fullySetUpOrg, HAND, PROFILE, read } from './orgs';

const FAMILY = ['Kim', 'Lee', 'Park', 'Choi', 'Jung', 'Kang', 'Cho', 'Yoon', 'Jang', 'Lim', 'Han', 'Oh'];
const GIVEN = [
    'Minji',
    'Jun',
    'Seoyeon',
    'Jisoo',
    'Hyunwoo',
    'Yuna',
    'Doyun',
    'Hana',
    'Sungmin',
    'Eunji',
    'Taeyang',
    'Soojin',
    'Jiho',
    'Nari',
    'Woojin',
    'Haeun',
    'Dongha',
    'Yerin',
];

/** A name and a username for the n-th user of a profile (unique usernames, names as an org would have them). */
function person(profileIndex: number, n: number): { Name: string; Username: string } {
    const k = profileIndex * 7919 + n;
    const family = FAMILY[k % FAMILY.length];
    const given = GIVEN[Math.floor(k / FAMILY.length) % GIVEN.length];
    return {
        Name: `${family} ${given}`,
        Username:
            `${given}.${family}.${profileIndex}${String(n).padStart(5, '0')}@simplychat-demo.example`.toLowerCase(),
    };
}

/** An 18-character user Id for the n-th generated user of a profile. */
function userId(profileIndex: number, n: number): SalesforceId {
    return `0055g${'U'}${String(profileIndex).padStart(2, '0')}${String(n).padStart(9, '0')}A`;
}

function records<T>(part: Part<T> | undefined): readonly T[] {
    return part?.status === 'read' ? part.records : [];
}

/**
 * The agent users of any scenario's snapshot: each agent profile's active users, reusing the Ids its queue
 * membership and permission sets name (so membership and status access resolve to them) and the roles its queue
 * membership counts. In Id order within a profile, the last users lack Service Cloud User (as many as the profile
 * counts) and the ones just before them are assigned directly to a configuration (presenceConfigUsers; the first
 * of them gets the name the count gives).
 */
export function agentUsersOf(snapshot: OrgSnapshot): AgentUserRecord[] {
    const profiles = records(snapshot.profiles);
    const chosen = new Set(snapshot.choices.agentProfileIds);
    const membership = records(snapshot.queueMembership)[0];
    const users: AgentUserRecord[] = [];
    profiles.forEach((profile, profileIndex) => {
        if (!chosen.has(profile.Id)) return;
        const known = new Map<SalesforceId, SalesforceId | null>();
        for (const member of membership?.memberUsers ?? [])
            if (member.ProfileId === profile.Id) known.set(member.Id, member.UserRoleId);
        for (const set of [...records(snapshot.permissionSetAccess), ...records(snapshot.appPermissionSets)])
            for (const a of set.Assignees)
                if (a.ProfileId === profile.Id && !known.has(a.AssigneeId)) known.set(a.AssigneeId, null);
        const ids = [...known.keys()].slice(0, profile.UserCount);
        const taken = new Set(ids);
        for (let k = 0; ids.length < profile.UserCount; k++) {
            const id = userId(profileIndex, k);
            if (!taken.has(id)) ids.push(id);
        }
        ids.sort(byId);
        // Roles as the membership counts them (an aggregate per profile and role), in order.
        const roles: (SalesforceId | null)[] = [];
        for (const count of membership?.agentsByRole ?? [])
            if (count.ProfileId === profile.Id) for (let i = 0; i < count.UserCount; i++) roles.push(count.UserRoleId);
        const direct: (SalesforceId | null)[] = [];
        const firstNames = new Map<number, string>();
        for (const row of records(snapshot.presenceConfigUsers)) {
            if (row.ProfileId !== profile.Id) continue;
            firstNames.set(direct.length, row.FirstUserName);
            for (let i = 0; i < row.UserCount; i++) direct.push(row.PresenceUserConfigId);
        }
        const withoutLicence = Math.max(0, profile.UserCount - profile.ServiceCloudUserCount);
        const firstDirect = Math.max(0, ids.length - withoutLicence - direct.length);
        ids.forEach((id, n) => {
            const generated = person(profileIndex, n);
            const d = n - firstDirect;
            const inDirect = d >= 0 && d < direct.length;
            users.push({
                Id: id,
                Name: (inDirect && firstNames.get(d)) || generated.Name,
                Username: generated.Username,
                ProfileId: profile.Id,
                UserRoleId: known.get(id) ?? roles[n] ?? null,
                ServiceCloudUser: n < profile.ServiceCloudUserCount,
                DirectConfigId: inDirect ? (direct[d] ?? null) : null,
            });
        });
    });
    return users.sort(byId);
}

function byId(a: { Id: string } | string, b: { Id: string } | string): number {
    const x = typeof a === 'string' ? a : a.Id;
    const y = typeof b === 'string' ? b : b.Id;
    return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * Current presence of the agents: every third Service Cloud User is online in the first status that carries the
 * SimplyChat channel (every ninth of them away in the org's away status), since a fixed time; the others offline.
 */
export function presenceOf(snapshot: OrgSnapshot, users: readonly AgentUserRecord[]): Part<AgentPresenceRecord> {
    if (!snapshot.omniEnabled) return { status: 'unavailable', code: 'omniDisabled' };
    if (!snapshot.user.permissions.customizeApplication) return { status: 'unavailable', code: 'noAccess' };
    const statuses = records(snapshot.presenceStatuses);
    const channelIds = new Set(records(snapshot.serviceChannels).map((c) => c.Id));
    const onlineIds = new Set(
        records(snapshot.statusChannels)
            .filter((s) => channelIds.has(s.ServiceChannelId))
            .map((s) => s.ServicePresenceStatusId)
    );
    const online = statuses.find((s) => onlineIds.has(s.Id));
    const away = statuses.find((s) => !onlineIds.has(s.Id));
    if (!online) return read([]);
    const out: AgentPresenceRecord[] = [];
    users.forEach((user, i) => {
        if (!user.ServiceCloudUser || i % 3 !== 0) return;
        const isAway = Boolean(away) && i % 9 === 0;
        out.push({
            UserId: user.Id,
            ServicePresenceStatusId: isAway && away ? away.Id : online.Id,
            IsAway: isAway,
            StatusStartDate: new Date(Date.UTC(2026, 10, 25, 8, i % 60)).toISOString(),
        });
    });
    return read(out);
}

// ------------------------------------------------------------------------------------ the agents scenario

/** Records of the agents scenario's org. */
export const AGENTS = {
    trainees: { Id: '00e5g0000TraineeAA', Name: 'Chat Trainees', UserCount: 6, ServiceCloudUserCount: 6 },
    /** A configuration of capacity 0 that two agents are assigned to directly: they get no chats. */
    paused: { Id: '0Nd5g000000PausedA', DeveloperName: 'Paused_Agents', MasterLabel: 'Paused agents', Capacity: 0 },
    chatGroup: { Id: '00G5g000000GrpChAA', DeveloperName: 'SimplyChat_Agents', Name: 'SimplyChat Agents' },
    supportRoleGroup: '00G5g000000GrpRoAA',
    supportManager: { Id: '00E5g000000SupMgrA', Name: 'Support Manager', ParentRoleId: null },
    supportAgent: { Id: '00E5g000000SupAgtA', Name: 'Support Agent', ParentRoleId: '00E5g000000SupMgrA' },
    omniAgents: { Id: '0PS5g000000OmniAgA', Label: 'Omni Agents' },
    /** A permission set granting the Service Console (with the Omni-Channel utility) to half of the trainees. */
    omniConsole: { Id: '0PS5g000000OmniCoA', Label: 'Omni Console Access' },
    serviceConsole: {
        DurableId: '06m5g000000SvcCAAS',
        DeveloperName: 'Service_Console',
        NamespacePrefix: null,
        Label: 'Service Console',
        NavType: 'Console',
        UtilityBar: 'Service_Console_UtilityBar',
    },
    salesConsole: {
        DurableId: '06m5g000000SlsCAAS',
        DeveloperName: 'Sales_Console',
        NamespacePrefix: null,
        Label: 'Sales Console',
        NavType: 'Console',
        UtilityBar: 'Sales_Console_UtilityBar',
    },
    /** AppMenuItem (TabSet) rows: the 02u… Ids (15 characters) that access rows carry (18 characters). */
    serviceConsoleItem: { ApplicationId: '02u5g000000SvcC', Name: 'Service_Console', NamespacePrefix: null },
    salesConsoleItem: { ApplicationId: '02u5g000000SlsC', Name: 'Sales_Console', NamespacePrefix: null },
    serviceConsoleAccessId: '02u5g000000SvcCAAS',
    salesConsoleAccessId: '02u5g000000SlsCAAS',
} as const;

/** The utility bars behind SetupAgentsController.getUtilityBars in the agents scenarios. */
export const AGENTS_UTILITY_BARS: readonly UtilityBarRecord[] = [
    { Name: AGENTS.serviceConsole.UtilityBar, ComponentNames: ['console:history', OMNI_CHANNEL_UTILITY] },
    { Name: AGENTS.salesConsole.UtilityBar, ComponentNames: ['console:history', 'force:notes'] },
];

/** How many users each agent profile has, and who of them is missing what. */
interface AgentsShape {
    readonly agent: number;
    readonly support: number;
    readonly trainees: number;
}

/**
 * The agents scenario: everything of the checklist set up by hand, and agents who still get no chats.
 * - SimplyChat Agent: in the queue through the public group "SimplyChat Agents" (two of them by name, three not at
 *   all), two without Service Cloud User, two assigned directly to "Paused agents" (capacity 0).
 * - Support: in the queue through the role "Support Manager" and its subordinates; the Online status comes through
 *   the permission set "Omni Agents", which four of them do not have; two without Service Cloud User.
 * - Chat Trainees: in the queue through the public group, but their profile's only app (Sales Console) has no
 *   Omni-Channel utility; the first half of them get the Service Console through a permission set (Omni Console
 *   Access), so only they are ready.
 */
export function agentsOrg(shape: AgentsShape = { agent: 25, support: 12, trainees: 6 }): OrgSnapshot {
    const base = fullySetUpOrg();
    const agentProfile: ProfileRecord = {
        ...PROFILE.agent,
        UserCount: shape.agent,
        ServiceCloudUserCount: shape.agent - 2,
    };
    const supportProfile: ProfileRecord = {
        ...PROFILE.support,
        UserCount: shape.support,
        ServiceCloudUserCount: shape.support - 2,
    };
    const trainees: ProfileRecord = {
        ...AGENTS.trainees,
        UserCount: shape.trainees,
        ServiceCloudUserCount: shape.trainees,
    };
    const profiles = [PROFILE.admin, agentProfile, supportProfile, PROFILE.sales, trainees];
    const profileIndex = (id: string): number => profiles.findIndex((p) => p.Id === id);
    const ids = (profile: ProfileRecord): SalesforceId[] =>
        Array.from({ length: profile.UserCount }, (_, n) => userId(profileIndex(profile.Id), n));
    const agentIds = ids(agentProfile);
    const agentIdSet = new Set(agentIds);
    const traineeIds = ids(trainees);
    const supportIds = ids(supportProfile);
    // SimplyChat Agent: 0–1 by name, 2–4 not members, the rest through the public group; trainees all in the group.
    const byName = agentIds.slice(0, 2);
    const inGroup = [...agentIds.slice(5), ...traineeIds];
    const members: GroupMemberRecord[] = [
        { GroupId: HAND.queue.Id, UserOrGroupId: AGENTS.chatGroup.Id },
        { GroupId: HAND.queue.Id, UserOrGroupId: AGENTS.supportRoleGroup },
        ...byName.map((id) => ({ GroupId: HAND.queue.Id, UserOrGroupId: id })),
        ...inGroup.map((id) => ({ GroupId: AGENTS.chatGroup.Id, UserOrGroupId: id })),
    ];
    const memberUsers: MemberUserRecord[] = [
        ...byName.map((id) => ({ Id: id, ProfileId: agentProfile.Id, UserRoleId: null })),
        ...inGroup.map((id) => ({
            Id: id,
            ProfileId: agentIdSet.has(id) ? agentProfile.Id : trainees.Id,
            UserRoleId: null,
        })),
    ];
    const membership: QueueMembershipState = {
        queueId: HAND.queue.Id,
        members,
        groups: [
            {
                Id: AGENTS.chatGroup.Id,
                Type: 'Regular',
                RelatedId: null,
                DeveloperName: AGENTS.chatGroup.DeveloperName,
                Name: AGENTS.chatGroup.Name,
            },
            {
                Id: AGENTS.supportRoleGroup,
                Type: 'RoleAndSubordinates',
                RelatedId: AGENTS.supportManager.Id,
                // A role's group has no name of its own: the view names it after the role (UserRole.Name).
                DeveloperName: null,
                Name: null,
            },
        ],
        roles: [AGENTS.supportManager, AGENTS.supportAgent],
        memberUsers,
        agentsByRole: [
            { ProfileId: agentProfile.Id, UserRoleId: null, UserCount: agentProfile.UserCount },
            { ProfileId: supportProfile.Id, UserRoleId: AGENTS.supportAgent.Id, UserCount: supportProfile.UserCount },
            { ProfileId: trainees.Id, UserRoleId: null, UserCount: trainees.UserCount },
        ],
        unresolvedGroupIds: [],
    };
    const publicGroups: PublicGroupRecord[] = [AGENTS.chatGroup];
    const apps: AppRecord[] = [AGENTS.serviceConsole, AGENTS.salesConsole];
    const appAccess: AppAccessRecord[] = [
        { ProfileId: agentProfile.Id, SetupEntityId: AGENTS.serviceConsoleAccessId },
        { ProfileId: supportProfile.Id, SetupEntityId: AGENTS.serviceConsoleAccessId },
        { ProfileId: supportProfile.Id, SetupEntityId: AGENTS.salesConsoleAccessId },
        { ProfileId: trainees.Id, SetupEntityId: AGENTS.salesConsoleAccessId },
    ];
    const withStatuses = supportIds.slice(0, Math.max(0, supportIds.length - 4));
    return {
        ...base,
        profiles: read(profiles),
        presenceConfigs: read([...records(base.presenceConfigs), AGENTS.paused]),
        presenceConfigProfiles: read([
            ...records(base.presenceConfigProfiles),
            { Id: '0Nf5g000000PcpTrAA', PresenceUserConfigId: HAND.agentsConfig.Id, ProfileId: trainees.Id },
        ]),
        presenceConfigUsers: read([
            {
                PresenceUserConfigId: AGENTS.paused.Id,
                ProfileId: agentProfile.Id,
                UserCount: 2,
                FirstUserName: 'Oh Nari',
            },
        ]),
        // Support gets the statuses through the permission set only (not through its profile).
        statusAccess: read([
            ...records(base.statusAccess).filter((a) => a.ProfileId !== supportProfile.Id),
            { ProfileId: trainees.Id, SetupEntityId: HAND.available.Id },
            { ProfileId: trainees.Id, SetupEntityId: HAND.away.Id },
        ]),
        permissionSetAccess: read([
            {
                Id: AGENTS.omniAgents.Id,
                Label: AGENTS.omniAgents.Label,
                PermissionSetGroupId: null,
                StatusIds: [HAND.available.Id, HAND.away.Id],
                Assignees: withStatuses.map((id) => ({ AssigneeId: id, ProfileId: supportProfile.Id })),
            },
        ]),
        queueMembership: read([membership]),
        publicGroups: read(publicGroups),
        apps: read(apps),
        appMenuItems: read([{ ...AGENTS.serviceConsoleItem }, { ...AGENTS.salesConsoleItem }]),
        appAccess: read(appAccess),
        appPermissionSets: read([
            {
                Id: AGENTS.omniConsole.Id,
                Label: AGENTS.omniConsole.Label,
                PermissionSetGroupId: null,
                AppIds: [AGENTS.serviceConsoleAccessId],
                Assignees: traineeIds
                    .slice(0, Math.ceil(traineeIds.length / 2))
                    .map((id) => ({ AssigneeId: id, ProfileId: trainees.Id })),
            },
        ]),
        utilityBars: { status: 'unavailable', code: 'notRead' },
        choices: choices({ agentProfileIds: [agentProfile.Id, supportProfile.Id, trainees.Id] }),
    };
}

/**
 * The full org where every item is done or only a warning, yet two agents get no chats: the SimplyChat queue's routing
 * configuration takes 2 units of capacity per chat (the admin's value, which item 5 flags against the guide's 1), and
 * two SimplyChat Agent users are assigned at user level to "Trainee desk" (capacity 1), which the admin chose not to
 * move (item 9 names them as a warning). A chat needs more capacity than their configuration has, so the Agents view
 * counts them not ready (noCapacity).
 */
export const TRAINEE_DESK = {
    Id: '0Nd5g000000TrDeskA',
    DeveloperName: 'Trainee_Desk',
    MasterLabel: 'Trainee desk',
    Capacity: 1,
} as const;

export function fullAgentsNotReadyOrg(): OrgSnapshot {
    const base = fullySetUpOrg();
    return {
        ...base,
        routingConfigs: read(records(base.routingConfigs).map((r) => ({ ...r, CapacityWeight: 2 }))),
        presenceConfigs: read([...records(base.presenceConfigs), TRAINEE_DESK]),
        presenceConfigUsers: read([
            {
                PresenceUserConfigId: TRAINEE_DESK.Id,
                ProfileId: PROFILE.agent.Id,
                UserCount: 2,
                FirstUserName: 'Han Yerin',
            },
        ]),
        choices: { ...base.choices, moveDirectUsers: false },
    };
}

/** The agents scenario with 10,000 agent users. */
export function agents10000Org(): OrgSnapshot {
    return agentsOrg({ agent: 6000, support: 2500, trainees: 1500 });
}

/** The utility bars the scenario's org has (what getUtilityBars reads through the API connection). */
export function utilityBarsOf(snapshot: OrgSnapshot): Part<UtilityBarRecord> {
    const names = new Set(records(snapshot.apps).map((a) => a.UtilityBar));
    const known: readonly UtilityBarRecord[] = [...AGENTS_UTILITY_BARS, ...Object.values(UTILITY_BARS)];
    return read(
        known.filter((bar) => names.has(bar.Name)).map((bar) => ({ ...bar, ComponentNames: [...bar.ComponentNames] }))
    );
}
