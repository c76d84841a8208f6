/**
 * The checklist rules, run in checklist order. Each rule lives in its own file and takes its inputs explicitly:
 * the results of the items that block it (`Deps<I>`, exactly DEPENDENCIES[I]) and what earlier rules settled
 * (a channel, a routing configuration, statuses). The order is checked by TypeScript: a rule's input is built from
 * constants declared above it, so calling a rule before one it reads does not compile, and an input missing a
 * dependency does not either. Rules never write; evaluate() turns the results into checklist items and plan()
 * collects their operations.
 */
import { apiAccessRule } from './ruleApiAccess';
import { busyStatusRule } from './ruleBusyStatus';
import { flowRule } from './ruleFlow';
import type { ItemResult, Resolved, RuleEnv } from './ruleKit';
import { omniChannelRule } from './ruleOmniChannel';
import { onlineStatusRule } from './ruleOnlineStatus';
import { permissionsRule } from './rulePermissions';
import { presenceConfigRule } from './rulePresenceConfig';
import { profileAccessRule } from './ruleProfileAccess';
import { queueRule } from './ruleQueue';
import { queueMembersRule } from './ruleQueueMembers';
import { agentAppsRule } from './ruleAgentApps';
import { routingConfigRule } from './ruleRoutingConfig';
import { scSetupRule } from './ruleScSetup';
import { serviceChannelRule } from './ruleServiceChannel';
import { SETUP_PAGE_OF_ITEM, setupPageUrl } from './setupPages';
import type { OrgSnapshot, SetupChoices } from './types';
import { recordRefusal } from './writes';

export { DEPENDENCIES } from './ruleKit';
export type { ItemResult } from './ruleKit';
export { missingFixPermissions, operationRefusal } from './rulePermissions';

/**
 * The records the rules settle on: SimplyChat's queue, presence configuration, statuses, and the utility bars item 14
 * needs. Each is an existing record (Id) or one the plan creates (Id null); null while it cannot be settled.
 */
export interface SettledRecords {
    readonly queue: Resolved | null;
    /** The service channel that routes the chat object (item 4): an existing one (Id) or the one the plan creates. */
    readonly channel: Resolved | null;
    readonly presenceConfig: Resolved | null;
    /** The status granted to agents who have none carrying SimplyChat (item 7). */
    readonly onlineStatus: Resolved | null;
    /** Every status that carries SimplyChat's channel, or will once the plan runs (item 7). */
    readonly carryingStatuses: readonly Resolved[];
    readonly busyStatus: Resolved | null;
}

/** Runs every rule in checklist order (ITEM_IDS). */
export function runRules(snapshot: OrgSnapshot, choices: SetupChoices = snapshot.choices): readonly ItemResult[] {
    return runOnce(snapshot, choices).results;
}

/** What the rules settle on, from the same run as the checklist: the one place these records are chosen. */
export function settleRecords(snapshot: OrgSnapshot, choices: SetupChoices = snapshot.choices): SettledRecords {
    return runOnce(snapshot, choices).settled;
}

interface Run {
    readonly results: readonly ItemResult[];
    readonly settled: SettledRecords;
}

/**
 * The rules' answer for each snapshot and choices object: evaluate, plan (and the plan evaluate asks for the changes
 * that wait for the API connection) and settle read the same inputs, so the rules run once for them. Snapshots and
 * choices are immutable values (every change makes a new object), and the results are read-only, so sharing them is
 * safe; a new snapshot or new choices run the rules again.
 */
const RUNS = new WeakMap<OrgSnapshot, WeakMap<SetupChoices, Run>>();

function runOnce(snapshot: OrgSnapshot, choices: SetupChoices): Run {
    let bySnapshot = RUNS.get(snapshot);
    if (!bySnapshot) {
        bySnapshot = new WeakMap();
        RUNS.set(snapshot, bySnapshot);
    }
    const known = bySnapshot.get(choices);
    if (known) return known;
    const run = runAll(snapshot, choices);
    bySnapshot.set(choices, run);
    return run;
}

/**
 * An item whose change writes rows this user may not write (the load's probe, `recordRefusal`) gets that manual step
 * first in its details, with the item's Setup page; fixAvailability refuses the fix with the same reason, so plan()
 * leaves it out, and nothing falls back to rewriting the component.
 */
function withRecordStep(result: ItemResult, snapshot: OrgSnapshot): ItemResult {
    for (const op of result.ops) {
        const refused = recordRefusal(op, snapshot);
        if (refused === null) continue;
        const page = SETUP_PAGE_OF_ITEM[result.id];
        return {
            ...result,
            details: [{ kind: 'manualStep', step: refused, url: page ? setupPageUrl(page) : '' }, ...result.details],
        };
    }
    return result;
}

function runAll(snapshot: OrgSnapshot, choices: SetupChoices): Run {
    const env: RuleEnv = { snapshot, choices };
    const apiAccess = apiAccessRule(env, {});
    const permissions = permissionsRule(env, {});
    const omniChannel = omniChannelRule(env, {});
    const channel = serviceChannelRule(env, { omniChannel });
    const routing = routingConfigRule(env, { omniChannel });
    const queueOutcome = queueRule(env, {
        deps: { omniChannel, routingConfig: routing.result },
        routingConfig: routing.routingConfig,
    });
    const queue = queueOutcome.result;
    const online = onlineStatusRule(env, {
        deps: { omniChannel, serviceChannel: channel.result },
        channel: channel.channel,
    });
    const createdOnline = online.result.ops.find((op) => op.kind === 'createPresenceStatus');
    const busy = busyStatusRule(env, {
        deps: { omniChannel },
        onlineStatus: online.onlineStatus,
        createdOnlineLabel: createdOnline?.kind === 'createPresenceStatus' ? createdOnline.label : null,
    });
    const presence = presenceConfigRule(env, { omniChannel });
    const profileAccess = profileAccessRule(env, {
        deps: { omniChannel, onlineStatus: online.result, busyStatus: busy.result },
        onlineStatus: online.onlineStatus,
        carrying: online.carrying,
        busyStatus: busy.busyStatus,
    });
    const flow = flowRule(env, {});
    const scSetup = scSetupRule(env, {});
    const queueMembers = queueMembersRule(env, { deps: { omniChannel, queue }, queue: queueOutcome.queue });
    const agentApps = agentAppsRule(env, { deps: { omniChannel } });
    const results = [
        apiAccess,
        permissions,
        omniChannel,
        channel.result,
        routing.result,
        queue,
        online.result,
        busy.result,
        presence.result,
        profileAccess,
        flow,
        scSetup,
        queueMembers,
        agentApps,
    ].map((result) => withRecordStep(result, snapshot));
    return {
        results,
        settled: {
            queue: queueOutcome.queue,
            channel: channel.channel,
            presenceConfig: presence.presenceConfig,
            onlineStatus: online.onlineStatus,
            carryingStatuses: online.carrying,
            busyStatus: busy.busyStatus,
        },
    };
}
