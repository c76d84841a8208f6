/**
 * Queue membership as Omni-Channel resolves it for routing: a user receives the queue's work when the
 * user is a member directly, through a public group (nested groups included), through a role, a role and its
 * subordinates (internal or all), or through "all internal users". Pure: used by item 13 (counts per agent
 * profile) and by the Agents view (how each user is a member). Membership facts that could not be verified in an
 * org are listed in docs/org-verification.md.
 */
import type {
    MemberGroupRecord,
    QueueMembershipState,
    QueueMembershipWay,
    SalesforceId,
    UserRoleRecord,
} from './types';

/** A user as membership needs them. */
export interface MemberCandidate {
    readonly Id: SalesforceId;
    readonly ProfileId: SalesforceId;
    readonly UserRoleId: SalesforceId | null;
}

export type Membership = { readonly how: QueueMembershipWay; readonly via: string } | null | 'unknown';

/** Group types that make every user of a role (and its subordinates) a member. */
const ROLE_TYPES: Readonly<Record<string, QueueMembershipWay>> = {
    Role: 'role',
    RoleAndSubordinates: 'roleAndSubordinates',
    RoleAndSubordinatesInternal: 'roleAndSubordinates',
};

function isUserId(id: string): boolean {
    return id.startsWith('005');
}

/** What the queue's members resolve to: users by name, roles, all internal users, and what could not be resolved. */
export interface ResolvedMembership {
    /** User Id → how (the first way found, in the order: user, public group, role, role and subordinates). */
    readonly users: ReadonlyMap<SalesforceId, { how: QueueMembershipWay; via: string }>;
    /** Role Id → how and the member's name (a role-and-subordinates member covers each role below it too). */
    readonly roles: ReadonlyMap<SalesforceId, { how: QueueMembershipWay; via: string }>;
    /** "All internal users" is a member (directly or through a public group). */
    readonly allInternal: { readonly via: string } | null;
    /** Members whose users are not known: public groups deeper than the levels read, other group types. */
    readonly unresolved: readonly SalesforceId[];
}

function descendants(roles: readonly UserRoleRecord[], rootId: SalesforceId): SalesforceId[] {
    const children = new Map<SalesforceId, SalesforceId[]>();
    for (const role of roles) {
        if (role.ParentRoleId) {
            const list = children.get(role.ParentRoleId) ?? [];
            list.push(role.Id);
            children.set(role.ParentRoleId, list);
        }
    }
    const out: SalesforceId[] = [];
    const seen = new Set<SalesforceId>([rootId]);
    const stack = [rootId];
    while (stack.length > 0) {
        const id = stack.pop() as SalesforceId;
        out.push(id);
        for (const child of children.get(id) ?? []) {
            if (!seen.has(child)) {
                seen.add(child);
                stack.push(child);
            }
        }
    }
    return out;
}

