/** Item 7: an Online status carries the SimplyChat channel. Reads the settled channel; settles `onlineStatus`. */
import {
    finish,
    prefer,
    sameName,
    unreadable,
    type Deps,
    type ItemResult,
    type Resolved,
    type RuleEnv,
} from './ruleKit';
import { statusesCarrying, statusIndex } from './ruleStatuses';
import { nameSet, uniqueDeveloperName } from './names';
import { reason } from './reasons';

export interface OnlineStatusInput {
    readonly deps: Deps<'onlineStatus'>;
    /** The channel item 4 settled on. */
    readonly channel: Resolved | null;
}

export interface OnlineStatusOutcome {
    readonly result: ItemResult;
    readonly onlineStatus: Resolved | null;
}

export function onlineStatusRule(env: RuleEnv, input: OnlineStatusInput): OnlineStatusOutcome {
    const { choices } = env;
    const { deps, channel } = input;
    const indexed = statusIndex(env.snapshot);
    if (!indexed.ok) return { result: finish('onlineStatus', deps, unreadable(indexed.detail)), onlineStatus: null };
    const { index } = indexed;
    const name = choices.names.onlineStatus;
    const found = prefer(statusesCarrying(index, channel?.id ?? null), name.developerName);
    if (found) {
        return {
            result: finish('onlineStatus', deps, {
                status: 'pass',
                reason: reason('item.onlineStatus.ok', { name: found.MasterLabel }),
                details: [
                    {
                        kind: 'record',
                        role: 'onlineStatus',
                        developerName: found.DeveloperName,
                        label: found.MasterLabel,
                    },
                ],
            }),
            onlineStatus: { developerName: found.DeveloperName, id: found.Id },
        };
    }
    const missing = reason('item.onlineStatus.missing', {
        channel: channel?.developerName ?? choices.names.serviceChannel.developerName,
    });
    if (!channel)
        return { result: finish('onlineStatus', deps, { status: 'fail', reason: missing }), onlineStatus: null };
    // Reuse our named status if it already carries other channels; never turn a busy status (no channels) into an
    // online one: that could take away the admin's only busy status.
    const named = index.statuses.find((s) => sameName(s.DeveloperName, name.developerName));
    if (named && index.channelsOf.get(named.Id)?.size) {
        return {
            result: finish('onlineStatus', deps, {
                status: 'fail',
                reason: missing,
                ops: [
                    {
                        kind: 'addChannelToStatus',
                        itemId: 'onlineStatus',
                        statusId: named.Id,
                        statusDeveloperName: named.DeveloperName,
                        channelDeveloperName: channel.developerName,
                    },
                ],
            }),
            onlineStatus: { developerName: named.DeveloperName, id: named.Id },
        };
    }
    const developerName = uniqueDeveloperName(name.developerName, nameSet(index.statuses.map((s) => s.DeveloperName)));
    return {
        result: finish('onlineStatus', deps, {
            status: 'fail',
            reason: missing,
            ops: [
                {
                    kind: 'createPresenceStatus',
                    itemId: 'onlineStatus',
                    developerName,
                    label: name.label,
                    channelDeveloperNames: [channel.developerName],
                },
            ],
        }),
        onlineStatus: { developerName, id: null },
    };
}
