/** Item 10: agents may use the Online and Busy statuses. Reads the channel and the statuses items 4, 7, 8 settled. */
import { METADATA_BATCH_SIZE } from './facts';
import { ref, requireAgents } from './ruleAgents';
import { chunk, finish, read, unreadable, type Deps, type ItemResult, type Resolved, type RuleEnv } from './ruleKit';
import { busyStatuses, statusesCarrying, statusIndex } from './ruleStatuses';
import { reason } from './reasons';
import type { Detail, ProfileRef } from './types';

export interface ProfileAccessInput {
    readonly deps: Deps<'profileAccess'>;
    readonly channel: Resolved | null;
    readonly onlineStatus: Resolved | null;
    readonly busyStatus: Resolved | null;
}

export function profileAccessRule(env: RuleEnv, input: ProfileAccessInput): ItemResult {
    const { deps } = input;
    const agents = requireAgents(env, 'profileAccess', deps);
    if ('result' in agents) return agents.result;
    const indexed = statusIndex(env.snapshot);
    if (!indexed.ok) return finish('profileAccess', deps, unreadable(indexed.detail));
    const access = read(env.snapshot.statusAccess, 'SetupEntityAccess');
    if (!access.ok) return finish('profileAccess', deps, unreadable(access.detail));

    const granted = new Map<string, Set<string>>();
    for (const row of access.records) {
        const set = granted.get(row.ProfileId) ?? new Set<string>();
        set.add(row.SetupEntityId);
        granted.set(row.ProfileId, set);
    }
    const onlineIds = statusesCarrying(indexed.index, input.channel?.id ?? null).map((s) => s.Id);
    const busyIds = busyStatuses(indexed.index).map((s) => s.Id);
    const { onlineStatus: online, busyStatus: busy } = input;
    if (!online || !busy) {
        // Blocked: the statuses are not known yet.
        return finish('profileAccess', deps, {
            status: 'fail',
            reason: reason('item.profileAccess.missing', { count: agents.profiles.length }),
        });
    }

    const grants: (ProfileRef & { statusDeveloperNames: string[] })[] = [];
    const details: Detail[] = [];
    for (const profile of agents.profiles) {
        const has = granted.get(profile.Id) ?? new Set<string>();
        const missing: string[] = [];
        if (!onlineIds.some((id) => has.has(id))) missing.push(online.developerName);
        if (!busyIds.some((id) => has.has(id))) missing.push(busy.developerName);
        if (missing.length > 0) {
            grants.push({ ...ref(profile), statusDeveloperNames: missing });
            details.push({
                kind: 'profileMissingAccess',
                profileId: profile.Id,
                profileName: profile.Name,
                missingStatuses: missing,
            });
        }
    }
    if (grants.length === 0) {
        return finish('profileAccess', deps, {
            status: 'pass',
            reason: reason('item.profileAccess.ok', { count: agents.profiles.length }),
            needs: ['agentProfiles'],
        });
    }
    return finish('profileAccess', deps, {
        status: 'fail',
        reason: reason('item.profileAccess.missing', { count: grants.length }),
        details,
        needs: ['agentProfiles'],
        ops: chunk(grants, METADATA_BATCH_SIZE).map((batch) => ({
            kind: 'grantStatusAccess',
            itemId: 'profileAccess',
            grants: batch,
        })),
    });
}
