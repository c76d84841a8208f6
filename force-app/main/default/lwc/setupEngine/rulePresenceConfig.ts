/**
 * Item 9: the agents are on one presence configuration with the chosen capacity. Settles `presenceConfig`.
 *
 * One function per job: read the configurations and who relies on each (profiles and direct users), choose the
 * target, sort the agent profiles and direct users against it, plan the configuration, and plan the moves the
 * admin chose. The target is SimplyChat's own configuration (our name), or one that only agents rely on; a
 * configuration other profiles or users rely on (another team's, or the org's Default Presence Configuration) is
 * never changed: agents leave it only by a move the admin ticks, which names who else is on it.
 */
import { CAPACITY_MIN, DEFAULT_CAPACITY, DEFAULT_PRESENCE_CONFIG, isDefaultPresenceConfig } from './facts';
import { ref, requireAgents } from './ruleAgents';
import {
    byDeveloperName,
    finish,
    read,
    sameName,
    unreadable,
    type Deps,
    type ItemResult,
    type Resolved,
    type RuleEnv,
} from './ruleKit';
import { nameSet, uniqueDeveloperName } from './names';
import { reason } from './reasons';
import type {
    ChoiceKey,
    Detail,
    ItemStatus,
    MoveProfilesToConfigOp,
    MoveUsersToConfigOp,
    Operation,
    OrgSnapshot,
    PresenceUserConfigRecord,
    PresenceUserConfigUserCount,
    ProfileRecord,
    Reason,
    SetupChoices,
} from './types';

export interface PresenceConfigOutcome {
    readonly result: ItemResult;
    readonly presenceConfig: Resolved | null;
}

/** The configurations as they are, or as they will be once Omni-Channel is enabled (only the default one). */
function configsOf(snapshot: OrgSnapshot): ReturnType<typeof read<PresenceUserConfigRecord>> {
    const part = snapshot.presenceConfigs;
    if (part.status === 'unavailable' && part.code === 'omniDisabled') {
        return {
            ok: true,
            records: [
                {
                    Id: '',
                    DeveloperName: DEFAULT_PRESENCE_CONFIG.developerName,
                    MasterLabel: DEFAULT_PRESENCE_CONFIG.label,
                    Capacity: DEFAULT_PRESENCE_CONFIG.capacity,
                },
            ],
        };
    }
    return read(part, 'PresenceUserConfig');
}

/** Who relies on each configuration: profiles assigned to it, and active users assigned directly. */
interface Reliance {
    readonly configOf: ReadonlyMap<string, string>;
    readonly profilesIn: ReadonlyMap<string, readonly string[]>;
    readonly direct: readonly PresenceUserConfigUserCount[];
}

function reliance(
    assignments: readonly { PresenceUserConfigId: string; ProfileId: string }[],
    direct: readonly PresenceUserConfigUserCount[]
): Reliance {
    const configOf = new Map<string, string>();
    const profilesIn = new Map<string, string[]>();
    for (const a of assignments) {
        configOf.set(a.ProfileId, a.PresenceUserConfigId);
        const list = profilesIn.get(a.PresenceUserConfigId);
        if (list) list.push(a.ProfileId);
        else profilesIn.set(a.PresenceUserConfigId, [a.ProfileId]);
    }
    return { configOf, profilesIn, direct };
}

/** Profiles (names) and users outside the agent profiles who rely on a configuration. */
function outsiders(
    config: PresenceUserConfigRecord,
    rely: Reliance,
    agentIds: ReadonlySet<string>,
    profiles: ReadonlyMap<string, ProfileRecord>
): { profiles: string[]; users: number } {
    const others = (rely.profilesIn.get(config.Id) ?? []).filter((id) => !agentIds.has(id));
    const users =
        others.reduce((sum, id) => sum + (profiles.get(id)?.UserCount ?? 0), 0) +
        rely.direct
            .filter((d) => d.PresenceUserConfigId === config.Id && !agentIds.has(d.ProfileId))
            .reduce((sum, d) => sum + d.UserCount, 0);
    return { profiles: others.map((id) => profiles.get(id)?.Name ?? id).sort(), users };
}

/**
 * Job 1: our named configuration; else the one holding most agent profiles that nobody else relies on. Never the
 * default configuration: everyone not assigned elsewhere is on it.
 */
