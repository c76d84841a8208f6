/** Item 6: a queue for the chat object that routes through Omni-Channel. Reads the settled routing configuration. */
import { chatQueueIds, routedChatQueue } from './ruleRoutingConfig';
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
import type { Operation } from './types';

export interface QueueInput {
    readonly deps: Deps<'queue'>;
    /** The routing configuration item 5 settled on (null when unreadable). */
    readonly routingConfig: Resolved | null;
}

/** Item 6's result and the queue it settles on (null when unreadable or there can be none). */
export interface QueueOutcome {
    readonly result: ItemResult;
    /** The SimplyChat queue: an existing one (Id) or the one the plan creates (Id null). */
    readonly queue: Resolved | null;
}

export function queueRule(env: RuleEnv, input: QueueInput): QueueOutcome {
    const { snapshot, choices } = env;
    const { deps } = input;
    const none = (result: ItemResult): QueueOutcome => ({ result, queue: null });
    const queues = read(snapshot.queues, 'Group');
    const queueSobjects = read(snapshot.queueSobjects, 'QueueSobject');
    if (!queues.ok) return none(finish('queue', deps, unreadable(queues.detail)));
    if (!queueSobjects.ok) return none(finish('queue', deps, unreadable(queueSobjects.detail)));
    if (!snapshot.chatObject.exists) {
        return none(
            finish('queue', deps, {
                status: 'fail',
                reason: reason('item.queue.chatObjectMissing', { object: snapshot.chatObject.apiName }),
                noFixReason: reason('fix.chatObjectMissing', { object: snapshot.chatObject.apiName }),
            })
        );
    }
    const chatQueues = chatQueueIds(choices.chatObject, queueSobjects.records);
    const supporting = queues.records.filter((q) => chatQueues.has(q.Id));
    const routed = routedChatQueue(queues.records, chatQueues, choices.names.queue.developerName);
    if (routed) {
        return {
            result: finish('queue', deps, {
                status: 'pass',
                reason: reason('item.queue.ok', { name: routed.Name }),
                details: [{ kind: 'record', role: 'queue', developerName: routed.DeveloperName, label: routed.Name }],
            }),
            queue: { developerName: routed.DeveloperName, id: routed.Id },
        };
    }
    const routing = input.routingConfig;
    const upsert = (
        existing: { Id: string; DeveloperName: string; Name: string } | null,
        addSobjectTypes: string[]
    ): Operation[] => {
        if (!routing) return [];
        return [
            {
                kind: 'upsertQueue',
                itemId: 'queue',
                existingId: existing?.Id ?? null,
                developerName: existing?.DeveloperName ?? choices.names.queue.developerName,
                label: existing?.Name ?? choices.names.queue.label,
                routingConfigDeveloperName: routing.developerName,
                addSobjectTypes,
            },
        ];
    };
    const unrouted = prefer(supporting, choices.names.queue.developerName);
    if (unrouted) {
        return {
            result: finish('queue', deps, {
                status: 'fail',
                reason: reason('item.queue.noRoutingConfig', { name: unrouted.Name }),
                ops: upsert(unrouted, []),
            }),
            queue: { developerName: unrouted.DeveloperName, id: unrouted.Id },
        };
    }
    const named = queues.records.find((q) => sameName(q.DeveloperName, choices.names.queue.developerName));
    if (named) {
        return {
            result: finish('queue', deps, {
                status: 'fail',
                reason: reason('item.queue.missingObject', { name: named.Name, object: choices.chatObject }),
                ops: upsert(named, [choices.chatObject]),
            }),
            queue: { developerName: named.DeveloperName, id: named.Id },
        };
    }
    return {
        result: finish('queue', deps, {
            status: 'fail',
            reason: reason('item.queue.missing', { object: choices.chatObject }),
            ops: upsert(null, [choices.chatObject]),
        }),
        queue: { developerName: choices.names.queue.developerName, id: null },
    };
}
