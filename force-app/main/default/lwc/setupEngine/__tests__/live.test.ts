/**
 * The Live view's engine (live.ts) on the preview's shapes: each reason nobody takes waiting chats, the likely next
 * agent by routing model, and what cannot be told (presence under sharing, unreadable rows).
 */
import { liveExitCode, liveRouting, liveTarget, LIVE_REASON_KEYS, type LiveRead } from '../live';
import { settle } from '../settle';
import type { OrgSnapshot } from '../types';
import { fullySetUpOrg, HAND, read } from './fixtures';
import { liveReadOf } from '../../../../../../samples/live';
import labels from '../../../../../../config/labels/setup-labels.json';

const UNREAD = { status: 'unavailable', code: 'queryFailed', message: 'boom' } as const;

function withModel(snapshot: OrgSnapshot, model: string): OrgSnapshot {
    return { ...snapshot, routingConfigs: read([{ ...HAND.routing, RoutingModel: model }]) };
}

describe('liveTarget', () => {
    it('names the queue and channel the checklist settles on, with the routing configuration', () => {
        const target = liveTarget(fullySetUpOrg());
        expect(target.queueId).toBe(HAND.queue.Id);
        expect(target.channelId).toBe(HAND.chatChannel.Id);
        expect(target.routingConfig?.Id).toBe(HAND.routing.Id);
    });

    it('has no queue when no queue supports the chat object', () => {
        const snapshot = { ...fullySetUpOrg(), queueSobjects: read([]) };
        const target = liveTarget(snapshot);
        expect(target.queueId).toBeNull();
        const result = liveRouting(snapshot, liveReadOf(fullySetUpOrg(), 'free'));
        expect(result.state).toBe('notSetUp');
        expect(result.why.map((w) => w.code)).toEqual(['noQueue']);
        expect(result.why[0].fix.itemId).toBe('queue');
    });

    it('takes the queue and channel from settle (one decision): a different settled queue is the one read', () => {
        const other = { ...HAND.queue, Id: '00G5g000000OtherAA', DeveloperName: 'Other_Chats', Name: 'Other Chats' };
        const snapshot: OrgSnapshot = {
            ...fullySetUpOrg(),
            queues: read([HAND.queue, other]),
            queueSobjects: read([
                HAND.queueSobject,
                { ...HAND.queueSobject, Id: '03g5g000000QsobBBB', QueueId: other.Id },
            ]),
        };
        const settled = settle(snapshot);
        expect(liveTarget(snapshot)).toEqual(liveTarget(snapshot, settled));
        expect(liveTarget(snapshot).queueId).toBe(settled.ids.queueId);
        expect(liveTarget(snapshot).channelId).toBe(settled.ids.channelId);
        const pickedOther = { ...settled, ids: { ...settled.ids, queueId: other.Id } };
        const target = liveTarget(snapshot, pickedOther);
        expect(target.queueId).toBe(other.Id);
        expect(target.queueName).toBe('Other Chats');
        const noChannel = { ...settled, ids: { ...settled.ids, channelId: null } };
        expect(liveTarget(snapshot, noChannel).channelId).toBeNull();
    });

    it('a settled queue that does not take the chat object is no live queue (item 6 fixes it)', () => {
        const org = fullySetUpOrg();
        const named = { ...HAND.queue, DeveloperName: org.choices.names.queue.developerName };
        const snapshot: OrgSnapshot = {
            ...org,
            queues: read([named]),
            queueSobjects: read([{ ...HAND.queueSobject, SobjectType: 'Case' }]),
        };
        expect(settle(snapshot).ids.queueId).toBe(HAND.queue.Id);
        expect(liveTarget(snapshot).queueId).toBeNull();
        expect(liveRouting(snapshot, liveReadOf(org, 'free')).state).toBe('notSetUp');
    });
});

