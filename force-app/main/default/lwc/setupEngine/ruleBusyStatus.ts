/** Item 8: a Busy status (no channels). Reads the online status item 7 settled, so names never collide. */
import { finish, prefer, unreadable, type Deps, type ItemResult, type Resolved, type RuleEnv } from './ruleKit';
import { busyStatuses, statusIndex } from './ruleStatuses';
import { nameSet, uniqueDeveloperName, uniqueLabel } from './names';
import { reason } from './reasons';

export interface BusyStatusInput {
    readonly deps: Deps<'busyStatus'>;
    /** The online status item 7 settled on (its developer name is taken if the plan creates it). */
    readonly onlineStatus: Resolved | null;
    /** The label of the online status item 7 creates, if it creates one (taken too). */
    readonly createdOnlineLabel: string | null;
}

export interface BusyStatusOutcome {
    readonly result: ItemResult;
    readonly busyStatus: Resolved | null;
}

export function busyStatusRule(env: RuleEnv, input: BusyStatusInput): BusyStatusOutcome {
    const { deps } = input;
    const indexed = statusIndex(env.snapshot);
    if (!indexed.ok) return { result: finish('busyStatus', deps, unreadable(indexed.detail)), busyStatus: null };
    const { index } = indexed;
    const name = env.choices.names.busyStatus;
    const found = prefer(busyStatuses(index), name.developerName);
    if (found) {
        return {
            result: finish('busyStatus', deps, {
                status: 'pass',
                reason: reason('item.busyStatus.ok', { name: found.MasterLabel }),
                details: [
                    {
                        kind: 'record',
                        role: 'busyStatus',
                        developerName: found.DeveloperName,
                        label: found.MasterLabel,
                    },
                ],
            }),
            busyStatus: { developerName: found.DeveloperName, id: found.Id },
        };
    }
    const taken = nameSet(index.statuses.map((s) => s.DeveloperName));
    if (input.onlineStatus) taken.add(input.onlineStatus.developerName.toLowerCase());
    const developerName = uniqueDeveloperName(name.developerName, taken);
    const labels = nameSet(index.statuses.map((s) => s.MasterLabel));
    if (input.createdOnlineLabel) labels.add(input.createdOnlineLabel.toLowerCase());
    return {
        result: finish('busyStatus', deps, {
            status: 'fail',
            reason: reason('item.busyStatus.missing'),
            ops: [
                {
                    kind: 'createPresenceStatus',
                    itemId: 'busyStatus',
                    developerName,
                    label: uniqueLabel(name.label, labels),
                    channelDeveloperNames: [],
                },
            ],
        }),
        busyStatus: { developerName, id: null },
    };
}
