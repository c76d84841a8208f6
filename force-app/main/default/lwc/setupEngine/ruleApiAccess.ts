/** Item 1: the API connection used for fixes. Reads the snapshot's apiAccess only. */
import { finish, type Deps, type ItemResult, type RuleEnv } from './ruleKit';
import { reason } from './reasons';

export function apiAccessRule(env: RuleEnv, deps: Deps<'apiAccess'>): ItemResult {
    const api = env.snapshot.apiAccess;
    const steps = reason('fix.apiSetupSteps');
    if (api.connectionSetup === 'missing') {
        return finish('apiAccess', deps, {
            status: 'warning',
            reason: reason('item.apiAccess.notConfigured'),
            noFixReason: steps,
        });
    }
    switch (api.connection) {
        case 'ok':
            return finish('apiAccess', deps, { status: 'pass', reason: reason('item.apiAccess.ok') });
        case 'unauthenticated':
            return finish('apiAccess', deps, {
                status: 'warning',
                reason: reason('item.apiAccess.unauthenticated'),
                noFixReason: steps,
            });
        case 'wrongOrg':
            return finish('apiAccess', deps, {
                status: 'warning',
                reason: reason('item.apiAccess.wrongOrg'),
                noFixReason: steps,
            });
        case 'wrongUser':
            return finish('apiAccess', deps, {
                status: 'warning',
                reason: reason('item.apiAccess.wrongUser'),
                noFixReason: steps,
            });
        case 'error':
            return finish('apiAccess', deps, {
                status: 'warning',
                reason: reason('item.apiAccess.error', { httpStatus: api.httpStatus ?? 0, message: api.message ?? '' }),
                noFixReason: steps,
            });
        default:
            return finish('apiAccess', deps, {
                status: 'unknown',
                reason: reason('item.apiAccess.untested'),
                noFixReason: steps,
            });
    }
}
