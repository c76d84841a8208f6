/**
 * Item 10: every active agent user may use an Online status that carries SimplyChat and a Busy status. Access is
 * counted as the platform does: through the profile, or through any permission set or permission set group
 * assigned to the user. Reads the statuses items 7 and 8 settled. A profile whose every active user has access
 * through permission sets needs no change; otherwise the profile is granted the statuses it lacks.
 */
import { MAX_GRANT_PROFILES, MAX_ROWS_PER_CHANGE } from './contract';
import { AGENT_PERMISSION_SET } from './facts';
import { requireAgents } from './ruleAgents';
import { agentAccess, profileCoverage, readAgentAccess } from './ruleAgentAccess';
import { chunk, finish, unreadable, type Deps, type ItemResult, type Resolved, type RuleEnv } from './ruleKit';
import { busyStatuses, statusIndex } from './ruleStatuses';
import { reason } from './reasons';
import { recordRefusal } from './writes';
import type { AgentPermissionSetRecord, Detail, Operation, OrgSnapshot, ProfileRef } from './types';

export interface ProfileAccessInput {
    readonly deps: Deps<'profileAccess'>;
    /** The status to grant (item 7), and every status that carries SimplyChat once the plan has run. */
    readonly onlineStatus: Resolved | null;
    readonly carrying: readonly Resolved[];
    readonly busyStatus: Resolved | null;
}

export function profileAccessRule(env: RuleEnv, input: ProfileAccessInput): ItemResult {
    const { deps } = input;
    const agents = requireAgents(env, 'profileAccess', deps);
    if ('result' in agents) return agents.result;
    const indexed = statusIndex(env.snapshot);
    if (!indexed.ok) return finish('profileAccess', deps, unreadable(indexed.detail));
    const { access, permissionSets } = readAgentAccess(env.snapshot);
    if (!access.ok) return finish('profileAccess', deps, unreadable(access.detail));
    if (!permissionSets.ok) return finish('profileAccess', deps, unreadable(permissionSets.detail));
    const { onlineStatus: online, busyStatus: busy } = input;
    if (!online || !busy) {
        // Blocked: the statuses are not known yet.
        return finish('profileAccess', deps, {
            status: 'fail',
            reason: reason('item.profileAccess.missing', { count: agents.profiles.length }),
        });
    }
    const onlineIds = new Set(input.carrying.flatMap((s) => (s.id ? [s.id] : [])));
    const busyIds = new Set(busyStatuses(indexed.index).map((s) => s.Id));
    const model = agentAccess(access, permissionSets);

    const grants: (ProfileRef & { statusDeveloperNames: string[] })[] = [];
    const details: Detail[] = [];
    const throughSets = new Set<string>();
    for (const profile of agents.profiles) {
        const coverage = profileCoverage(model, profile, onlineIds, busyIds);
        const viaSets = !(coverage.profileHas.online && coverage.profileHas.busy);
        if (viaSets && coverage.usersWithout === 0 && profile.UserCount > 0) {
            for (const label of coverage.sets) throughSets.add(label);
            details.push({
                kind: 'accessThroughPermissionSets',
                profileId: profile.Id,
                profileName: profile.Name,
                permissionSets: coverage.sets,
                userCount: profile.UserCount,
            });
            continue;
        }
        const missing: string[] = [];
        if (!coverage.profileHas.online) missing.push(online.developerName);
        if (!coverage.profileHas.busy) missing.push(busy.developerName);
        if (missing.length > 0) {
            grants.push({ profileId: profile.Id, profileName: profile.Name, statusDeveloperNames: missing });
            details.push({
                kind: 'profileMissingAccess',
                profileId: profile.Id,
                profileName: profile.Name,
                missingStatuses: missing,
                usersWithout: coverage.usersWithout,
            });
        }
    }
    // Through SimplyChat's set, a profile without active users needs nothing now: a user added later is assigned then.
    const bySet = setRoute(env.snapshot, grants);
    const users = new Map(agents.profiles.map((p) => [p.Id, p.UserCount]));
    const needed = bySet === null ? grants : grants.filter((g) => (users.get(g.profileId) ?? 0) > 0);
    const shown = details.filter(
        (d) => d.kind !== 'profileMissingAccess' || needed.some((g) => g.profileId === d.profileId)
    );
    if (needed.length === 0) {
        return finish('profileAccess', deps, {
            status: 'pass',
            reason:
                throughSets.size > 0
                    ? reason('item.profileAccess.okWithPermissionSets', {
                          count: agents.profiles.length,
                          permissionSets: [...throughSets].sort().join(', '),
                      })
                    : reason('item.profileAccess.ok', { count: agents.profiles.length }),
            details: shown,
            needs: ['agentProfiles'],
        });
    }
    return finish('profileAccess', deps, {
        status: 'fail',
        reason: reason('item.profileAccess.missing', { count: needed.length }),
        details: shown,
        needs: ['agentProfiles'],
        ops: bySet === null ? onProfiles(needed) : setOps(env.snapshot, bySet.ours, needed, users, [online, busy]),
    });
}

