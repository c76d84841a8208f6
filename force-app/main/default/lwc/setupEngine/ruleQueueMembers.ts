/**
 * Item 13: the active users of the agent profiles are members of the SimplyChat queue (directly, through a public
 * group, a role, a role and its subordinates, or all internal users). Issue 15: the rule is being written; until
 * then the item says it is not checked.
 */
import { finish, type Deps, type ItemResult, type RuleEnv } from './ruleKit';
import { reason } from './reasons';

export interface QueueMembersInput {
    readonly deps: Deps<'queueMembers'>;
}

export function queueMembersRule(_env: RuleEnv, input: QueueMembersInput): ItemResult {
    return finish('queueMembers', input.deps, { status: 'unknown', reason: reason('item.queueMembers.notChecked') });
}
