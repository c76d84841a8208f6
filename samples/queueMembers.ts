/**
 * Item 13: who is in the SimplyChat queue in each sample org, and the public groups an admin may add.
 * The memberships tell each org's story:
 *  - fully set up: the queue holds the public group "Chat Agents", which holds the role "Chat Agent" (all 25 users of
 *    the SimplyChat Agent profile) and, nested, the group "Support Chat" (the 12 Support users by name): all members;
 *  - Omni-Channel already serves other teams: the queue holds the role "Service Lead" and its subordinates (23
 *    SimplyChat agents in that branch of the hierarchy), 2 agents without a role by name, and the group "Support
 *    Chat" with 4 of the 12 Support users: 8 Support users are not members;
 *  - the other orgs have no SimplyChat queue yet (no membership record): the plan's new queue has no members.
 * Ids have the right length and key prefixes (005 users, 00G groups, 00E roles).
 */
import type {
    GroupMemberRecord,
    OrgSnapshot,
    ProfileRecord,
    PublicGroupRecord,
    QueueMembershipState,
    SalesforceId,
    SettledParts,
} from '../force-app/main/default/lwc/setupEngine/types';

/**
 * What SetupSnapshotController.getSettledParts (and the CLI's readDependent) read in a sample org: the membership of
 * the queue whose Id they are given, nothing for another queue, no record without an Id.
 */
export function settledPartsOf(org: OrgSnapshot, queueId: SalesforceId | null): SettledParts {
    const part = org.queueMembership ?? { status: 'read', records: [] };
    if (part.status !== 'read') return { queueMembership: part };
    const records = queueId === null ? [] : part.records.filter((state) => state.queueId === queueId);
    return { queueMembership: { status: 'read', records } };
}

/** The public groups of every sample org (Group WHERE Type = 'Regular'). */
export const PUBLIC_GROUPS = {
    chatAgents: { Id: '00G5g00000ChatAgAA', DeveloperName: 'Chat_Agents', Name: 'Chat Agents' },
    supportChat: { Id: '00G5g00000SupChtAA', DeveloperName: 'Support_Chat', Name: 'Support Chat' },
    allService: { Id: '00G5g00000AllSvcAA', DeveloperName: 'All_Service', Name: 'All Service' },
} as const satisfies Record<string, PublicGroupRecord>;

export const PUBLIC_GROUP_LIST: PublicGroupRecord[] = Object.values(PUBLIC_GROUPS);

/** The roles of the samples: Service Lead ▸ Chat Agent, and Support Rep under the CEO. */
export const ROLES = {
    ceo: { Id: '00E5g000000CeoAAAA', Name: 'CEO', ParentRoleId: null },
    serviceLead: { Id: '00E5g00000SvcLdAAA', Name: 'Service Lead', ParentRoleId: '00E5g000000CeoAAAA' },
    chatAgent: { Id: '00E5g00000ChatAgAA', Name: 'Chat Agent', ParentRoleId: '00E5g00000SvcLdAAA' },
    supportRep: { Id: '00E5g00000SupRepAA', Name: 'Support Rep', ParentRoleId: '00E5g000000CeoAAAA' },
} as const;

/** Role groups (Group.Type Role / RoleAndSubordinates…): RelatedId is the role. */
const ROLE_GROUPS = {
    chatAgentRole: {
        Id: '00G5g00000RlChatAA',
        Type: 'Role',
        RelatedId: ROLES.chatAgent.Id,
        DeveloperName: null,
        Name: null,
    },
    serviceLeadTree: {
        Id: '00G5g00000RsSvcLAA',
        Type: 'RoleAndSubordinatesInternal',
        RelatedId: ROLES.serviceLead.Id,
        DeveloperName: null,
        Name: null,
    },
} as const;

function userId(tag: string, n: number): SalesforceId {
    return `0055g000${tag}${String(n).padStart(2, '0')}`.padEnd(18, 'A');
}

