import { fixAvailability } from './evaluate';
import { DEPENDENCIES, runRules } from './rules';
import { reason } from './reasons';
import { ChoicesInvalidError, validateChoices } from './validate';
import type { ItemId, Operation, OrgSnapshot, Reason, SetupChoices } from './types';

/**
 * The operations that fix the given items (or all), in dependency order: an item's failing prerequisites are
 * fixed first, so a blocked item can be planned too. Passing items contribute nothing, so a plan is empty once
 * everything passes. The plan respects the user's permissions and the API connection: an item this user cannot
 * fix contributes nothing, nor does an item whose failing prerequisite is left out, so every caller (tab, CLI)
 * gets the same answer. Throws ChoicesInvalidError when the choices are invalid; nothing is planned then.
 */
export function plan(
    snapshot: OrgSnapshot,
    itemIds: readonly ItemId[] | 'all',
    choices: SetupChoices = snapshot.choices
): Operation[] {
    const errors = validateChoices(choices, snapshot);
    if (errors.length > 0) throw new ChoicesInvalidError(errors);
    const results = runRules(snapshot, choices);
    const byId = new Map(results.map((r) => [r.id, r]));
    const statusOf = new Map(results.map((r) => [r.id, r.status]));
    const selected = new Set<ItemId>();
    const add = (id: ItemId): void => {
        if (selected.has(id)) return;
        selected.add(id);
        // An item with nothing to do (passing, or no fix exists) needs none of its prerequisites fixed.
        if (byId.get(id)?.ops.length === 0) return;
        for (const dep of DEPENDENCIES[id]) {
            const status = statusOf.get(dep);
            if (status !== 'pass' && status !== 'warning') add(dep);
        }
    };
    for (const result of results) if (itemIds === 'all' || itemIds.includes(result.id)) add(result.id);
    // Results come in checklist order, prerequisites first: an item stays only if this user may run its fix and
    // every failing prerequisite stays too.
    const planned = new Set<ItemId>();
    for (const r of results) {
        if (!selected.has(r.id) || r.ops.length === 0) continue;
        if (!permitted(r, snapshot)) continue;
        const depsOk = DEPENDENCIES[r.id].every((dep) => {
            const status = statusOf.get(dep);
            return status === 'pass' || status === 'warning' || planned.has(dep);
        });
        if (depsOk) planned.add(r.id);
    }
    return results.filter((r) => planned.has(r.id)).flatMap((r) => r.ops);
}

/** The changes that wait for the API connection (item 1): planned with a working connection, not planned now. */
export interface ConnectionWait {
    /** How many changes (operations) wait. */
    readonly changes: number;
    /** The items those changes fix, in checklist order. */
    readonly items: readonly ItemId[];
}

/**
 * What Fix all would also do once the API connection works: the plan with the connection taken as working, less
 * the plan now. Nothing waits while the connection works, or while the choices are invalid (nothing is planned).
 */
export function waitingForConnection(snapshot: OrgSnapshot, choices: SetupChoices = snapshot.choices): ConnectionWait {
    if (snapshot.apiAccess.connection === 'ok') return { changes: 0, items: [] };
    const connected: OrgSnapshot = {
        ...snapshot,
        apiAccess: { ...snapshot.apiAccess, connectionSetup: 'present', connection: 'ok' },
    };
    try {
        const now = plan(snapshot, 'all', choices);
        const then = plan(connected, 'all', choices);
        const changes = Math.max(0, then.length - now.length);
        const nowItems = new Set(now.map((op) => op.itemId));
        const items: ItemId[] = [];
        for (const op of then) if (!nowItems.has(op.itemId) && !items.includes(op.itemId)) items.push(op.itemId);
        return { changes, items };
    } catch (error) {
        if (error instanceof ChoicesInvalidError) return { changes: 0, items: [] };
        throw error;
    }
}

/** Whether this user may run the item's fix: permissions and API connection, as the checklist says. */
function permitted(result: Parameters<typeof fixAvailability>[0], snapshot: OrgSnapshot): boolean {
    const asIfUnblocked = { ...result, status: result.status === 'blocked' ? 'fail' : result.status } as const;
    return fixAvailability(asIfUnblocked, snapshot).available;
}

