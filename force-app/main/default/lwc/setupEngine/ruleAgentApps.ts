/**
 * Item 14: each agent profile has a Lightning console app whose utility bar holds the Omni-Channel utility.
 * Issue 15: the rule is being written; until then the item says it is not checked.
 */
import { finish, type Deps, type ItemResult, type RuleEnv } from './ruleKit';
import { reason } from './reasons';

export interface AgentAppsInput {
    readonly deps: Deps<'agentApps'>;
}

export function agentAppsRule(_env: RuleEnv, input: AgentAppsInput): ItemResult {
    return finish('agentApps', input.deps, { status: 'unknown', reason: reason('item.agentApps.notChecked') });
}
