/**
 * Which presence statuses the agents can use, counted as the platform does: per active agent user, through the
 * profile or any permission set (or permission set group) assigned to the user. Shared by items 7 and 10.
 */
import { read, type Readable } from './ruleKit';
import type {
    OrgSnapshot,
    PermissionSetAccessRecord,
    PermissionSetAssigneeRecord,
    ProfileRecord,
    SalesforceId,
    StatusAccessRecord,
} from './types';

/** What the permission sets assigned to one user grant: the entities' Ids, and the sets' labels. */
export interface UserGrant {
    readonly ids: Set<string>;
    readonly sets: Set<string>;
}

/** Profile Id → user Id → what that user's permission sets (and groups) grant. */
export type GrantsByUser = ReadonlyMap<SalesforceId, ReadonlyMap<SalesforceId, UserGrant>>;

/**
 * Counts access as the platform grants it beyond the profile: per active agent user, everything any permission set
 * (or permission set group, through its own set) assigned to the user grants. Shared by status access (items 7 and
 * 10) and app access (item 14): both are read the same way (the contract's SETUP_ENTITY_ACCESS). `idsOf` names what
 * a set grants, in the form the caller compares (e.g. 15-character app Ids).
 */
export function grantsByUser<
    T extends { readonly Label: string; readonly Assignees: readonly PermissionSetAssigneeRecord[] },
>(records: readonly T[], idsOf: (record: T) => readonly string[]): Map<SalesforceId, Map<SalesforceId, UserGrant>> {
    const byUser = new Map<SalesforceId, Map<SalesforceId, UserGrant>>();
    for (const ps of records) {
        const ids = idsOf(ps);
        for (const a of ps.Assignees) {
            let users = byUser.get(a.ProfileId);
            if (!users) {
                users = new Map();
                byUser.set(a.ProfileId, users);
            }
            let entry = users.get(a.AssigneeId);
            if (!entry) {
                entry = { ids: new Set<string>(), sets: new Set<string>() };
                users.set(a.AssigneeId, entry);
            }
            for (const id of ids) entry.ids.add(id);
            entry.sets.add(ps.Label);
        }
    }
    return byUser;
}

export interface AgentAccess {
    /** Profile Id → statuses its own permission set grants. */
    readonly byProfile: ReadonlyMap<SalesforceId, ReadonlySet<SalesforceId>>;
    /** Profile Id → user Id → statuses granted through the user's permission sets, and the sets' labels. */
    readonly byUser: GrantsByUser;
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
    const byUser = grantsByUser(permissionSets.ok ? permissionSets.records : [], (ps) => ps.StatusIds);
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
        for (const entry of access.byUser.get(profile.Id)?.values() ?? []) for (const id of entry.ids) used.add(id);
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
    const users = access.byUser.get(profile.Id) ?? new Map<string, UserGrant>();
    let covered = 0;
    const sets = new Set<string>();
    for (const entry of users.values()) {
        const online = profileHas.online || someIn(entry.ids, onlineIds);
        const busy = profileHas.busy || someIn(entry.ids, busyIds);
        if (online && busy) {
            covered += 1;
            for (const label of entry.sets) sets.add(label);
        }
    }
    return { profileHas, usersWithout: Math.max(profile.UserCount - covered, 0), sets: [...sets].sort() };
}
