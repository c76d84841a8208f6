/**
 * The rules' order is checked by types (tsc over this file: `npm run typecheck`) and by these tests: every item's
 * dependencies come before it, and a rule's input names exactly the items that block it.
 */
import { runRules, DEPENDENCIES } from '../rules';
import { queueRule } from '../ruleQueue';
import { finish, type Deps, type ItemResult } from '../ruleKit';
import { reason } from '../reasons';
import { ITEM_IDS } from '../types';
import { omniOrg } from './fixtures';

const passing: ItemResult = finish('omniChannel', {}, { status: 'pass', reason: reason('item.omniChannel.enabled') });

describe('rule order', () => {
    it('runs the rules in checklist order', () => {
        expect(runRules(omniOrg()).map((r) => r.id)).toEqual([...ITEM_IDS]);
    });

    it('lists every dependency before the item that needs it', () => {
        const late = ITEM_IDS.flatMap((id, index) =>
            (DEPENDENCIES[id] as readonly string[])
                .filter((dep) => ITEM_IDS.indexOf(dep as (typeof ITEM_IDS)[number]) >= index)
                .map((dep) => `${id} needs ${dep}`)
        );
        expect(late).toEqual([]);
    });

    it('types a rule input with exactly its blocking items', () => {
        const deps: Deps<'queue'> = { omniChannel: passing, routingConfig: passing };
        // @ts-expect-error the queue is blocked by the routing configuration too: an input without it does not compile
        const missing: Deps<'queue'> = { omniChannel: passing };
        expect(Object.keys(deps)).toEqual([...DEPENDENCIES.queue]);
        expect(Object.keys(missing)).toEqual(['omniChannel']);
    });

    it('blocks an item whose dependency fails, from the results it is given', () => {
        const failing = finish(
            'routingConfig',
            { omniChannel: passing },
            {
                status: 'fail',
                reason: reason('item.routingConfig.missing', { name: 'SimplyChat' }),
            }
        );
        const { result } = queueRule(
            { snapshot: omniOrg(), choices: omniOrg().choices },
            { deps: { omniChannel: passing, routingConfig: failing }, routingConfig: null }
        );
        expect(result.status).toBe('blocked');
        expect(result.blockedBy).toEqual(['routingConfig']);
    });
});