/** Resolves the queue's members, walking public groups breadth first from the queue (cycles are ignored). */
export function resolveMembership(state: QueueMembershipState): ResolvedMembership {
    const groups = new Map<SalesforceId, MemberGroupRecord>(state.groups.map((g) => [g.Id, g]));
    const rowsByGroup = new Map<SalesforceId, SalesforceId[]>();
    for (const row of state.members) {
        const list = rowsByGroup.get(row.GroupId) ?? [];
        list.push(row.UserOrGroupId);
        rowsByGroup.set(row.GroupId, list);
    }
    const unresolvedSet = new Set(state.unresolvedGroupIds);
    const roleNames = new Map(state.roles.map((r) => [r.Id, r.Name]));
    const users = new Map<SalesforceId, { how: QueueMembershipWay; via: string }>();
    const roles = new Map<SalesforceId, { how: QueueMembershipWay; via: string }>();
    const unresolved = new Set<SalesforceId>();
    let allInternal: { via: string } | null = null;
    // via: '' for the queue's own members, else the public group they come through.
    const queue: { id: SalesforceId; via: string }[] = [{ id: state.queueId, via: '' }];
    const visited = new Set<SalesforceId>();
    while (queue.length > 0) {
        const { id: groupId, via } = queue.shift() as { id: SalesforceId; via: string };
        if (visited.has(groupId)) continue;
        visited.add(groupId);
        if (unresolvedSet.has(groupId)) {
            unresolved.add(groupId);
            continue;
        }
        for (const memberId of rowsByGroup.get(groupId) ?? []) {
            if (isUserId(memberId)) {
                if (!users.has(memberId)) users.set(memberId, { how: via ? 'publicGroup' : 'user', via });
                continue;
            }
            const group = groups.get(memberId);
            if (!group) {
                unresolved.add(memberId);
                continue;
            }
            // Role groups have no name of their own: they are named after their role (Related.Name, else the role
            // read with the hierarchy), never shown by their raw Id.
            const name =
                group.Name ||
                group.DeveloperName ||
                group.RelatedName ||
                (group.RelatedId ? roleNames.get(group.RelatedId) : undefined) ||
                group.Type;
            const roleWay = ROLE_TYPES[group.Type];
            if (group.Type === 'Regular') {
                queue.push({ id: group.Id, via: via || name });
            } else if (group.Type === 'Organization') {
                // via: the public group it is in, else the group's own name where it has one (never its Id).
                allInternal ??= { via: via || group.Name || group.DeveloperName || '' };
            } else if (roleWay && group.RelatedId) {
                const covered = roleWay === 'role' ? [group.RelatedId] : descendants(state.roles, group.RelatedId);
                for (const roleId of covered) {
                    const existing = roles.get(roleId);
                    // A role named itself beats one reached as a subordinate.
                    if (!existing || (existing.how === 'roleAndSubordinates' && roleWay === 'role')) {
                        roles.set(roleId, { how: roleWay, via: name });
                    }
                }
            } else {
                unresolved.add(memberId);
            }
        }
    }
    return { users, roles, allInternal, unresolved: [...unresolved] };
}

/** How one user is a member: null when not a member, 'unknown' when not a member as far as could be resolved. */
export function membershipOf(resolved: ResolvedMembership, user: MemberCandidate): Membership {
    const direct = resolved.users.get(user.Id);
    if (direct) return direct;
    const role = user.UserRoleId ? resolved.roles.get(user.UserRoleId) : undefined;
    if (role) return role;
    if (resolved.allInternal) return { how: 'allInternalUsers', via: resolved.allInternal.via };
    return resolved.unresolved.length > 0 ? 'unknown' : null;
}

/** Per agent profile: active users, and how many of them are members (item 13). */
export interface ProfileCoverage {
    readonly profileId: SalesforceId;
    readonly userCount: number;
    readonly memberCount: number;
}

/**
 * Counts members per agent profile without listing users: the profile's users in a covered role (from the
 * per-role counts), plus members by name whose role is not covered. "All internal users" covers everyone.
 */
export function coverageByProfile(state: QueueMembershipState, resolved = resolveMembership(state)): ProfileCoverage[] {
    const byProfile = new Map<SalesforceId, { userCount: number; memberCount: number }>();
    const entry = (profileId: SalesforceId): { userCount: number; memberCount: number } => {
        let e = byProfile.get(profileId);
        if (!e) {
            e = { userCount: 0, memberCount: 0 };
            byProfile.set(profileId, e);
        }
        return e;
    };
    for (const count of state.agentsByRole) {
        const e = entry(count.ProfileId);
        e.userCount += count.UserCount;
        const covered =
            resolved.allInternal !== null || (count.UserRoleId !== null && resolved.roles.has(count.UserRoleId));
        if (covered) e.memberCount += count.UserCount;
    }
    if (resolved.allInternal === null) {
        for (const user of state.memberUsers) {
            if (!resolved.users.has(user.Id)) continue;
            if (user.UserRoleId !== null && resolved.roles.has(user.UserRoleId)) continue;
            entry(user.ProfileId).memberCount += 1;
        }
    }
    return [...byProfile.entries()].map(([profileId, e]) => ({
        profileId,
        userCount: e.userCount,
        memberCount: Math.min(e.memberCount, e.userCount),
    }));
}
