/** The chosen agent profiles, shared by items 9 and 10. */
import { finish, read, unreadable, type Deps, type ItemResult, type RuleEnv } from './ruleKit';
import { reason } from './reasons';
import type { Detail, ProfileRecord, ProfileRef } from './types';

type AgentProfiles = { ok: true; profiles: ProfileRecord[] } | { ok: false; detail: Detail };

/** One answer per rule run: five rules ask, and with 1,000 profiles each answer is a map of them all. */
const AGENT_PROFILES = new WeakMap<RuleEnv, AgentProfiles>();

/** The chosen agent profiles that exist in the snapshot, in the order chosen (the same list for every rule). */
export function agentProfiles(env: RuleEnv): AgentProfiles {
    const known = AGENT_PROFILES.get(env);
    if (known) return known.ok ? { ok: true, profiles: [...known.profiles] } : known;
    const profiles = read(env.snapshot.profiles, 'Profile');
    if (!profiles.ok) {
        AGENT_PROFILES.set(env, profiles);
        return profiles;
    }
    const byId = new Map(profiles.records.map((p) => [p.Id, p]));
    const chosen: ProfileRecord[] = [];
    for (const id of new Set(env.choices.agentProfileIds)) {
        const profile = byId.get(id);
        if (profile) chosen.push(profile);
    }
    AGENT_PROFILES.set(env, { ok: true, profiles: chosen });
    return { ok: true, profiles: [...chosen] };
}

/** The chosen agent profiles, or the item's finished result when profiles are unreadable or none is chosen. */
export function requireAgents<I extends 'presenceConfig' | 'profileAccess'>(
    env: RuleEnv,
    id: I,
    deps: Deps<I>
): { profiles: ProfileRecord[] } | { result: ItemResult } {
    const agents = agentProfiles(env);
    if (!agents.ok) return { result: finish(id, deps, unreadable(agents.detail)) };
    if (agents.profiles.length > 0) return { profiles: agents.profiles };
    return {
        result: finish(id, deps, {
            status: 'fail',
            reason: reason(`item.${id}.noAgentProfiles` as const),
            needs: ['agentProfiles'],
            noFixReason: reason('fix.needsChoices'),
        }),
    };
}

export function ref(profile: ProfileRecord): ProfileRef {
    return { profileId: profile.Id, profileName: profile.Name };
}
