/** Queue membership as Omni-Channel resolves it (membership.ts): every way a user can be a member of the queue. */
import { coverageByProfile, membershipOf, resolveMembership } from '../membership';
import type { MemberGroupRecord, QueueMembershipState, UserRoleRecord } from '../types';

const QUEUE = '00G5g00000QueueAAA';
const AGENT = '00e5g00000AgentAAA';
const SUPPORT = '00e5g0000SupportAA';

function user(n: number): string {
    return `0055g0000000User${String(n).padStart(2, '0')}`;
}

function group(id: string, type: string, name: string | null, relatedId: string | null = null): MemberGroupRecord {
    return { Id: id, Type: type, RelatedId: relatedId, DeveloperName: name?.replace(/ /g, '_') ?? null, Name: name };
}

const G = {
    chat: group('00G5g00000GrpChatA', 'Regular', 'Chat Agents'),
    seoul: group('00G5g00000GrpSeoul', 'Regular', 'Seoul Team'),
    deep: group('00G5g00000GrpDeepA', 'Regular', 'Deep Team'),
    org: group('00G5g00000GrpOrgAA', 'Organization', null),
    manager: group('00G5g00000GrpMgrAA', 'Manager', null),
};

/** CEO ▸ Service Lead ▸ Chat Agent; CEO ▸ Sales. */
const ROLES: UserRoleRecord[] = [
    { Id: '00E5g000000CeoAAAA', Name: 'CEO', ParentRoleId: null },
    { Id: '00E5g00000LeadAAAA', Name: 'Service Lead', ParentRoleId: '00E5g000000CeoAAAA' },
    { Id: '00E5g00000ChatAAAA', Name: 'Chat Agent', ParentRoleId: '00E5g00000LeadAAAA' },
    { Id: '00E5g00000SalesAAA', Name: 'Sales', ParentRoleId: '00E5g000000CeoAAAA' },
];
const [CEO, LEAD, CHAT, SALES] = ROLES.map((r) => r.Id);

function roleGroup(type: string, roleId: string): MemberGroupRecord {
    return group(`00G5g0000${type.slice(0, 4)}${roleId.slice(9, 13)}A`.padEnd(18, 'A'), type, null, roleId);
}

function state(overrides: Partial<QueueMembershipState>): QueueMembershipState {
    return {
        queueId: QUEUE,
        members: [],
        groups: [],
        roles: [],
        memberUsers: [],
        agentsByRole: [],
        unresolvedGroupIds: [],
        ...overrides,
    };
}

describe('resolveMembership: naming role groups (row 63)', () => {
    it("names a role member after Related.Name without reading the hierarchy, and never by the group's Id", () => {
        const g = { ...roleGroup('Role', CHAT), RelatedName: 'Chat Agent' };
        const named = resolveMembership(state({ members: [{ GroupId: QUEUE, UserOrGroupId: g.Id }], groups: [g] }));
        expect(membershipOf(named, { Id: user(1), ProfileId: AGENT, UserRoleId: CHAT })).toEqual({
            how: 'role',
            via: 'Chat Agent',
        });
        const bare = roleGroup('Role', CHAT);
        const unnamed = resolveMembership(
            state({ members: [{ GroupId: QUEUE, UserOrGroupId: bare.Id }], groups: [bare] })
        );
        const found = membershipOf(unnamed, { Id: user(1), ProfileId: AGENT, UserRoleId: CHAT });
        const via = found && found !== 'unknown' ? found.via : undefined;
        expect(via).toBe('Role');
        expect(via).not.toBe(bare.Id);
    });
});