function chooseTarget(
    choices: SetupChoices,
    agents: readonly ProfileRecord[],
    configs: readonly PresenceUserConfigRecord[],
    isShared: (config: PresenceUserConfigRecord) => boolean,
    rely: Reliance
): PresenceUserConfigRecord | undefined {
    const named = configs.find((c) => sameName(c.DeveloperName, choices.names.presenceConfig.developerName));
    if (named) return named;
    const configById = new Map(configs.map((c) => [c.Id, c]));
    // Whether each configuration may be the target, once per configuration rather than once per profile.
    const candidate = new Map(configs.map((c) => [c.Id, !isDefaultPresenceConfig(c) && !isShared(c)]));
    const holding = new Map<string, number>();
    for (const p of agents) {
        const id = rely.configOf.get(p.Id);
        const config = id ? configById.get(id) : undefined;
        if (config && candidate.get(config.Id)) {
            holding.set(config.Id, (holding.get(config.Id) ?? 0) + 1);
        }
    }
    return [...holding.entries()]
        .map(([id, count]) => ({ config: configById.get(id) as PresenceUserConfigRecord, count }))
        .sort((a, b) => b.count - a.count || byDeveloperName(a.config, b.config))[0]?.config;
}

interface Sorted {
    readonly unassigned: ProfileRecord[];
    readonly inOther: { profile: ProfileRecord; config: PresenceUserConfigRecord }[];
    readonly usersElsewhere: {
        profile: ProfileRecord;
        config: PresenceUserConfigRecord;
        row: PresenceUserConfigUserCount;
    }[];
}

/** Job 2: agent profiles in no configuration or another one, and agents assigned directly elsewhere. */
function sortAgents(
    agents: readonly ProfileRecord[],
    configs: readonly PresenceUserConfigRecord[],
    rely: Reliance,
    target: PresenceUserConfigRecord | undefined
): Sorted {
    const configById = new Map(configs.map((c) => [c.Id, c]));
    const sorted: Sorted = { unassigned: [], inOther: [], usersElsewhere: [] };
    const directByProfile = new Map<string, PresenceUserConfigUserCount[]>();
    for (const row of rely.direct) {
        const list = directByProfile.get(row.ProfileId);
        if (list) list.push(row);
        else directByProfile.set(row.ProfileId, [row]);
    }
    for (const profile of agents) {
        const id = rely.configOf.get(profile.Id);
        const config = id ? configById.get(id) : undefined;
        if (!config) sorted.unassigned.push(profile);
        else if (config.Id !== target?.Id) sorted.inOther.push({ profile, config });
        for (const row of directByProfile.get(profile.Id) ?? []) {
            const direct = configById.get(row.PresenceUserConfigId);
            if (direct && direct.Id !== target?.Id && row.UserCount > 0) {
                sorted.usersElsewhere.push({ profile, config: direct, row });
            }
        }
    }
    return sorted;
}

/** Job 3: create the target, or set its capacity and assign the unassigned profiles. */
function configOps(
    choices: SetupChoices,
    target: PresenceUserConfigRecord | undefined,
    targetRef: Resolved,
    unassigned: readonly ProfileRecord[],
    details: Detail[]
): Operation[] {
    if (!target) {
        return [
            {
                kind: 'createPresenceConfig',
                itemId: 'presenceConfig',
                developerName: targetRef.developerName,
                label: choices.names.presenceConfig.label,
                capacity: choices.capacity ?? DEFAULT_CAPACITY,
                profiles: unassigned.map(ref),
            },
        ];
    }
    const ops: Operation[] = [];
    const wanted = choices.capacity ?? (target.Capacity >= CAPACITY_MIN ? target.Capacity : DEFAULT_CAPACITY);
    if (target.Capacity !== wanted) {
        ops.push({
            kind: 'setCapacity',
            itemId: 'presenceConfig',
            configId: target.Id,
            configDeveloperName: target.DeveloperName,
            from: target.Capacity,
            capacity: wanted,
        });
        details.push({
            kind: 'fieldMismatch',
            field: 'Capacity',
            expected: String(wanted),
            actual: String(target.Capacity),
        });
    }
    if (unassigned.length > 0) {
        ops.push({
            kind: 'assignProfilesToConfig',
            itemId: 'presenceConfig',
            configId: target.Id,
            configDeveloperName: target.DeveloperName,
            profiles: unassigned.map(ref),
        });
    }
    return ops;
}

/**
 * The moves in one operation, grouped by the configuration they leave: a move is one all-or-none record change
 * (PresenceUserConfigProfile / -User rows deleted and inserted together), from any number of sources.
 */