/** No SimplyChat queue yet: the reader returns no record. */
export function noQueueMembership(): QueueMembershipState[] {
    return [];
}

/** The fully set up org: every agent is a member through "Chat Agents" (a role, and a nested group). */
export function fullMembership(
    queueId: SalesforceId,
    agent: ProfileRecord,
    support: ProfileRecord
): QueueMembershipState {
    const supportUsers = Array.from({ length: support.UserCount }, (_, i) => ({
        Id: userId('SupFl', i + 1),
        ProfileId: support.Id,
        UserRoleId: ROLES.supportRep.Id,
    }));
    const members: GroupMemberRecord[] = [
        { GroupId: queueId, UserOrGroupId: PUBLIC_GROUPS.chatAgents.Id },
        { GroupId: PUBLIC_GROUPS.chatAgents.Id, UserOrGroupId: ROLE_GROUPS.chatAgentRole.Id },
        { GroupId: PUBLIC_GROUPS.chatAgents.Id, UserOrGroupId: PUBLIC_GROUPS.supportChat.Id },
        ...supportUsers.map((u) => ({ GroupId: PUBLIC_GROUPS.supportChat.Id, UserOrGroupId: u.Id })),
    ];
    return {
        queueId,
        members,
        groups: [
            { ...PUBLIC_GROUPS.chatAgents, Type: 'Regular', RelatedId: null },
            { ...PUBLIC_GROUPS.supportChat, Type: 'Regular', RelatedId: null },
            ROLE_GROUPS.chatAgentRole,
        ],
        roles: [],
        memberUsers: supportUsers,
        agentsByRole: [
            { ProfileId: agent.Id, UserRoleId: ROLES.chatAgent.Id, UserCount: agent.UserCount },
            { ProfileId: support.Id, UserRoleId: ROLES.supportRep.Id, UserCount: support.UserCount },
        ],
        unresolvedGroupIds: [],
    };
}

/**
 * The shared org: the role "Service Lead" and its internal subordinates (20 agents in Chat Agent, 3 in Service Lead),
 * 2 agents without a role by name, and "Support Chat" with 4 of the 12 Support users: 8 Support users are missing.
 */
export function sharedMembership(
    queueId: SalesforceId,
    agent: ProfileRecord,
    support: ProfileRecord
): QueueMembershipState {
    const noRole = [1, 2].map((n) => ({ Id: userId('AgNoR', n), ProfileId: agent.Id, UserRoleId: null }));
    const supportMembers = [1, 2, 3, 4].map((n) => ({
        Id: userId('SupSh', n),
        ProfileId: support.Id,
        UserRoleId: ROLES.supportRep.Id,
    }));
    return {
        queueId,
        members: [
            { GroupId: queueId, UserOrGroupId: ROLE_GROUPS.serviceLeadTree.Id },
            ...noRole.map((u) => ({ GroupId: queueId, UserOrGroupId: u.Id })),
            { GroupId: queueId, UserOrGroupId: PUBLIC_GROUPS.supportChat.Id },
            ...supportMembers.map((u) => ({ GroupId: PUBLIC_GROUPS.supportChat.Id, UserOrGroupId: u.Id })),
        ],
        groups: [ROLE_GROUPS.serviceLeadTree, { ...PUBLIC_GROUPS.supportChat, Type: 'Regular', RelatedId: null }],
        roles: Object.values(ROLES),
        memberUsers: [...noRole, ...supportMembers],
        agentsByRole: [
            { ProfileId: agent.Id, UserRoleId: ROLES.chatAgent.Id, UserCount: agent.UserCount - 5 },
            { ProfileId: agent.Id, UserRoleId: ROLES.serviceLead.Id, UserCount: 3 },
            { ProfileId: agent.Id, UserRoleId: null, UserCount: 2 },
            { ProfileId: support.Id, UserRoleId: ROLES.supportRep.Id, UserCount: support.UserCount },
        ],
        unresolvedGroupIds: [],
    };
}