describe('resolveMembership', () => {
    it('finds users named in the queue', () => {
        const resolved = resolveMembership(state({ members: [{ GroupId: QUEUE, UserOrGroupId: user(1) }] }));
        expect(membershipOf(resolved, { Id: user(1), ProfileId: AGENT, UserRoleId: null })).toEqual({
            how: 'user',
            via: '',
        });
        expect(membershipOf(resolved, { Id: user(2), ProfileId: AGENT, UserRoleId: null })).toBeNull();
    });

    it('finds users of a public group, and of public groups nested in it, through the top group', () => {
        const resolved = resolveMembership(
            state({
                members: [
                    { GroupId: QUEUE, UserOrGroupId: G.chat.Id },
                    { GroupId: G.chat.Id, UserOrGroupId: user(1) },
                    { GroupId: G.chat.Id, UserOrGroupId: G.seoul.Id },
                    { GroupId: G.seoul.Id, UserOrGroupId: user(2) },
                ],
                groups: [G.chat, G.seoul],
            })
        );
        expect(resolved.users.get(user(1))).toEqual({ how: 'publicGroup', via: 'Chat Agents' });
        expect(resolved.users.get(user(2))).toEqual({ how: 'publicGroup', via: 'Chat Agents' });
        expect(resolved.unresolved).toEqual([]);
    });

    it('prefers a user named in the queue to the same user in a group', () => {
        const resolved = resolveMembership(
            state({
                members: [
                    { GroupId: QUEUE, UserOrGroupId: G.chat.Id },
                    { GroupId: G.chat.Id, UserOrGroupId: user(1) },
                    { GroupId: QUEUE, UserOrGroupId: user(1) },
                ],
                groups: [G.chat],
            })
        );
        expect(resolved.users.get(user(1))).toEqual({ how: 'user', via: '' });
    });

    it('covers exactly the role of a Role member, named after the role', () => {
        const chatRole = roleGroup('Role', CHAT);
        const resolved = resolveMembership(
            state({ members: [{ GroupId: QUEUE, UserOrGroupId: chatRole.Id }], groups: [chatRole], roles: ROLES })
        );
        expect([...resolved.roles.keys()]).toEqual([CHAT]);
        expect(membershipOf(resolved, { Id: user(1), ProfileId: AGENT, UserRoleId: CHAT })).toEqual({
            how: 'role',
            via: 'Chat Agent',
        });
        expect(membershipOf(resolved, { Id: user(2), ProfileId: AGENT, UserRoleId: LEAD })).toBeNull();
    });

    it.each(['RoleAndSubordinates', 'RoleAndSubordinatesInternal'])(
        'covers a role and every role below it for %s, through the hierarchy',
        (type) => {
            const leadTree = roleGroup(type, LEAD);
            const resolved = resolveMembership(
                state({ members: [{ GroupId: QUEUE, UserOrGroupId: leadTree.Id }], groups: [leadTree], roles: ROLES })
            );
            expect([...resolved.roles.keys()].sort()).toEqual([CHAT, LEAD].sort());
            expect(resolved.roles.get(CHAT)).toEqual({ how: 'roleAndSubordinates', via: 'Service Lead' });
            expect(resolved.roles.has(CEO)).toBe(false);
            expect(resolved.roles.has(SALES)).toBe(false);
        }
    );

    it('lets a role named itself win over the same role reached as a subordinate', () => {
        const ceoTree = roleGroup('RoleAndSubordinates', CEO);
        const chatRole = roleGroup('Role', CHAT);
        const resolved = resolveMembership(
            state({
                members: [
                    { GroupId: QUEUE, UserOrGroupId: ceoTree.Id },
                    { GroupId: QUEUE, UserOrGroupId: chatRole.Id },
                ],
                groups: [ceoTree, chatRole],
                roles: ROLES,
            })
        );
        expect(resolved.roles.size).toBe(4);
        expect(resolved.roles.get(CHAT)).toEqual({ how: 'role', via: 'Chat Agent' });
        expect(resolved.roles.get(SALES)).toEqual({ how: 'roleAndSubordinates', via: 'CEO' });
    });

    it('makes every internal user a member through "all internal users", directly or through a group', () => {
        const direct = resolveMembership(
            state({ members: [{ GroupId: QUEUE, UserOrGroupId: G.org.Id }], groups: [G.org] })
        );
        expect(direct.allInternal).toEqual({ via: '' });
        expect(membershipOf(direct, { Id: user(9), ProfileId: AGENT, UserRoleId: null })).toEqual({
            how: 'allInternalUsers',
            via: '',
        });
        const nested = resolveMembership(
            state({
                members: [
                    { GroupId: QUEUE, UserOrGroupId: G.chat.Id },
                    { GroupId: G.chat.Id, UserOrGroupId: G.org.Id },
                ],
                groups: [G.chat, G.org],
            })
        );
        expect(nested.allInternal).toEqual({ via: 'Chat Agents' });
        const named = resolveMembership(
            state({
                members: [{ GroupId: QUEUE, UserOrGroupId: G.org.Id }],
                groups: [{ ...G.org, Name: 'All Internal Users' }],
            })
        );
        expect(named.allInternal).toEqual({ via: 'All Internal Users' });
    });

    it('reports groups nested deeper than read, other group types and groups not read as unresolved, once', () => {
        const resolved = resolveMembership(
            state({
                members: [
                    { GroupId: QUEUE, UserOrGroupId: G.chat.Id },
                    { GroupId: QUEUE, UserOrGroupId: G.manager.Id },
                    { GroupId: QUEUE, UserOrGroupId: '00G5g00000NotReadA' },
                    { GroupId: G.chat.Id, UserOrGroupId: G.deep.Id },
                    { GroupId: G.chat.Id, UserOrGroupId: '00G5g00000NotReadA' },
                    { GroupId: G.seoul.Id, UserOrGroupId: G.deep.Id },
                ],
                groups: [G.chat, G.deep, G.manager],
                unresolvedGroupIds: [G.deep.Id],
            })
        );
        expect([...resolved.unresolved].sort()).toEqual(['00G5g00000NotReadA', G.deep.Id, G.manager.Id].sort());
        expect(membershipOf(resolved, { Id: user(1), ProfileId: AGENT, UserRoleId: null })).toBe('unknown');
    });

    it('ignores a role member whose role is missing (unresolved), and an unreached unresolved group', () => {
        const broken = group('00G5g00000RoleNoRA', 'Role', null, null);
        const resolved = resolveMembership(
            state({
                members: [{ GroupId: QUEUE, UserOrGroupId: broken.Id }],
                groups: [broken],
                unresolvedGroupIds: [G.deep.Id],
            })
        );
        expect(resolved.unresolved).toEqual([broken.Id]);
    });

    it('walks cycles of nested groups once', () => {
        const resolved = resolveMembership(
            state({
                members: [
                    { GroupId: QUEUE, UserOrGroupId: G.chat.Id },
                    { GroupId: G.chat.Id, UserOrGroupId: G.seoul.Id },
                    { GroupId: G.seoul.Id, UserOrGroupId: G.chat.Id },
                    { GroupId: G.seoul.Id, UserOrGroupId: user(3) },
                ],
                groups: [G.chat, G.seoul],
            })
        );
        expect(resolved.users.get(user(3))).toEqual({ how: 'publicGroup', via: 'Chat Agents' });
        expect(resolved.unresolved).toEqual([]);
    });
});

