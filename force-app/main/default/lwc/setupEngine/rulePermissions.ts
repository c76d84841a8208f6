/** Item 2: the running user's permissions. Reads the snapshot's user permissions only. */
import { FIX_PERMISSIONS, OPERATION_PERMISSIONS, PERMISSION_REFUSALS } from './contract';
import { finish, type Deps, type ItemResult, type RuleEnv } from './ruleKit';
import { reason } from './reasons';
import type { Detail, Operation, Reason, UserPermissions } from './types';

/**
 * Permissions a fix needs that the user lacks, one per group of the contract's `permissions.fix` (View Setup,
 * Customize Application, and Modify Metadata or Modify All Data): the first of each group none of whose
 * permissions the user has.
 */
export function missingFixPermissions(p: UserPermissions): (keyof UserPermissions)[] {
    return FIX_PERMISSIONS.filter((group) => !group.some((name) => p[name])).map((group) => group[0]);
}

/**
 * Why the server refuses this operation for a user with these permissions beyond the fix permissions (for example
 * Manage Users for queues), or null when it accepts it: the contract's per-kind `permissions`, which the Apex
 * controller and the CLI read too, so nothing is offered that the server refuses.
 */
export function operationRefusal(kind: Operation['kind'], p: UserPermissions): Reason | null {
    const needed: readonly (keyof typeof PERMISSION_REFUSALS)[] = OPERATION_PERMISSIONS[kind];
    const missing = needed.find((name) => !p[name]);
    return missing ? reason(`fix.${PERMISSION_REFUSALS[missing]}`) : null;
}

export function permissionsRule(env: RuleEnv, deps: Deps<'permissions'>): ItemResult {
    const p = env.snapshot.user.permissions;
    const missing = missingFixPermissions(p);
    const details: Detail[] = missing.map((permission) => ({ kind: 'missingPermission', permission }));
    const noFixReason = reason('fix.grantPermissions');
    if (!p.viewSetup) {
        return finish('permissions', deps, {
            status: 'fail',
            reason: reason('item.permissions.cannotRead'),
            details,
            noFixReason,
        });
    }
    if (missing.length > 0) {
        return finish('permissions', deps, {
            status: 'warning',
            reason: reason('item.permissions.readOnly'),
            details,
            noFixReason,
        });
    }
    // Permissions only some kinds need (the contract's per-kind `permissions`): the items they fix say so.
    const extras = [...new Set(Object.values(OPERATION_PERMISSIONS).flat())].filter((name) => !p[name]);
    if (extras.length > 0) {
        return finish('permissions', deps, {
            status: 'pass',
            reason: reason(
                extras.length === 1 && extras[0] === 'manageUsers'
                    ? 'item.permissions.canFixExceptQueues'
                    : 'item.permissions.canFixExcept'
            ),
            details: extras.map((permission) => ({ kind: 'missingPermission', permission })),
        });
    }
    return finish('permissions', deps, { status: 'pass', reason: reason('item.permissions.canFix') });
}
