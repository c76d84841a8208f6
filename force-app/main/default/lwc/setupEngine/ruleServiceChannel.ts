/**
 * Item 4: a service channel routes the chat object. Settles `channel` (existing, or the one the plan creates) for
 * the status rules.
 */
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
import { nameSet, uniqueDeveloperName } from './names';
import { reason } from './reasons';
import type { ServiceChannelRecord, SetupChoices } from './types';

export interface ServiceChannelOutcome {
    readonly result: ItemResult;
    /** The channel SimplyChat uses; null when the channels are unreadable or the chat object is missing. */
    readonly channel: Resolved | null;
}

/** The existing channel SimplyChat uses: one that routes the chat object, ours by name first. Shared with agents.ts. */
export function chatChannel(
    choices: SetupChoices,
    channels: readonly ServiceChannelRecord[]
): ServiceChannelRecord | undefined {
    const routing = channels.filter((c) => sameName(c.RelatedEntity, choices.chatObject));
    return prefer(routing, choices.names.serviceChannel.developerName);
}

export function serviceChannelRule(env: RuleEnv, deps: Deps<'serviceChannel'>): ServiceChannelOutcome {
    const { snapshot, choices } = env;
    const channels = read(snapshot.serviceChannels, 'ServiceChannel');
    if (!channels.ok) return { result: finish('serviceChannel', deps, unreadable(channels.detail)), channel: null };
    if (!snapshot.chatObject.exists) {
        return {
            result: finish('serviceChannel', deps, {
                status: 'fail',
                reason: reason('item.serviceChannel.chatObjectMissing', { object: snapshot.chatObject.apiName }),
                needs: ['chatObject'],
                noFixReason: reason('fix.chatObjectMissing', { object: snapshot.chatObject.apiName }),
            }),
            channel: null,
        };
    }
    const found = chatChannel(choices, channels.records);
    if (found) {
        return {
            result: finish('serviceChannel', deps, {
                status: 'pass',
                reason: reason('item.serviceChannel.ok', { name: found.MasterLabel, object: found.RelatedEntity }),
                details: [
                    {
                        kind: 'record',
                        role: 'serviceChannel',
                        developerName: found.DeveloperName,
                        label: found.MasterLabel,
                    },
                ],
            }),
            channel: { developerName: found.DeveloperName, id: found.Id },
        };
    }
    const developerName = uniqueDeveloperName(
        choices.names.serviceChannel.developerName,
        nameSet(channels.records.map((c) => c.DeveloperName))
    );
    return {
        result: finish('serviceChannel', deps, {
            status: 'fail',
            reason: reason('item.serviceChannel.missing', { object: choices.chatObject }),
            ops: [
                {
                    kind: 'createServiceChannel',
                    itemId: 'serviceChannel',
                    developerName,
                    label: choices.names.serviceChannel.label,
                    relatedEntityType: choices.chatObject,
                },
            ],
        }),
        channel: { developerName, id: null },
    };
}
