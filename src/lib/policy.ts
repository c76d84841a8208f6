/**
 * The CLI's pre-flight of who may fix what: the operations the org would refuse for the user the CLI is logged in
 * as, by the contract's permissions (the engine's operationRefusal, which plan() and the Apex controller follow
 * too). plan() leaves such operations out already; this is the last check before anything is written, so a plan
 * that came from elsewhere never reaches the org half-allowed.
 */
import {
    missingFixPermissions,
    operationRefusal,
    reason,
    type Operation,
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