function bySource<T extends { config: PresenceUserConfigRecord }>(moves: readonly T[]): T[][] {
    const groups = new Map<string, T[]>();
    for (const m of moves) {
        const list = groups.get(m.config.Id);
        if (list) list.push(m);
        else groups.set(m.config.Id, [m]);
    }
    return groups.size === 0 ? [] : [[...groups.values()].flat()];
}

/** Job 4: the moves the admin chose, of profiles and of directly assigned agents. */
/** A profile leaving the configuration it sits in (its own assignment, or its users' direct ones). */
function movedFrom(m: { readonly profile: ProfileRecord; readonly config: PresenceUserConfigRecord }) {
    return {
        profileId: m.profile.Id,
        profileName: m.profile.Name,
        fromConfigId: m.config.Id,
        fromConfigDeveloperName: m.config.DeveloperName,
    };
}

function moveOps(targetRef: Resolved, sorted: Sorted, choices: SetupChoices): Operation[] {
    const moving = new Set(choices.moveProfileIds);
    const profileMoves = bySource(sorted.inOther.filter((o) => moving.has(o.profile.Id))).map(
        (group): MoveProfilesToConfigOp => ({
            kind: 'moveProfilesToConfig',
            itemId: 'presenceConfig',
            configId: targetRef.id,
            configDeveloperName: targetRef.developerName,
            moves: group.map(movedFrom),
        })
    );
    const userMoves = choices.moveDirectUsers
        ? bySource(sorted.usersElsewhere).map((group): MoveUsersToConfigOp => ({
              kind: 'moveUsersToConfig',
              itemId: 'presenceConfig',
              configId: targetRef.id,
              configDeveloperName: targetRef.developerName,
              moves: group.map((m) => ({
                  profileId: m.profile.Id,
                  profileName: m.profile.Name,
                  fromConfigId: m.config.Id,
                  fromConfigDeveloperName: m.config.DeveloperName,
                  userCount: m.row.UserCount,
              })),
          }))
        : [];
    return [...profileMoves, ...userMoves];
}

