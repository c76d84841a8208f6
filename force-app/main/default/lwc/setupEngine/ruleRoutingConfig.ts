/**
 * Item 5: the routing configuration of the chat queue, with the guide's values. Settles `routingConfig` for the
 * queue rule.
 */
import { GUIDE_ROUTING, MAX_NAME_LENGTH } from './facts';
import {
    finish,
    prefer,
    read,
    sameName,
    unreadable,
    type Deps,
    type ItemResult,
    type Resolved,
    type RuleEnv,
} from './ruleKit';
import { reason } from './reasons';
import type {
    Detail,
    NameChoice,
    Operation,
    QueueRecord,
    QueueRoutingConfigRecord,
    SetupChoices,
    SharedRoutingChoice,
} from './types';

/** The values the shared-routing choice may take, in the order the tab offers them. */
export const SHARED_ROUTING_CHOICES: readonly SharedRoutingChoice[] = ['keep', 'update', 'own'];

/**
 * Item 5's choice for a routing configuration that other queues use too: the saved value, else the older boolean
 * (true meant update), else 'keep' (nothing of it changes).
 */
export function sharedRoutingChoice(choices: SetupChoices): SharedRoutingChoice {
    const value = choices.sharedRoutingConfig;
    if (value === 'keep' || value === 'update' || value === 'own') return value;
    return choices.updateSharedRoutingConfig === true ? 'update' : 'keep';
}

/**
 * The SimplyChat queue among the chat queues that already route through Omni-Channel (item 6 settles on it): the
 * one with the chosen queue name, else the first by developer name.
 */
export function routedChatQueue(
    queues: readonly QueueRecord[],
    chatQueues: ReadonlySet<string>,
    queueName: string
): QueueRecord | undefined {
    return prefer(
        queues.filter((q) => chatQueues.has(q.Id) && q.QueueRoutingConfigId),
        queueName
    );
}

/**
 * The name of the routing configuration SimplyChat gets of its own: the chosen name when no configuration carries
 * it, else the chosen name with the first free number (`SimplyChat_2`, label `SimplyChat 2`), never an existing one.
 */
export function ownRoutingConfigName(configs: readonly QueueRoutingConfigRecord[], name: NameChoice): NameChoice {
    const taken = (developerName: string): boolean => configs.some((c) => sameName(c.DeveloperName, developerName));
    if (!taken(name.developerName)) return name;
    for (let n = 2; ; n++) {
        const suffix = `_${n}`;
        const developerName = `${name.developerName.slice(0, MAX_NAME_LENGTH - suffix.length)}${suffix}`;
        if (!taken(developerName)) {
            return { developerName, label: `${name.label.slice(0, MAX_NAME_LENGTH - suffix.length)} ${n}` };
        }
    }
}

export interface RoutingConfigOutcome {
    readonly result: ItemResult;
    readonly routingConfig: Resolved | null;
}

/** Queues that support the chat object. */
export function chatQueueIds(
    chatObject: string,
    queueSobjects: readonly { QueueId: string; SobjectType: string }[]
): Set<string> {
    return new Set(queueSobjects.filter((q) => sameName(q.SobjectType, chatObject)).map((q) => q.QueueId));
}

function routingMismatches(config: QueueRoutingConfigRecord): { field: string; expected: string; actual: string }[] {
    const out: { field: string; expected: string; actual: string }[] = [];
    if (config.RoutingPriority !== GUIDE_ROUTING.routingPriority) {
        out.push({
            field: 'RoutingPriority',
            expected: String(GUIDE_ROUTING.routingPriority),
            actual: String(config.RoutingPriority ?? ''),
        });
    }
    if (config.RoutingModel !== GUIDE_ROUTING.routingModel) {
        out.push({ field: 'RoutingModel', expected: GUIDE_ROUTING.routingModel, actual: config.RoutingModel });
    }
    if (config.CapacityWeight !== GUIDE_ROUTING.capacityWeight) {
        out.push({
            field: 'CapacityWeight',
            expected: String(GUIDE_ROUTING.capacityWeight),
            actual: String(config.CapacityWeight ?? ''),
        });
    }
    if (config.CapacityPercentage !== null) {
        out.push({ field: 'CapacityPercentage', expected: '', actual: String(config.CapacityPercentage) });
    }
    return out;
}

/**
 * The other queues a routing configuration routes: every queue with it (ROUTED_QUEUES) except those SimplyChat's
 * queue can be (a queue of the chat object, or one with the SimplyChat queue's name), by name. Empty when an older
 * reader did not read the routed queues; '?' when they could not be read (never "no other queue").
 */
export function otherQueuesOf(env: RuleEnv, configId: string, chatQueues: ReadonlySet<string>): string[] {
    const part = env.snapshot.routedQueues;
    if (!part) return [];
    if (part.status !== 'read') return ['?'];
    return part.records
        .filter(
            (q) =>
                q.QueueRoutingConfigId === configId &&
                !chatQueues.has(q.Id) &&
                !sameName(q.DeveloperName, env.choices.names.queue.developerName)
        )
        .map((q) => q.Name)
        .sort((a, b) => a.localeCompare(b));
}

