/** Item 1: the API connection used for fixes. Reads the snapshot's apiAccess only. */
import { finish, type Deps, type ItemResult, type RuleEnv } from './ruleKit';
import type { Reason } from './types';
import { reason } from './reasons';

export function apiAccessRule(env: RuleEnv, deps: Deps<'apiAccess'>): ItemResult {
    const api = env.snapshot.apiAccess;
    const steps = reason('fix.apiSetupSteps');
    /** Every state but a working connection: the reason says what is wrong, the steps say how to set it up. */
    const notWorking = (status: 'warning' | 'unknown', why: Reason): ItemResult =>
        finish('apiAccess', deps, { status, reason: why, noFixReason: steps });
    if (api.connectionSetup === 'missing') return notWorking('warning', reason('item.apiAccess.notConfigured'));
    switch (api.connection) {
        case 'ok':
            return finish('apiAccess', deps, { status: 'pass', reason: reason('item.apiAccess.ok') });
        case 'unauthenticated':
        case 'wrongOrg':
        case 'wrongUser':
            return notWorking('warning', reason(`item.apiAccess.${api.connection}`));
        case 'error':
            return notWorking(
                'warning',
                reason('item.apiAccess.error', { httpStatus: api.httpStatus ?? 0, message: api.message ?? '' })
            );
        default:
            return notWorking('unknown', reason('item.apiAccess.untested'));
    }
}
