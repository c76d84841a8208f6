/**
 * `sf simplychat setup live` end to end against the fake org through oclif: the table and --json for each preview
 * shape (agents free, all at capacity, nobody online, online but not in the queue), exit codes a monitor alerts on,
 * presence under sharing, --watch with a bounded number of rounds, and the queries it sends (200 Ids a query).
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { LiveResult } from '../../force-app/main/default/lwc/setupEngine/setupEngine';
import { liveReadOf, type LiveShape } from '../../samples/live';
import { fullySetUpOrg, HAND, read } from '../../samples/orgs';
import { liveRoute, type LiveRoute } from '../fakeOrg/fakeLive';
import { PluginHarness, type Envelope } from './pluginHarness';

const h = new PluginHarness();
let route: LiveRoute;

interface LiveJson {
    rounds: LiveResult[];
}

function json(text: string): Envelope<LiveJson> {
    return JSON.parse(text) as Envelope<LiveJson>;
}

function shape(s: LiveShape, seesAll = true): void {
    const snapshot = fullySetUpOrg();
    h.reset(snapshot);
    route = liveRoute(liveReadOf(snapshot, s, { now: new Date(), seesAll }));
    h.fake.routes.push(route.route);
}

before(() => h.start(fullySetUpOrg()));
after(() => h.stop());
beforeEach(() => shape('free'));

describe('sf simplychat setup live', () => {
    it('agents online and free: the waiting chats, who can take one, the likely next; exit 0', async () => {
        const run = await h.run(['live', '-o', 'fake']);
        assert.equal(run.code, 0, run.err);
        assert.match(run.out, /6 chats waiting; 2 agents can take one now\./);
        assert.match(run.out, /Chats waiting: 6/);
        assert.match(run.out, /Oldest waiting: 4 min 2\d s/);
        assert.match(run.out, /Not ready for routing: 1/);
        assert.match(run.out, /Likely next: .+ \(Most Available: most free capacity, 2; 0 tied\)/);
        assert.match(run.out, /Agent\s+Status\s+Active chats\s+Capacity in use\s+Can take a chat now/);
        assert.match(run.out, /Can take a chat \(2 free\)/);
        assert.doesNotMatch(run.out, /Why nobody gets them/);
    });

    it('--json carries the engine answer of the round', async () => {
        const run = await h.run(['live', '-o', 'fake', '--json']);
        const result = json(run.out).result?.rounds[0];
        assert.equal(run.code, 0);
        assert.equal(result?.state, 'flowing');
        assert.equal(result?.waiting.count, 6);
        assert.equal(result?.target.queueId, HAND.queue.Id);
        assert.equal(result?.agents.length, 5);
    });

    it('all agents at capacity: why, and exit 1 for a monitor', async () => {
        shape('atCapacity');
        const run = await h.run(['live', '-o', 'fake']);
        assert.equal(run.code, 1);
        assert.match(run.out, /6 chats waiting and no agent can take them\./);
        assert.match(
            run.out,
            /Why nobody gets them\n 1\. All 4 online agents in the queue are at capacity\. \(Presence configuration\)/
        );
    });

    it('nobody online: stuck; without View All the same org is "presence unknown"', async () => {
        shape('nobody');
        let run = await h.run(['live', '-o', 'fake', '--json']);
        assert.equal(run.code, 1);
        assert.deepEqual(
            json(run.out).result?.rounds[0].why.map((w) => w.code),
            ['noneOnline']
        );
        shape('nobody', false);
        run = await h.run(['live', '-o', 'fake']);
        assert.equal(run.code, 1);
        assert.match(run.out, /cannot be checked/);
        assert.match(run.out, /You cannot see every agent's presence/);
        assert.doesNotMatch(run.out, /No agent is online with a SimplyChat status \(/);
    });

    it('online but not in the queue: names item 13', async () => {
        shape('notInQueue');
        const run = await h.run(['live', '-o', 'fake']);
        assert.equal(run.code, 1);
        assert.match(
            run.out,
            / 1\. 3 online agents are not members of the queue Chat Queue\. \(Agents are in the chat queue\)/
        );
    });

    it('no chat waiting: idle, exit 0 even with nobody online', async () => {
        shape('idle');
        const run = await h.run(['live', '-o', 'fake']);
        assert.equal(run.code, 0);
        assert.match(run.out, /No SimplyChat chat is waiting\./);
    });

    it('a refused presence query makes presence unknown, never "nobody online"', async () => {
        shape('nobody');
        route.refuse = { match: /FROM UserServicePresence/, errorCode: 'INSUFFICIENT_ACCESS' };
        const run = await h.run(['live', '-o', 'fake', '--json']);
        const result = json(run.out).result?.rounds[0];
        assert.equal(run.code, 1);
        assert.equal(result?.state, 'unknown');
        assert.deepEqual(
            result?.why.map((w) => w.code),
            ['presenceUnread']
        );
    });

    it('--watch reads again for exactly --rounds rounds (the setup once), the exit code is the last round', async () => {
        await h.stub('simplychat:setup:live', 'pause', () => {
            // The second round: an agent became free.
            route.live = liveReadOf(fullySetUpOrg(), 'free', { now: new Date() });
            return Promise.resolve();
        });
        shape('atCapacity');
        const run = await h.run(['live', '-o', 'fake', '--watch', '5', '--rounds', '3', '--json']);
        const rounds = json(run.out).result?.rounds ?? [];
        assert.equal(rounds.length, 3);
        assert.deepEqual(
            rounds.map((r) => r.state),
            ['stuck', 'flowing', 'flowing']
        );
        assert.equal(run.code, 0);
        assert.equal(route.queries.filter((q) => q.includes('FROM PendingServiceRouting')).length, 3);
        assert.equal(
            h.fake.received.filter((r) => r.soql.includes('RelatedEntity FROM ServiceChannel')).length,
            1,
            'the setup is read once'
        );
    });

    it('--rounds without --watch, or a bound out of range, is a usage error and reads nothing live', async () => {
        for (const argv of [
            ['--rounds', '3'],
            ['--watch', '0'],
            ['--watch', '5', '--rounds', '1001'],
        ]) {
            const run = await h.run(['live', '-o', 'fake', ...argv]);
            assert.equal(run.code, 2, argv.join(' '));
        }
        assert.equal(route.queries.length, 0);
    });

    it('sends the online users 200 Ids a query', async () => {
        const snapshot = fullySetUpOrg();
        const base = liveReadOf(snapshot, 'free');
        const presence = Array.from({ length: 450 }, (_, i) => ({
            UserId: `0055g0Live${String(i).padStart(5, '0')}AAA`,
            ServicePresenceStatusId: HAND.available.Id,
            IsAway: false,
            StatusStartDate: null,
            ConfiguredCapacity: 3,
        }));
        route.live = { ...base, presence: read(presence) };
        const run = await h.run(['live', '-o', 'fake', '--json']);
        assert.equal(json(run.out).result?.rounds.length, 1, run.err);
        const userQueries = route.queries.filter((q) =>
            q.startsWith('SELECT Id, Name, ProfileId, UserRoleId FROM User')
        );
        const workQueries = route.queries.filter((q) => q.includes('FROM AgentWork'));
        assert.equal(userQueries.length, 3);
        assert.equal(workQueries.length, 3);
    });
});
