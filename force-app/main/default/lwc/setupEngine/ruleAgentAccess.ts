/**
 * Which presence statuses the agents can use, counted as the platform does: per active agent user, through the
 * profile or any permission set (or permission set group) assigned to the user. Shared by items 7 and 10.
 */
import { read, type Readable } from './ruleKit';
import type { OrgSnapshot, PermissionSetAccessRecord, ProfileRecord, SalesforceId, StatusAccessRecord } from './types';

export interface AgentAccess {
    /** Profile Id → statuses its own permission set grants. */
    readonly byProfile: ReadonlyMap<SalesforceId, ReadonlySet<SalesforceId>>;
    /** Profile Id → user Id → statuses granted through the user's permission sets, and the sets' labels. */
    readonly byUser: ReadonlyMap<SalesforceId, ReadonlyMap<SalesforceId, { statuses: Set<string>; sets: Set<string> }>>;
}

export function agentAccess(
    statusAccess: Readable<StatusAccessRecord>,
    permissionSets: Readable<PermissionSetAccessRecord>
): AgentAccess {
    const byProfile = new Map<string, Set<string>>();
    for (const row of statusAccess.ok ? statusAccess.records : []) {
        const set = byProfile.get(row.ProfileId) ?? new Set<string>();
        set.add(row.SetupEntityId);
        byProfile.set(row.ProfileId, set);
    }
    const byUser = new Map<string, Map<string, { statuses: Set<string>; sets: Set<string> }>>();
    for (const ps of permissionSets.ok ? permissionSets.records : []) {
        for (const a of ps.Assignees) {
            const users = byUser.get(a.ProfileId) ?? new Map<string, { statuses: Set<string>; sets: Set<string> }>();
            const entry = users.get(a.AssigneeId) ?? { statuses: new Set<string>(), sets: new Set<string>() };
            for (const id of ps.StatusIds) entry.statuses.add(id);
            entry.sets.add(ps.Label);
            users.set(a.AssigneeId, entry);
            byUser.set(a.ProfileId, users);
        }
    }
    return { byProfile, byUser };
}

/** The agent access parts as read (permission sets read as none when the part is absent or unreadable). */
export function readAgentAccess(snapshot: OrgSnapshot): {
    access: Readable<StatusAccessRecord>;
    permissionSets: Readable<PermissionSetAccessRecord>;
} {
    return {
        access: read(snapshot.statusAccess, 'SetupEntityAccess'),
        permissionSets: read(snapshot.permissionSetAccess, 'PermissionSet'),
    };
}

/** Statuses any agent profile can use, through the profile or through a permission set an agent user holds. */
export function statusesAgentsUse(access: AgentAccess, agents: readonly ProfileRecord[]): Set<SalesforceId> {
    const used = new Set<SalesforceId>();
    for (const profile of agents) {
        for (const id of access.byProfile.get(profile.Id) ?? []) used.add(id);
        for (const entry of access.byUser.get(profile.Id)?.values() ?? [])
            for (const id of entry.statuses) used.add(id);
    }
    return used;
}

/** Whether any of `ids` is in `wanted` (without copying the set: called per profile and per user). */
function someIn(ids: ReadonlySet<string>, wanted: ReadonlySet<string>): boolean {
    for (const id of ids) if (wanted.has(id)) return true;
    return false;
}

/**
 * How a profile's active users reach both an online and a busy status: all through the profile, all through
 * permission sets (with their labels), or some users without (their number).
 */
export function profileCoverage(
    access: AgentAccess,
    profile: ProfileRecord,
    onlineIds: ReadonlySet<string>,
    busyIds: ReadonlySet<string>
): { readonly profileHas: { online: boolean; busy: boolean }; readonly usersWithout: number; readonly sets: string[] } {
    const own = access.byProfile.get(profile.Id) ?? new Set<string>();
    const profileHas = { online: someIn(own, onlineIds), busy: someIn(own, busyIds) };
    if (profileHas.online && profileHas.busy) return { profileHas, usersWithout: 0, sets: [] };
    const users = access.byUser.get(profile.Id) ?? new Map<string, { statuses: Set<string>; sets: Set<string> }>();
    let covered = 0;
    const sets = new Set<string>();
    for (const entry of users.values()) {
        const online = profileHas.online || someIn(entry.statuses, onlineIds);
        const busy = profileHas.busy || someIn(entry.statuses, busyIds);
        if (online && busy) {
            covered += 1;
            for (const label of entry.sets) sets.add(label);
        }
    }
    return { profileHas, usersWithout: Math.max(profile.UserCount - covered, 0), sets: [...sets].sort() };
}
