import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { evaluate, plan } from '../../force-app/main/default/lwc/setupEngine/setupEngine';
import { benchOrg, TARGET_MS, timeEngine } from '../bench-engine';

describe('npm run bench (engine benchmark)', () => {
    it('builds a large org the engine can evaluate: every profile sits in another configuration', () => {
        const s = benchOrg(1000);
        assert.equal(s.profiles.status === 'read' && s.profiles.records.length, 1000);
        const presence = evaluate(s).find((i) => i.id === 'presenceConfig');
        assert.equal(presence?.status, 'warning');
        const grants = plan(s, 'all').flatMap((op) => (op.kind === 'grantStatusAccess' ? [op.grants.length] : []));
        assert.ok(grants.length >= 10, `expected many grant batches, got ${grants.length}`);
        assert.ok(Math.max(...grants) <= 10, 'grants come in batches of at most ten profiles');
    });

    it('stays well within the target on 1,000 profiles (a guard against quadratic rules)', () => {
        const ms = timeEngine(benchOrg(1000), 5);
        assert.ok(ms < TARGET_MS * 3, `evaluate + plan took ${ms.toFixed(1)} ms`);
    });
});
