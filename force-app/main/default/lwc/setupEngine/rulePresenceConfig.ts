/**
 * Item 9: the agent profiles sit in one presence configuration with the chosen capacity. Settles `presenceConfig`.
 * Four jobs, one function each: choose the target configuration, sort the agent profiles against it, plan the
 * capacity and assignments, plan the moves the admin chose.
 */
import { CAPACITY_MIN, DEFAULT_CAPACITY, METADATA_BATCH_SIZE } from './facts';
import { ref, requireAgents } from './ruleAgents';
import {
    byDeveloperName,
    chunk,
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
    Operation,
    PresenceUserConfigProfileRecord,
    PresenceUserConfigRecord,
    ProfileRecord,
    Reason,
    SetupChoices,
} from './types';

export interface PresenceConfigOutcome {
    readonly result: ItemResult;
    readonly presenceConfig: Resolved | null;
}

interface InOther {
    readonly profile: ProfileRecord;
    readonly config: PresenceUserConfigRecord;
}

/** Job 1: our named configuration; else the one holding most agent profiles. */
function chooseTarget(
    choices: SetupChoices,
    agents: readonly ProfileRecord[],
    configs: readonly PresenceUserConfigRecord[],
    configOf: ReadonlyMap<string, string>
): PresenceUserConfigRecord | undefined {
    const named = configs.find((c) => sameName(c.DeveloperName, choices.names.presenceConfig.developerName));
    if (named) return named;
    const configById = new Map(configs.map((c) => [c.Id, c]));
    const holding = new Map<string, number>();
    for (const p of agents) {
        const id = configOf.get(p.Id);
        if (id && configById.has(id)) holding.set(id, (holding.get(id) ?? 0) + 1);
    }
    return [...holding.entries()]
        .map(([id, count]) => ({ config: configById.get(id) as PresenceUserConfigRecord, count }))
        .sort((a, b) => b.count - a.count || byDeveloperName(a.config, b.config))[0]?.config;
}

/** Job 2: agent profiles in no configuration, and those in another one than the target. */
function sortProfiles(
    agents: readonly ProfileRecord[],
    configs: readonly PresenceUserConfigRecord[],
    configOf: ReadonlyMap<string, string>,
    target: PresenceUserConfigRecord | undefined
): { unassigned: ProfileRecord[]; inOther: InOther[] } {
    const configById = new Map(configs.map((c) => [c.Id, c]));
    const unassigned: ProfileRecord[] = [];
    const inOther: InOther[] = [];
    for (const profile of agents) {
        const id = configOf.get(profile.Id);
        const config = id ? configById.get(id) : undefined;
        if (!config) unassigned.push(profile);
        else if (config.Id !== target?.Id) inOther.push({ profile, config });
    }
    return { unassigned, inOther };
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

/** Job 4: the moves the admin chose. A move rewrites the target and each configuration it leaves: ≤ 10 a call. */
function moveOps(targetRef: Resolved, toMove: readonly InOther[]): Operation[] {
    const bySource = new Map<string, InOther[]>();
    for (const m of toMove) bySource.set(m.config.Id, [...(bySource.get(m.config.Id) ?? []), m]);
    return chunk([...bySource.values()], METADATA_BATCH_SIZE - 1).map((sources) => {
        const moves: MoveProfilesToConfigOp['moves'] = sources.flat().map((m) => ({
            ...ref(m.profile),
            fromConfigId: m.config.Id,
            fromConfigDeveloperName: m.config.DeveloperName,
        }));
        return {
            kind: 'moveProfilesToConfig',
            itemId: 'presenceConfig',
            configId: targetRef.id,
            configDeveloperName: targetRef.developerName,
            moves,
        };
    });
}

export function presenceConfigRule(env: RuleEnv, deps: Deps<'presenceConfig'>): PresenceConfigOutcome {
    const { snapshot, choices } = env;
    const none = (result: ItemResult): PresenceConfigOutcome => ({ result, presenceConfig: null });
    const agents = requireAgents(env, 'presenceConfig', deps);
    if ('result' in agents) return none(agents.result);
    const configs = read(snapshot.presenceConfigs, 'PresenceUserConfig');
    if (!configs.ok) return none(finish('presenceConfig', deps, unreadable(configs.detail)));
    const assignments = read<PresenceUserConfigProfileRecord>(
        snapshot.presenceConfigProfiles,
        'PresenceUserConfigProfile'
    );
    if (!assignments.ok) return none(finish('presenceConfig', deps, unreadable(assignments.detail)));

    const configOf = new Map(assignments.records.map((a) => [a.ProfileId, a.PresenceUserConfigId]));
    const target = chooseTarget(choices, agents.profiles, configs.records, configOf);
    const { unassigned, inOther } = sortProfiles(agents.profiles, configs.records, configOf, target);
    const moving = new Set(choices.moveProfileIds);
    const details: Detail[] = [
        ...unassigned.map((p): Detail => ({ kind: 'profileUnassigned', profileId: p.Id, profileName: p.Name })),
        ...inOther.map((o): Detail => ({
            kind: 'profileInOtherConfig',
            profileId: o.profile.Id,
            profileName: o.profile.Name,
            configId: o.config.Id,
            configName: o.config.MasterLabel,
            willMove: moving.has(o.profile.Id),
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
        ...configOps(choices, target, targetRef, unassigned, details),
        ...moveOps(
            targetRef,
            inOther.filter((o) => moving.has(o.profile.Id))
        ),
    ];

    const record: Detail[] = target
        ? [{ kind: 'record', role: 'presenceConfig', developerName: target.DeveloperName, label: target.MasterLabel }]
        : [];
    const needs: ChoiceKey[] =
        inOther.length > 0 ? ['agentProfiles', 'capacity', 'moveProfiles'] : ['agentProfiles', 'capacity'];
    const report = (status: ItemStatus, why: Reason): PresenceConfigOutcome => ({
        result: finish('presenceConfig', deps, { status, reason: why, details: [...record, ...details], needs, ops }),
        presenceConfig: targetRef,
    });
    if (!target) return report('fail', reason('item.presenceConfig.missing', { count: agents.profiles.length }));
    const label = target.MasterLabel;
    if (unassigned.length > 0) {
        return report(
            'fail',
            reason('item.presenceConfig.profilesUnassigned', { count: unassigned.length, name: label })
        );
    }
    if (inOther.length > 0) {
        return report(
            'warning',
            reason('item.presenceConfig.profilesInOtherConfig', { count: inOther.length, name: label })
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