/** A sentence for the plan dialog: a label key and its parameters. */
export function describeOperation(op: Operation): Reason {
    switch (op.kind) {
        case 'enableOmniChannel':
            return reason('op.enableOmniChannel');
        case 'createServiceChannel':
            return reason('op.createServiceChannel', {
                name: op.label,
                developerName: op.developerName,
                object: op.relatedEntityType,
            });
        case 'upsertRoutingConfig':
            return op.existingId
                ? reason('op.updateRoutingConfig', {
                      name: op.label,
                      changes: op.changes.map((c) => `${c.field}: ${c.from || '—'} → ${c.to || '—'}`).join('; '),
                  })
                : reason('op.createRoutingConfig', {
                      name: op.label,
                      priority: op.routingPriority,
                      model: op.routingModel,
                      units: op.capacityWeight,
                  });
        case 'upsertQueue':
            if (op.existingId && op.addSobjectTypes.length === 0) {
                return reason('op.relinkQueue', { name: op.label, routing: op.routingConfigDeveloperName });
            }
            return op.existingId
                ? reason('op.updateQueue', {
                      name: op.label,
                      routing: op.routingConfigDeveloperName,
                      objects: op.addSobjectTypes.join(', '),
                  })
                : reason('op.createQueue', {
                      name: op.label,
                      routing: op.routingConfigDeveloperName,
                      objects: op.addSobjectTypes.join(', '),
                  });
        case 'createPresenceStatus':
            if (op.channelDeveloperNames.length === 0) {
                return reason('op.createBusyStatus', { name: op.label, developerName: op.developerName });
            }
            return reason('op.createPresenceStatus', {
                name: op.label,
                developerName: op.developerName,
                channels: op.channelDeveloperNames.join(', '),
                count: op.channelDeveloperNames.length,
            });
        case 'addChannelToStatus':
            return reason('op.addChannelToStatus', {
                status: op.statusDeveloperName,
                channel: op.channelDeveloperName,
            });
        case 'createPresenceConfig':
            return reason('op.createPresenceConfig', {
                name: op.label,
                capacity: op.capacity,
                profiles: op.profiles.map((p) => p.profileName).join(', '),
                count: op.profiles.length,
            });
        case 'setCapacity':
            return reason('op.setCapacity', { name: op.configDeveloperName, from: op.from, capacity: op.capacity });
        case 'assignProfilesToConfig':
            return reason('op.assignProfilesToConfig', {
                name: op.configDeveloperName,
                profiles: op.profiles.map((p) => p.profileName).join(', '),
                count: op.profiles.length,
            });
        case 'moveProfilesToConfig':
            return reason('op.moveProfilesToConfig', {
                name: op.configDeveloperName,
                profiles: op.moves.map((m) => `${m.profileName} (${m.fromConfigDeveloperName})`).join(', '),
                count: op.moves.length,
            });
        case 'moveUsersToConfig':
            return reason('op.moveUsersToConfig', {
                name: op.configDeveloperName,
                users: op.moves
                    .map((m) => `${m.profileName} (${m.userCount}, ${m.fromConfigDeveloperName})`)
                    .join(', '),
                count: op.moves.reduce((sum, m) => sum + m.userCount, 0),
            });
        case 'grantStatusAccess':
            return reason('op.grantStatusAccess', {
                profiles: op.grants.map((g) => g.profileName).join(', '),
                statuses: [...new Set(op.grants.flatMap((g) => g.statusDeveloperNames))].join(', '),
                count: op.grants.length,
            });
        case 'upsertAgentPermissionSet':
            return reason(op.existingId === null ? 'op.createAgentPermissionSet' : 'op.updateAgentPermissionSet', {
                name: op.developerName,
                label: op.label,
                statuses: op.statusDeveloperNames.join(', '),
            });
        case 'assignAgentPermissionSet':
            return reason('op.assignAgentPermissionSet', {
                name: op.permissionSetDeveloperName,
                profiles: op.profiles.map((p) => p.profileName).join(', '),
                users: op.profiles.reduce((sum, p) => sum + p.userCount, 0),
                count: op.profiles.length,
            });
        case 'activateFlow':
            return reason('op.activateFlow', { name: op.flowApiName });
        case 'addQueueMembers':
            return op.publicGroupDeveloperName
                ? reason('op.addQueueGroup', { queue: op.queueDeveloperName, group: op.publicGroupDeveloperName })
                : reason('op.addQueueMembers', {
                      queue: op.queueDeveloperName,
                      profiles: op.profiles.map((p) => `${p.profileName} (${p.userCount})`).join(', '),
                      count: op.profiles.reduce((sum, p) => sum + p.userCount, 0),
                  });
        case 'setScSetupDefaults':
            return reason(op.mode === 'create' ? 'op.createScSetupDefaults' : 'op.fillScSetupBlanks', {
                object: op.objectApiName,
                count: Object.keys(op.values).length,
            });
        default:
            throw new Error(`Unknown operation ${(op as { kind: string }).kind}`);
    }
}