export function presenceConfigRule(env: RuleEnv, deps: Deps<'presenceConfig'>): PresenceConfigOutcome {
    const { snapshot, choices } = env;
    const none = (result: ItemResult): PresenceConfigOutcome => ({ result, presenceConfig: null });
    const agents = requireAgents(env, 'presenceConfig', deps);
    if ('result' in agents) return none(agents.result);
    const configs = configsOf(snapshot);
    if (!configs.ok) return none(finish('presenceConfig', deps, unreadable(configs.detail)));
    const assignments = read(snapshot.presenceConfigProfiles, 'PresenceUserConfigProfile');
    if (!assignments.ok) return none(finish('presenceConfig', deps, unreadable(assignments.detail)));
    const direct = read(snapshot.presenceConfigUsers, 'PresenceUserConfigUser');
    if (!direct.ok) return none(finish('presenceConfig', deps, unreadable(direct.detail)));

    const rely = reliance(assignments.records, direct.records);
    const agentIds = new Set(agents.profiles.map((p) => p.Id));
    const profileById = new Map(
        (snapshot.profiles.status === 'read' ? snapshot.profiles.records : []).map((p) => [p.Id, p])
    );
    const seen = new Map<string, { profiles: string[]; users: number }>();
    const whoElse = (c: PresenceUserConfigRecord): { profiles: string[]; users: number } => {
        const known = seen.get(c.Id) ?? outsiders(c, rely, agentIds, profileById);
        seen.set(c.Id, known);
        return known;
    };
    const isShared = (c: PresenceUserConfigRecord): boolean => {
        const others = whoElse(c);
        return others.profiles.length > 0 || others.users > 0;
    };
    const target = chooseTarget(choices, agents.profiles, configs.records, isShared, rely);
    const sorted = sortAgents(agents.profiles, configs.records, rely, target);
    const defaultConfig = configs.records.find(isDefaultPresenceConfig);
    const moving = new Set(choices.moveProfileIds);
    const details: Detail[] = [
        ...sorted.unassigned.map((p) => unassignedDetail(p, defaultConfig)),
        ...sorted.inOther.map((o): Detail => {
            const others = whoElse(o.config);
            return {
                kind: 'profileInOtherConfig',
                profileId: o.profile.Id,
                profileName: o.profile.Name,
                configId: o.config.Id,
                configName: o.config.MasterLabel,
                willMove: moving.has(o.profile.Id),
                otherProfiles: others.profiles,
                otherUserCount: others.users,
            };
        }),
        ...sorted.usersElsewhere.map((u): Detail => ({
            kind: 'usersInOtherConfig',
            profileId: u.profile.Id,
            profileName: u.profile.Name,
            configId: u.config.Id,
            configName: u.config.MasterLabel,
            userCount: u.row.UserCount,
            firstUserName: u.row.FirstUserName,
            willMove: choices.moveDirectUsers,
        })),
    ];
    const targetRef: Resolved = target
        ? { developerName: target.DeveloperName, id: target.Id }
        : {
              developerName: uniqueDeveloperName(
                  choices.names.presenceConfig.developerName,
                  nameSet(configs.records.map((c) => c.DeveloperName))
              ),
              id: null,
          };
    const ops = [
        ...configOps(choices, target, targetRef, sorted.unassigned, details),
        ...moveOps(targetRef, sorted, choices),
    ];

    const record: Detail[] = target
        ? [{ kind: 'record', role: 'presenceConfig', developerName: target.DeveloperName, label: target.MasterLabel }]
        : [];
    const needs: ChoiceKey[] = [
        'agentProfiles',
        'capacity',
        ...(sorted.inOther.length > 0 ? (['moveProfiles'] as const) : []),
        ...(sorted.usersElsewhere.length > 0 ? (['moveUsers'] as const) : []),
    ];
    const unchosenProfiles = sorted.inOther.filter((o) => !moving.has(o.profile.Id));
    // 14.6: when what is left waits for a choice, the reason names that choice.
    const noFixReason =
        unchosenProfiles.length > 0
            ? reason('fix.chooseMoveProfiles', { count: unchosenProfiles.length })
            : sorted.usersElsewhere.length > 0 && !choices.moveDirectUsers
              ? reason('fix.chooseMoveUsers', { count: userTotal(sorted) })
              : undefined;
    const report = (status: ItemStatus, why: Reason): PresenceConfigOutcome => ({
        result: finish('presenceConfig', deps, {
            status,
            reason: why,
            details: [...record, ...details],
            needs,
            ops,
            noFixReason,
        }),
        presenceConfig: targetRef,
    });
    if (!target) return report('fail', reason('item.presenceConfig.missing', { count: agents.profiles.length }));
    const label = target.MasterLabel;
    if (sorted.unassigned.length > 0) {
        return report(
            'fail',
            defaultConfig
                ? reason('item.presenceConfig.profilesOnDefault', {
                      count: sorted.unassigned.length,
                      name: label,
                      default: defaultConfig.MasterLabel,
                      capacity: defaultConfig.Capacity,
                  })
                : reason('item.presenceConfig.profilesUnassigned', { count: sorted.unassigned.length, name: label })
        );
    }
    if (sorted.inOther.length > 0) {
        return report(
            'warning',
            reason('item.presenceConfig.profilesInOtherConfig', { count: sorted.inOther.length, name: label })
        );
    }
    if (sorted.usersElsewhere.length > 0) {
        return report(
            'warning',
            reason('item.presenceConfig.usersInOtherConfig', {
                count: userTotal(sorted),
                names: sorted.usersElsewhere.map((u) => u.row.FirstUserName).join(', '),
                name: label,
            })
        );
    }
    const setCapacity = ops.find((o) => o.kind === 'setCapacity');
    if (setCapacity && setCapacity.kind === 'setCapacity') {
        return report(
            'warning',
            reason('item.presenceConfig.capacityDiffers', {
                name: label,
                actual: setCapacity.from,
                chosen: setCapacity.capacity,
            })
        );
    }
    return {
        result: finish('presenceConfig', deps, {
            status: 'pass',
            reason: reason('item.presenceConfig.ok', {
                name: target.MasterLabel,
                capacity: target.Capacity,
                count: agents.profiles.length,
            }),
            details: record,
            needs,
        }),
        presenceConfig: targetRef,
    };
}

function userTotal(sorted: Sorted): number {
    return sorted.usersElsewhere.reduce((sum, u) => sum + u.row.UserCount, 0);
}

/** A profile with no assignment row: on the default configuration when the org has it, else unassigned. */
function unassignedDetail(profile: ProfileRecord, defaultConfig: PresenceUserConfigRecord | undefined): Detail {
    if (!defaultConfig) return { kind: 'profileUnassigned', profileId: profile.Id, profileName: profile.Name };
    return {
        kind: 'profileOnDefaultConfig',
        profileId: profile.Id,
        profileName: profile.Name,
        configName: defaultConfig.MasterLabel,
        capacity: defaultConfig.Capacity,
    };
}
