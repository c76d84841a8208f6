/**
 * The CLI's pre-flight of who may fix what: the operations the org would refuse for the user the CLI is logged in
 * as, by the contract's permissions (the engine's operationRefusal, which plan() and the Apex controller follow
 * too). plan() leaves such operations out already; this is the last check before anything is written, so a plan
 * that came from elsewhere never reaches the org half-allowed.
 */
import {
    missingFixPermissions,
    operationRefusal,
    PERMISSION_REFUSALS,
    plan,
    reason,
    type Operation,
    type OrgSnapshot,
    type Reason,
    type UserPermissions,
} from './engine.js';

export interface Refusal {
    readonly index: number;
    readonly kind: Operation['kind'];
    readonly reason: Reason;
}

/** Each operation this user may not run, with the reason the tab would show. */
export function refusedOperations(ops: readonly Operation[], permissions: UserPermissions): Refusal[] {
    const readOnly = missingFixPermissions(permissions).length > 0;
    return ops.flatMap((op, index) => {
        const refusal = readOnly ? reason('fix.readOnly') : operationRefusal(op.kind, permissions);
        return refusal ? [{ index, kind: op.kind, reason: refusal }] : [];
    });
}

/** A change plan() left out for this user, and the permission it needs (the tab's refusal text). */
export interface Withheld {
    readonly operation: Operation;
    readonly reason: Reason;
}

/**
 * The changes plan() leaves out only because this user lacks a permission some kinds need (the contract's
 * OPERATION_PERMISSIONS: Manage Users, Manage Profiles and Permission Sets): the engine's plan of the same org for
 * the same user with those permissions, less what this user may run. A user who may fix nothing gets none here
 * (the permissions item says so).
 */
export function withheldOperations(snapshot: OrgSnapshot): Withheld[] {
    const permissions = snapshot.user.permissions;
    if (missingFixPermissions(permissions).length > 0) return [];
    const extras = Object.fromEntries(Object.keys(PERMISSION_REFUSALS).map((name) => [name, true]));
    const granted: OrgSnapshot = {
        ...snapshot,
        user: { ...snapshot.user, permissions: { ...permissions, ...extras } },
    };
    return plan(granted, 'all').flatMap((operation) => {
        const refusal = operationRefusal(operation.kind, permissions);
        return refusal ? [{ operation, reason: refusal }] : [];
    });
}
