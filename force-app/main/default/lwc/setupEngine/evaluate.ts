import { OPERATION_NEEDS_API } from './contract';
import { waitingForConnection } from './plan';
import { missingFixPermissions, operationRefusal, runRules, type ItemResult } from './rules';
import { reason } from './reasons';
import type { ChecklistItem, FixAvailability, Operation, OrgSnapshot, SetupChoices } from './types';
import { operationWrites, recordRefusal } from './writes';

/**
 * Whether an operation needs the API connection: a kind the contract marks, unless its changes go by records (DML in
 * the user's own session needs no callout; Apex's executor runs them without the connection by the same rule).
 */
export function operationNeedsApi(op: Operation): boolean {
    return OPERATION_NEEDS_API.includes(op.kind) && operationWrites(op).route !== 'records';
}

export function fixAvailability(result: ItemResult, snapshot: OrgSnapshot): FixAvailability {
    const no = (r: FixAvailability & { available: false }): FixAvailability => r;
    if (result.status === 'pass') return no({ available: false, reason: reason('fix.notNeeded') });
    if (result.status === 'blocked')
        return no({ available: false, reason: reason('fix.blocked', { items: result.blockedBy.join(',') }) });
    if (result.status === 'unknown' && result.ops.length === 0) {
        return no({ available: false, reason: result.noFixReason ?? reason('fix.unknown') });
    }
    if (result.ops.length === 0) return no({ available: false, reason: result.noFixReason ?? reason('fix.unknown') });
    const permissions = snapshot.user.permissions;
    if (missingFixPermissions(permissions).length > 0) return no({ available: false, reason: reason('fix.readOnly') });
    // Permissions some kinds need besides (Manage Users for queues, Manage Profiles for status access): the contract's.
    for (const op of result.ops) {
        const refusal = operationRefusal(op.kind, permissions);
        if (refusal) return no({ available: false, reason: refusal });
    }
    // Rows the load's probe says this user may not write: a guided manual step (the item's details), never a run.
    for (const op of result.ops) {
        const refused = recordRefusal(op, snapshot);
        if (refused) return no({ available: false, reason: refused });
    }
    if (result.ops.some((op) => operationNeedsApi(op)) && snapshot.apiAccess.connection !== 'ok') {
        return no({ available: false, reason: reason('fix.needsApi') });
    }
    return { available: true };
}

/** The checklist: one item per rule, in order, with status, reason, details and whether this user can fix it. */
export function evaluate(snapshot: OrgSnapshot, choices: SetupChoices = snapshot.choices): ChecklistItem[] {
    const items = runRules(snapshot, choices).map((result, index): ChecklistItem => ({
        id: result.id,
        order: index + 1,
        status: result.status,
        reason: result.reason,
        details: result.details,
        blockedBy: result.blockedBy,
        fix: fixAvailability(result, snapshot),
        needs: result.needs,
    }));
    if (snapshot.apiAccess.connection === 'ok') return items;
    // Without the connection, item 1 blocks every change that needs it: it says how many, and a connection known
    // to be missing or broken needs a fix rather than a review (an untested one stays unknown).
    const wait = waitingForConnection(snapshot, choices);
    if (wait.changes === 0) return items;
    return items.map((item): ChecklistItem => {
        if (item.id !== 'apiAccess' || item.status === 'pass') return item;
        return {
            ...item,
            status: item.status === 'warning' ? 'fail' : item.status,
            fix: {
                available: false,
                reason: reason('fix.apiBlocks', { count: wait.changes, items: wait.items.join(',') }),
            },
        };
    });
}
