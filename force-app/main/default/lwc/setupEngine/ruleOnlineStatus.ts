/**
 * Item 7: Online statuses carry the SimplyChat channel. Reads the settled channel and the agent profiles' access;
 * settles the statuses that carry (or will carry) SimplyChat, and the one to grant to profiles without any.
 *
 * An agent has one status at a time, so by default SimplyChat is added to the Online statuses the agents already
 * use (their other channels kept, in order): agents take chats beside their other work. A separate status only when
 * the admin chooses it, and never one whose label repeats an existing status's label.
 */
import { agentProfiles } from './ruleAgents';
import { agentAccess, readAgentAccess, statusesAgentsUse } from './ruleAgentAccess';
import {
    byDeveloperName,
    finish,
    prefer,
    sameName,
    unreadable,
    type Deps,
    type ItemResult,
    type Resolved,
    type RuleEnv,
} from './ruleKit';
import { statusesCarrying, statusIndex, type StatusIndex } from './ruleStatuses';
import { nameSet, uniqueDeveloperName, uniqueLabel } from './names';
import { reason } from './reasons';
import type { ChoiceKey, Detail, ServicePresenceStatusRecord } from './types';

export interface OnlineStatusInput {
    readonly deps: Deps<'onlineStatus'>;
    /** The channel item 4 settled on. */
    readonly channel: Resolved | null;
}

export interface OnlineStatusOutcome {
    readonly result: ItemResult;
    /** The status to grant to agents who have none of `carrying` (null while unknown). */
    readonly onlineStatus: Resolved | null;
    /** Every status that carries SimplyChat once the plan has run. */
    readonly carrying: readonly Resolved[];
}

function resolved(s: ServicePresenceStatusRecord): Resolved {
    return { developerName: s.DeveloperName, id: s.Id };
}

/** Online-type statuses (with channels) that the agents use, through profiles or permission sets. */
function agentOnlineStatuses(env: RuleEnv, index: StatusIndex): ServicePresenceStatusRecord[] {
    const agents = agentProfiles(env);
    if (!agents.ok) return [];
    const { access, permissionSets } = readAgentAccess(env.snapshot);
    const used = statusesAgentsUse(agentAccess(access, permissionSets), agents.profiles);
    return index.statuses.filter((s) => used.has(s.Id) && index.channelsOf.get(s.Id)?.size).sort(byDeveloperName);
}

export function onlineStatusRule(env: RuleEnv, input: OnlineStatusInput): OnlineStatusOutcome {
    const { choices } = env;
    const { deps, channel } = input;
    const none = (result: ItemResult): OnlineStatusOutcome => ({ result, onlineStatus: null, carrying: [] });
    const indexed = statusIndex(env.snapshot);
    if (!indexed.ok) return none(finish('onlineStatus', deps, unreadable(indexed.detail)));
    const { index } = indexed;
    const name = choices.names.onlineStatus;
    const carrying = statusesCarrying(index, channel?.id ?? null);
    const found = prefer(carrying, name.developerName);
    if (found) {
        return {
            result: finish('onlineStatus', deps, {
                status: 'pass',
                reason: reason('item.onlineStatus.ok', { name: found.MasterLabel }),
                details: [...carrying].sort(byDeveloperName).map((s): Detail => ({
                    kind: 'record',
                    role: 'onlineStatus',
                    developerName: s.DeveloperName,
                    label: s.MasterLabel,
                })),
            }),
            onlineStatus: resolved(found),
            carrying: carrying.map(resolved),
        };
    }
    const missing = reason('item.onlineStatus.missing', {
        channel: channel?.developerName ?? choices.names.serviceChannel.developerName,
    });
    if (!channel) return none(finish('onlineStatus', deps, { status: 'fail', reason: missing }));

    const agentStatuses = agentOnlineStatuses(env, index);
    const needs: ChoiceKey[] = agentStatuses.length > 0 ? ['onlineStatusMode'] : [];
    if (agentStatuses.length > 0 && !choices.separateOnlineStatus) {
        const primary = prefer(agentStatuses, name.developerName) as ServicePresenceStatusRecord;
        return {
            result: finish('onlineStatus', deps, {
                status: 'fail',
                reason: reason('item.onlineStatus.notOnAgentStatuses', {
                    channel: channel.developerName,
                    statuses: agentStatuses.map((s) => s.MasterLabel).join(', '),
                    count: agentStatuses.length,
                }),
                details: agentStatuses.map((s): Detail => ({
                    kind: 'statusGetsChannel',
                    developerName: s.DeveloperName,
                    label: s.MasterLabel,
                })),
                needs,
                ops: agentStatuses.map((s) => ({
                    kind: 'addChannelToStatus',
                    itemId: 'onlineStatus',
                    statusId: s.Id,
                    statusDeveloperName: s.DeveloperName,
                    channelDeveloperName: channel.developerName,
                })),
            }),
            onlineStatus: resolved(primary),
            carrying: agentStatuses.map(resolved),
        };
    }
    // SimplyChat's own status: reuse ours if it already carries other channels; never turn a busy status (no
    // channels) into an online one: that could take away the admin's only busy status.
    const named = index.statuses.find((s) => sameName(s.DeveloperName, name.developerName));
    if (named && index.channelsOf.get(named.Id)?.size) {
        return {
            result: finish('onlineStatus', deps, {
                status: 'fail',
                reason: missing,
                needs,
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
            onlineStatus: resolved(named),
            carrying: [resolved(named)],
        };
    }
    const developerName = uniqueDeveloperName(name.developerName, nameSet(index.statuses.map((s) => s.DeveloperName)));
    const created = { developerName, id: null };
    return {
        result: finish('onlineStatus', deps, {
            status: 'fail',
            reason: missing,
            needs,
            ops: [
                {
                    kind: 'createPresenceStatus',
                    itemId: 'onlineStatus',
                    developerName,
                    label: uniqueLabel(name.label, nameSet(index.statuses.map((s) => s.MasterLabel))),
                    channelDeveloperNames: [channel.developerName],
                },
            ],
        }),
        onlineStatus: created,
        carrying: [created],
    };
}