describe('coverageByProfile', () => {
    it('counts role members from the per-role counts and named members whose role is not covered, once', () => {
        const leadTree = roleGroup('RoleAndSubordinatesInternal', LEAD);
        const s = state({
            members: [
                { GroupId: QUEUE, UserOrGroupId: leadTree.Id },
                { GroupId: QUEUE, UserOrGroupId: user(1) },
                { GroupId: QUEUE, UserOrGroupId: user(2) },
                { GroupId: QUEUE, UserOrGroupId: G.chat.Id },
                { GroupId: G.chat.Id, UserOrGroupId: user(3) },
            ],
            groups: [leadTree, G.chat],
            roles: ROLES,
            memberUsers: [
                // in a covered role: counted with its role, not twice
                { Id: user(1), ProfileId: AGENT, UserRoleId: CHAT },
                { Id: user(2), ProfileId: AGENT, UserRoleId: null },
                { Id: user(3), ProfileId: SUPPORT, UserRoleId: SALES },
            ],
            agentsByRole: [
                { ProfileId: AGENT, UserRoleId: CHAT, UserCount: 20 },
                { ProfileId: AGENT, UserRoleId: LEAD, UserCount: 3 },
                { ProfileId: AGENT, UserRoleId: null, UserCount: 2 },
                { ProfileId: SUPPORT, UserRoleId: SALES, UserCount: 12 },
            ],
        });
        expect(coverageByProfile(s)).toEqual([
            { profileId: AGENT, userCount: 25, memberCount: 24 },
            { profileId: SUPPORT, userCount: 12, memberCount: 1 },
        ]);
    });

    it('counts everyone with "all internal users"', () => {
        const s = state({
            members: [{ GroupId: QUEUE, UserOrGroupId: G.org.Id }],
            groups: [G.org],
            memberUsers: [{ Id: user(1), ProfileId: AGENT, UserRoleId: null }],
            agentsByRole: [
                { ProfileId: AGENT, UserRoleId: null, UserCount: 5 },
                { ProfileId: SUPPORT, UserRoleId: SALES, UserCount: 7 },
            ],
        });
        expect(coverageByProfile(s)).toEqual([
            { profileId: AGENT, userCount: 5, memberCount: 5 },
            { profileId: SUPPORT, userCount: 7, memberCount: 7 },
        ]);
    });

    it('counts nobody in an empty queue', () => {
        const s = state({ agentsByRole: [{ ProfileId: AGENT, UserRoleId: CHAT, UserCount: 4 }] });
        expect(coverageByProfile(s)).toEqual([{ profileId: AGENT, userCount: 4, memberCount: 0 }]);
    });
});