/** The profile grants: SetupEntityAccess rows on each profile's own permission set, 1,000 profiles per change. */
function onProfiles(grants: readonly (ProfileRef & { statusDeveloperNames: string[] })[]): Operation[] {
    return chunk(grants, MAX_GRANT_PROFILES).map((batch) => ({
        kind: 'grantStatusAccess',
        itemId: 'profileAccess',
        grants: batch,
    }));
}

/**
 * Whether the statuses reach the agents through the permission set SimplyChat owns instead: only when the running
 * user may not write the profiles' SetupEntityAccess rows (the load's probe) but may assign permission sets, and the
 * set of SimplyChat's name is absent or SimplyChat's (its description; not session-activated: a set that needs
 * activation grants nothing until then). A set of that name that is another's, two of them, or a part not read keep
 * the profile grant, whose refusal is then the item's manual step (rules.ts withRecordStep). Null: not this route.
 */
function setRoute(
    snapshot: OrgSnapshot,
    grants: readonly (ProfileRef & { statusDeveloperNames: string[] })[]
): { ours: AgentPermissionSetRecord | null } | null {
    const part = snapshot.agentPermissionSet;
    const owned = part?.status === 'read' ? part.records : null;
    const ours = owned?.length === 1 ? owned[0] : null;
    const usable =
        owned !== null &&
        (owned.length === 0 ||
            (ours?.Description === AGENT_PERMISSION_SET.description && ours.HasActivationRequired !== true));
    if (!usable || !onProfiles(grants).some((op) => recordRefusal(op, snapshot) !== null)) return null;
    const assigning: Operation = {
        kind: 'assignAgentPermissionSet',
        itemId: 'profileAccess',
        permissionSetId: ours?.Id ?? null,
        permissionSetDeveloperName: AGENT_PERMISSION_SET.developerName,
        profiles: grants.map((g) => ({ profileId: g.profileId, profileName: g.profileName, userCount: 0 })),
    };
    return recordRefusal(assigning, snapshot) === null ? { ours } : null;
}

/**
 * SimplyChat's set granting exactly the Online and Busy statuses (created, or written whole when it lacks one), then
 * assigned to every active user of the profiles who does not hold it: profiles cut so that one change inserts at
 * most MAX_ROWS_PER_CHANGE rows (a profile with more users goes alone).
 */
function setOps(
    snapshot: OrgSnapshot,
    ours: AgentPermissionSetRecord | null,
    grants: readonly ProfileRef[],
    users: ReadonlyMap<string, number>,
    statuses: readonly Resolved[]
): Operation[] {
    const granted = snapshot.permissionSetAccess.status === 'read' ? snapshot.permissionSetAccess.records : [];
    const held = new Set(granted.find((ps) => ps.Id === ours?.Id)?.StatusIds ?? []);
    const set: Operation[] = statuses.every((s) => s.id !== null && held.has(s.id))
        ? []
        : [
              {
                  kind: 'upsertAgentPermissionSet',
                  itemId: 'profileAccess',
                  existingId: ours?.Id ?? null,
                  developerName: AGENT_PERMISSION_SET.developerName,
                  label: AGENT_PERMISSION_SET.label,
                  description: AGENT_PERMISSION_SET.description,
                  statusDeveloperNames: statuses.map((s) => s.developerName),
              },
          ];
    const batches: (ProfileRef & { userCount: number })[][] = [];
    let rows = 0;
    for (const g of grants) {
        const count = users.get(g.profileId) ?? 0;
        const last = batches[batches.length - 1];
        if (!last || rows + count > MAX_ROWS_PER_CHANGE || last.length >= MAX_GRANT_PROFILES) {
            batches.push([]);
            rows = 0;
        }
        batches[batches.length - 1].push({ profileId: g.profileId, profileName: g.profileName, userCount: count });
        rows += count;
    }
    return [
        ...set,
        ...batches.map((profiles): Operation => ({
            kind: 'assignAgentPermissionSet',
            itemId: 'profileAccess',
            permissionSetId: ours?.Id ?? null,
            permissionSetDeveloperName: AGENT_PERMISSION_SET.developerName,
            profiles,
        })),
    ];
}
