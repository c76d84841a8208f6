/** Item 2: the running user's permissions. Reads the snapshot's user permissions only. */
import { finish, type Deps, type ItemResult, type RuleEnv } from './ruleKit';
import { reason } from './reasons';
import type { Detail, UserPermissions } from './types';

/** Permissions a fix needs that the user lacks (Customize Application and Modify Metadata or Modify All Data). */
export function missingFixPermissions(p: UserPermissions): (keyof UserPermissions)[] {
    const missing: (keyof UserPermissions)[] = [];
    if (!p.viewSetup) missing.push('viewSetup');
    if (!p.customizeApplication) missing.push('customizeApplication');
    if (!p.modifyMetadata && !p.modifyAllData) missing.push('modifyMetadata');
    return missing;
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
    if (!p.manageUsers) {
        return finish('permissions', deps, {
            status: 'pass',
            reason: reason('item.permissions.canFixExceptQueues'),
            details: [{ kind: 'missingPermission', permission: 'manageUsers' }],
        });
    }
    return finish('permissions', deps, { status: 'pass', reason: reason('item.permissions.canFix') });
}
