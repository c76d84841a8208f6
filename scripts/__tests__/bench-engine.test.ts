import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { agentReadiness, evaluate, liveRouting, plan } from '../../force-app/main/default/lwc/setupEngine/setupEngine';
import {
    agentsBenchOrg,
    agentsLine,
    AGENTS_TARGET_MS,
    benchOrg,
    cpuAgents,
    LIVE_TARGET_MS,
    liveBenchOrg,
    TARGET_MS,
    timeEngine,
} from '../bench-engine';

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

    it('times evaluate + plan as a figure against its target, never as a limit in a test', () => {
        const ms = timeEngine(benchOrg(10), 1);
        assert.ok(Number.isFinite(ms) && ms >= 0);
        assert.ok(TARGET_MS > 0);
    });

    it('builds 10,000 agent users whose readiness covers every way of membership and both verdicts', () => {
        const bench = agentsBenchOrg();
        assert.equal(bench.users.length, 10_000);
        const rows = agentReadiness(bench.snapshot, bench.users, bench.presence);
        assert.equal(rows.length, 10_000);
        const statuses = new Set(rows.map((r) => r.status));
        assert.ok(statuses.has('ready') && statuses.has('notReady'), [...statuses].join(','));
        const ways = new Set(rows.map((r) => (r.queue && r.queue !== 'unknown' ? r.queue.how : String(r.queue))));
        for (const way of ['user', 'publicGroup', 'roleAndSubordinates', 'null']) assert.ok(ways.has(way), way);
        const through = new Set(rows.flatMap((r) => r.onlineStatuses.map((s) => s.through)));
        assert.ok(through.has('profile') && through.size > 1, 'access through profiles and permission sets');
    });

    it('prints the agents figure against its target, as a figure (never asserted on time)', () => {
        assert.equal(AGENTS_TARGET_MS, 100);
        assert.equal(agentsLine(10_000, 42.5), '  10,000 agents      42.50 ms   (target < 100 ms)');
        assert.ok(cpuAgents(agentsBenchOrg(100, 10), 3) >= 0);
    });

    it('builds the live benchmark: 10,000 agents online, 1,000 chats waiting in a routed queue (time printed only)', () => {
        const bench = liveBenchOrg();
        const result = liveRouting(bench.snapshot, bench.live);
        assert.ok(result.target.queueId && result.target.channelId, 'the engine finds the queue and the channel');
        assert.equal(result.waiting.count, 1000);
        assert.equal(result.agents.length, 10_000);
        assert.equal(result.state, 'flowing');
        assert.ok(result.canTake > 0 && result.canTake < 10_000, String(result.canTake));
        assert.equal(LIVE_TARGET_MS, 50);
    });
});
