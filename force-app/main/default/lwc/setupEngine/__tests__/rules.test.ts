/**
 * The rules' order is checked by types (tsc over this file: `npm run typecheck`) and by these tests: every item's
 * dependencies come before it, and a rule's input names exactly the items that block it.
 */
import { runRules, DEPENDENCIES } from '../rules';
import { queueRule } from '../ruleQueue';
import { finish, type Deps, type ItemResult } from '../ruleKit';
import { reason } from '../reasons';
import { ITEM_IDS } from '../types';
import { evaluate } from '../evaluate';
import { plan } from '../plan';
import { omniOrg, partlySetUpOrg } from './fixtures';

const passing: ItemResult = finish('omniChannel', {}, { status: 'pass', reason: reason('item.omniChannel.enabled') });

describe('rule order', () => {
    it('runs the rules in checklist order', () => {
        expect(runRules(omniOrg()).map((r) => r.id)).toEqual([...ITEM_IDS]);
    });

    it('runs once per snapshot and choices: evaluate and plan share the run, new choices or a new snapshot run again', () => {
        const org = partlySetUpOrg();
        expect(runRules(org)).toBe(runRules(org));
        expect(plan(org, 'all')).toEqual(plan(JSON.parse(JSON.stringify(org)), 'all'));
        const capacity = org.choices.capacity === 7 ? 8 : 7;
        const other = { ...org.choices, capacity };
        expect(runRules(org, other)).not.toBe(runRules(org));
        const capacityOps = (ops: ReturnType<typeof plan>) =>
            ops.flatMap((op) => (op.kind === 'setCapacity' || op.kind === 'createPresenceConfig' ? [op.capacity] : []));
        expect(capacityOps(plan(org, 'all', other))).toEqual([capacity]);
        expect(capacityOps(plan({ ...org, choices: other }, 'all'))).toEqual([capacity]);
        const before = evaluate(org).find((i) => i.id === 'presenceConfig')?.status;
        const emptied = { ...org, presenceConfigs: { status: 'read' as const, records: [] } };
        expect(evaluate(emptied).find((i) => i.id === 'presenceConfig')?.status).toBe('fail');
        expect(evaluate(org).find((i) => i.id === 'presenceConfig')?.status).toBe(before);
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