export function routingConfigRule(env: RuleEnv, deps: Deps<'routingConfig'>): RoutingConfigOutcome {
    const { snapshot, choices } = env;
    const configs = read(snapshot.routingConfigs, 'QueueRoutingConfig');
    const queues = read(snapshot.queues, 'Group');
    const queueSobjects = read(snapshot.queueSobjects, 'QueueSobject');
    if (!configs.ok) return { result: finish('routingConfig', deps, unreadable(configs.detail)), routingConfig: null };
    if (!queues.ok) return { result: finish('routingConfig', deps, unreadable(queues.detail)), routingConfig: null };
    if (!queueSobjects.ok) {
        return { result: finish('routingConfig', deps, unreadable(queueSobjects.detail)), routingConfig: null };
    }
    const chatQueues = chatQueueIds(choices.chatObject, queueSobjects.records);
    const usedByChatQueues = new Set(
        queues.records.filter((q) => chatQueues.has(q.Id) && q.QueueRoutingConfigId).map((q) => q.QueueRoutingConfigId)
    );
    const name = choices.names.routingConfig;
    const routedQueue = routedChatQueue(queues.records, chatQueues, choices.names.queue.developerName);
    const config =
        configs.records.find((c) => c.Id === routedQueue?.QueueRoutingConfigId) ??
        prefer(
            configs.records.filter((c) => usedByChatQueues.has(c.Id)),
            name.developerName
        ) ??
        configs.records.find((c) => sameName(c.DeveloperName, name.developerName));
    if (!config) {
        return {
            result: finish('routingConfig', deps, {
                status: 'fail',
                reason: reason('item.routingConfig.missing', { name: name.label }),
                ops: [
                    {
                        kind: 'upsertRoutingConfig',
                        itemId: 'routingConfig',
                        existingId: null,
                        developerName: name.developerName,
                        label: name.label,
                        ...GUIDE_ROUTING,
                        changes: [],
                    },
                ],
            }),
            routingConfig: { developerName: name.developerName, id: null },
        };
    }
    const routingConfig = { developerName: config.DeveloperName, id: config.Id };
    const mismatches = routingMismatches(config);
    const others = otherQueuesOf(env, config.Id, chatQueues);
    const record: Detail = {
        kind: 'record',
        role: 'routingConfig',
        developerName: config.DeveloperName,
        label: config.MasterLabel,
    };
    if (mismatches.length === 0) {
        return {
            result: finish('routingConfig', deps, {
                status: 'pass',
                reason:
                    others.length > 0
                        ? reason('item.routingConfig.okShared', { name: config.MasterLabel, queues: others.join(', ') })
                        : reason('item.routingConfig.ok', { name: config.MasterLabel }),
                details: [record],
            }),
            routingConfig,
        };
    }
    const sharedChoice = sharedRoutingChoice(choices);
    const mismatchDetails = mismatches.map((m): Detail => ({ kind: 'fieldMismatch', ...m }));
    // Another team's routing with other values: the same warning whether SimplyChat takes its own or keeps it.
    const sharedWarning = {
        status: 'warning' as const,
        reason: reason('item.routingConfig.sharedWrongValues', {
            name: config.MasterLabel,
            count: mismatches.length,
            queues: others.join(', '),
        }),
        details: [record, ...mismatchDetails],
        needs: ['sharedRoutingConfig' as const],
    };
    if (others.length > 0 && sharedChoice === 'own') {
        // SimplyChat gets a configuration of its own and its queue is linked to it; the shared one is never written.
        const own = ownRoutingConfigName(configs.records, name);
        const ops: Operation[] = [
            {
                kind: 'upsertRoutingConfig',
                itemId: 'routingConfig',
                existingId: null,
                developerName: own.developerName,
                label: own.label,
                ...GUIDE_ROUTING,
                changes: [],
            },
        ];
        if (routedQueue && routedQueue.QueueRoutingConfigId === config.Id) {
            ops.push({
                kind: 'upsertQueue',
                itemId: 'routingConfig',
                existingId: routedQueue.Id,
                developerName: routedQueue.DeveloperName,
                label: routedQueue.Name,
                routingConfigDeveloperName: own.developerName,
                addSobjectTypes: [],
            });
        }
        return {
            result: finish('routingConfig', deps, { ...sharedWarning, ops }),
            routingConfig: { developerName: own.developerName, id: null },
        };
    }
    if (others.length > 0 && sharedChoice === 'keep') {
        // Another team's routing: never changed unless the admin chooses to (law 4).
        return {
            result: finish('routingConfig', deps, {
                ...sharedWarning,
                noFixReason: reason('fix.chooseSharedRouting', { queues: others.join(', ') }),
            }),
            routingConfig,
        };
    }
    return {
        result: finish('routingConfig', deps, {
            status: 'warning',
            reason:
                others.length > 0
                    ? reason('item.routingConfig.sharedWrongValues', {
                          name: config.MasterLabel,
                          count: mismatches.length,
                          queues: others.join(', '),
                      })
                    : reason('item.routingConfig.wrongValues', { name: config.MasterLabel, count: mismatches.length }),
            details: [record, ...mismatchDetails],
            needs: others.length > 0 ? ['sharedRoutingConfig'] : [],
            ops: [
                {
                    kind: 'upsertRoutingConfig',
                    itemId: 'routingConfig',
                    existingId: config.Id,
                    developerName: config.DeveloperName,
                    label: config.MasterLabel,
                    ...GUIDE_ROUTING,
                    changes: mismatches.map((m) => ({ field: m.field, from: m.actual, to: m.expected })),
                },
            ],
        }),
        routingConfig,
    };
}
