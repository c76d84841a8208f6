/** Item 3: Omni-Channel enabled. Reads the snapshot's omniEnabled only. */
import { finish, type Deps, type ItemResult, type RuleEnv } from './ruleKit';
import { reason } from './reasons';

export function omniChannelRule(env: RuleEnv, deps: Deps<'omniChannel'>): ItemResult {
    if (env.snapshot.omniEnabled) {
        return finish('omniChannel', deps, { status: 'pass', reason: reason('item.omniChannel.enabled') });
    }
    return finish('omniChannel', deps, {
        status: 'fail',
        reason: reason('item.omniChannel.disabled'),
        needs: ['confirmOrgWide'],
        ops: [{ kind: 'enableOmniChannel', itemId: 'omniChannel', orgWide: true }],
    });
}