describe('liveRouting', () => {
    const snapshot = fullySetUpOrg();

    it('agents online and free: flowing, the likely next one has the most free capacity', () => {
        const result = liveRouting(snapshot, liveReadOf(snapshot, 'free'));
        expect(result.state).toBe('flowing');
        expect(result.waiting).toMatchObject({ count: 6, notReady: 1, oldestSeconds: 260, elsewhere: 0 });
        expect(result.canTake).toBe(2);
        expect(result.agents.slice(0, 2).map((a) => a.free)).toEqual([2, 1]);
        expect(result.next.rule).toBe('MostAvailable');
        expect(result.next.agent?.userId).toBe(result.agents[0].userId);
        expect(result.next.reason.key).toBe('live.next.mostAvailable');
        expect(result.why).toEqual([]);
        expect(liveExitCode(result)).toBe(0);
    });

    it('Least Active: the agent with the fewest active items is likely next', () => {
        const s = withModel(snapshot, 'LeastActive');
        const result = liveRouting(s, liveReadOf(s, 'free'));
        expect(result.next.rule).toBe('LeastActive');
        expect(result.next.agent?.activeItems).toBe(1);
    });

    it('external routing: the next agent cannot be told', () => {
        const s = withModel(snapshot, 'ExternalRouting');
        const result = liveRouting(s, liveReadOf(s, 'free'));
        expect(result.next.agent).toBeNull();
        expect(result.next.reason.key).toBe('live.next.external');
    });

    it('all online agents at capacity: stuck, each agent linked', () => {
        const result = liveRouting(snapshot, liveReadOf(snapshot, 'atCapacity'));
        expect(result.state).toBe('stuck');
        expect(result.why.map((w) => w.code)).toEqual(['allAtCapacity']);
        expect(result.why[0].fix.userIds).toHaveLength(4);
        expect(result.agents.every((a) => a.state === 'atCapacity')).toBe(true);
        expect(result.next.agent).toBeNull();
        expect(liveExitCode(result)).toBe(1);
    });

    it('nobody online with a SimplyChat status: stuck, the user in Away counted elsewhere', () => {
        const result = liveRouting(snapshot, liveReadOf(snapshot, 'nobody'));
        expect(result.state).toBe('stuck');
        expect(result.why.map((w) => w.code)).toEqual(['noneOnline']);
        expect(result.why[0].reason.params).toMatchObject({ waiting: 6, elsewhere: 1 });
        expect(result.onlineElsewhere).toBe(1);
    });

    it('online but not in the queue: stuck, linked to item 13 with the agents', () => {
        const result = liveRouting(snapshot, liveReadOf(snapshot, 'notInQueue'));
        expect(result.state).toBe('stuck');
        expect(result.why.map((w) => w.code)).toEqual(['notInQueue']);
        expect(result.why[0].fix).toMatchObject({ itemId: 'queueMembers' });
        expect(result.why[0].fix.userIds).toHaveLength(3);
        expect(result.agents.every((a) => a.state === 'notInQueue')).toBe(true);
    });

    it('the queue without a routing configuration: stuck even with free agents', () => {
        const s: OrgSnapshot = {
            ...snapshot,
            queues: read([{ ...HAND.queue, QueueRoutingConfigId: null }]),
        };
        const result = liveRouting(s, liveReadOf(snapshot, 'free'));
        expect(result.state).toBe('stuck');
        expect(result.why.map((w) => w.code)).toEqual(['noRoutingConfig']);
        expect(result.why[0].fix.itemId).toBe('queue');
    });

    it('presence under sharing: nobody visible is "presence unknown", never "nobody online" (row 70)', () => {
        const result = liveRouting(snapshot, liveReadOf(snapshot, 'nobody', { seesAll: false }));
        expect(result.state).toBe('unknown');
        expect(result.why.map((w) => w.code)).toEqual(['presenceUnknown']);
        expect(result.why.every((w) => !w.certain)).toBe(true);
        expect(liveExitCode(result)).toBe(1);
    });

    it('presence unreadable: unknown, with the reason', () => {
        const live: LiveRead = { ...liveReadOf(snapshot, 'free'), presence: UNREAD };
        const result = liveRouting(snapshot, live);
        expect(result.state).toBe('unknown');
        expect(result.why.map((w) => w.code)).toEqual(['presenceUnread']);
    });

    it('active work unreadable: agents unknown, never "can take"', () => {
        const live: LiveRead = { ...liveReadOf(snapshot, 'free'), work: UNREAD };
        const result = liveRouting(snapshot, live);
        expect(result.canTake).toBe(0);
        expect(result.state).toBe('unknown');
        expect(result.why.map((w) => w.code)).toEqual(['workUnknown']);
    });

    it('pending work unreadable: unknown', () => {
        const live: LiveRead = { ...liveReadOf(snapshot, 'free'), pending: UNREAD };
        expect(liveRouting(snapshot, live).why.map((w) => w.code)).toEqual(['pendingUnknown']);
    });

    it('no chat waiting: idle, even with nobody online', () => {
        const live: LiveRead = { ...liveReadOf(snapshot, 'nobody'), pending: read([]) };
        const result = liveRouting(snapshot, live);
        expect(result.state).toBe('idle');
        expect(result.why).toEqual([]);
        expect(liveExitCode(result)).toBe(0);
    });

    it('chats of the channel in another queue are counted elsewhere, not as waiting', () => {
        const base = liveReadOf(snapshot, 'atCapacity');
        const rows = base.pending.status === 'read' ? base.pending.records : [];
        const live: LiveRead = { ...base, pending: read(rows.map((r) => ({ ...r, GroupId: '00G5g000000OtherAAA' }))) };
        const result = liveRouting(snapshot, live);
        expect(result.waiting).toMatchObject({ count: 0, elsewhere: 6 });
        expect(result.state).toBe('idle');
    });

    it('percentage capacity: an agent whose work holds 100% cannot take a chat', () => {
        const base = liveReadOf(snapshot, 'free');
        const work = base.work.status === 'read' ? base.work.records : [];
        const live: LiveRead = {
            ...base,
            work: read(work.map((w) => ({ ...w, Weight: 0, Percentage: 100 }))),
        };
        const result = liveRouting(snapshot, live);
        // The two agents without work are the only ones left.
        expect(result.canTake).toBe(0 + result.agents.filter((a) => a.activeItems === 0).length);
        for (const a of result.agents.filter((x) => (x.activeItems ?? 0) > 0)) expect(a.state).toBe('atCapacity');
    });

    it('every key it emits has an English and a Korean label', () => {
        const keys = new Set((labels as unknown as { labels: [string, string, string][] }).labels.map(([k]) => k));
        expect(LIVE_REASON_KEYS.filter((k) => !keys.has(k))).toEqual([]);
    });
});
