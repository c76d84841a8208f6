/**
 * Laws of the Live view's engine (live.ts), property-based (fast-check) over generated live reads of the fully set
 * up org (agents members of the queue or not, online in a SimplyChat status, Away or another status, with any load,
 * rows unreadable or under sharing):
 *  1. no agent who is offline, away, at capacity or outside the queue is ever named as able to take a chat or as
 *     likely next;
 *  2. an empty queue is never stuck (idle);
 *  3. stuck ⇔ chats wait, nobody can take them and a certain reason says why; flowing ⇒ someone can take one;
 *  4. without seeing every presence row, "nobody online" is never said (row 70);
 *  5. the answer does not depend on the order of the rows, and the inputs are never mutated;
 *  6. the likely next agent has the most free capacity (Most Available) or the fewest active items (Least Active).
 */
import fc from 'fast-check';
import { liveRouting, liveTarget, type LiveRead } from '../live';
import { membershipOf, resolveMembership } from '../membership';
import type { OrgSnapshot, Part } from '../types';
import { fullySetUpOrg, HAND, read } from './fixtures';
import { agentUsersOf } from '../../../../../../samples/agents';
import { waitingChats } from '../../../../../../samples/live';

const UNREAD = { status: 'unavailable', code: 'queryFailed', message: 'boom' } as const;
const OTHER_STATUS = '0N55g00000OtherAAA';

interface AgentShape {
    user: number;
    outsider: boolean;
    status: 'available' | 'away' | 'other';
    isAway: boolean;
    capacity: number | null;
    items: number;
    percentage: number;
}

interface Shape {
    agents: AgentShape[];
    waiting: number;
    elsewhere: number;
    seesAll: boolean;
    presenceRead: boolean;
    workRead: boolean;
    usersRead: boolean;
    routing: 'MostAvailable' | 'LeastActive' | 'ExternalRouting' | 'none';
    weight: number;
}

const shapeArb: fc.Arbitrary<Shape> = fc.record({
    agents: fc.array(
        fc.record({
            user: fc.integer({ min: 0, max: 30 }),
            outsider: fc.constantFrom(false, false, false, true),
            status: fc.constantFrom('available', 'available', 'available', 'away', 'other'),
            isAway: fc.constantFrom(false, false, false, true),
            capacity: fc.option(fc.integer({ min: 0, max: 5 })),
            items: fc.integer({ min: 0, max: 5 }),
            percentage: fc.constantFrom(0, 0, 50, 100),
        }) as fc.Arbitrary<AgentShape>,
        { maxLength: 12 }
    ),
    waiting: fc.integer({ min: 0, max: 5 }),
    elsewhere: fc.integer({ min: 0, max: 2 }),
    seesAll: fc.boolean(),
    presenceRead: fc.constantFrom(true, true, true, true, false),
    workRead: fc.constantFrom(true, true, true, true, false),
    usersRead: fc.constantFrom(true, true, true, true, false),
    routing: fc.constantFrom('MostAvailable', 'LeastActive', 'ExternalRouting', 'none'),
    weight: fc.constantFrom(1, 2),
});

const BASE = fullySetUpOrg();
const USERS = agentUsersOf(BASE);
const NOW = new Date('2026-11-25T09:00:00.000Z');

function build(shape: Shape): { snapshot: OrgSnapshot; live: LiveRead } {
    const snapshot: OrgSnapshot =
        shape.routing === 'none'
            ? { ...BASE, queues: read([{ ...HAND.queue, QueueRoutingConfigId: null }]) }
            : {
                  ...BASE,
                  routingConfigs: read([
                      { ...HAND.routing, RoutingModel: shape.routing, CapacityWeight: shape.weight },
                  ]),
              };
    const target = liveTarget(snapshot);
    const seen = new Set<string>();
    const agents = shape.agents.filter((a) => {
        const key = `${a.user}:${a.outsider}`;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
    });
    const users = agents.map((a) => {
        const u = USERS[a.user % USERS.length];
        return a.outsider
            ? {
                  Id: `0055g0Out${String(a.user).padStart(6, '0')}AAA`,
                  Name: `Out ${a.user}`,
                  ProfileId: u.ProfileId,
                  UserRoleId: null,
              }
            : { Id: u.Id, Name: u.Name, ProfileId: u.ProfileId, UserRoleId: u.UserRoleId };
    });
    const statusOf = { available: HAND.available.Id, away: HAND.away.Id, other: OTHER_STATUS };
    const pending = [
        ...waitingChats(HAND.queue.Id, HAND.chatChannel.Id, shape.waiting, NOW),
        ...waitingChats('00G5g000000OtherAAA', HAND.chatChannel.Id, shape.elsewhere, NOW).map((r, i) => ({
            ...r,
            Id: `0JR5g00000Else${i}AAA`,
        })),
    ];
    const live: LiveRead = {
        readAt: NOW.toISOString(),
        queueId: target.queueId,
        channelId: target.channelId,
        pending: read(pending),
        pendingMore: false,
        presence: shape.presenceRead
            ? read(
                  agents.map((a, i) => ({
                      UserId: users[i].Id,
                      ServicePresenceStatusId: statusOf[a.status],
                      IsAway: a.isAway,
                      StatusStartDate: NOW.toISOString(),
                      ConfiguredCapacity: a.capacity,
                  }))
              )
            : UNREAD,
        presenceSeesAll: shape.seesAll,
        users: shape.usersRead ? read(users) : UNREAD,
        work: shape.workRead
            ? read(
                  agents
                      .map((a, i) => ({
                          UserId: users[i].Id,
                          Items: a.items,
                          Weight: a.items,
                          Percentage: a.percentage,
                      }))
                      .filter((w) => w.Items > 0 || w.Percentage > 0)
              )
            : UNREAD,
    };
    return { snapshot, live };
}

function records<T>(part: Part<T>): readonly T[] {
    return part.status === 'read' ? part.records : [];
}

const RUNS = { numRuns: 300 };

describe('live laws', () => {
    it('1. never names an agent who is offline, away, at capacity or outside the queue', () => {
        fc.assert(
            fc.property(shapeArb, (shape) => {
                const { snapshot, live } = build(shape);
                const result = liveRouting(snapshot, live);
                const presence = new Map(records(live.presence).map((p) => [p.UserId, p]));
                const work = new Map(records(live.work).map((w) => [w.UserId, w]));
                const users = new Map(records(live.users).map((u) => [u.Id, u]));
                const membership = records(snapshot.queueMembership ?? read([]))[0];
                const resolved = resolveMembership(membership);
                const named = result.agents.filter((a) => a.state === 'canTake');
                if (result.next.agent) named.push(result.next.agent);
                for (const agent of named) {
                    const row = presence.get(agent.userId);
                    expect(row).toBeDefined();
                    expect(row?.ServicePresenceStatusId).toBe(HAND.available.Id);
                    expect(row?.IsAway).toBe(false);
                    const user = users.get(agent.userId);
                    expect(user).toBeDefined();
                    expect(user && membershipOf(resolved, user)).toBeTruthy();
                    const capacity = row?.ConfiguredCapacity ?? null;
                    expect(capacity).not.toBeNull();
                    const w = work.get(agent.userId) ?? { Weight: 0, Percentage: 0 };
                    const used = w.Weight + (w.Percentage * (capacity ?? 0)) / 100;
                    expect((capacity ?? 0) - used).toBeGreaterThanOrEqual(
                        (shape.routing === 'none' ? 1 : shape.weight) - 1e-9
                    );
                }
            }),
            RUNS
        );
    });

    it('2. an empty queue is never stuck', () => {
        fc.assert(
            fc.property(shapeArb, (shape) => {
                const { snapshot, live } = build({ ...shape, waiting: 0 });
                const result = liveRouting(snapshot, live);
                expect(result.state).toBe('idle');
                expect(result.why).toEqual([]);
            }),
            RUNS
        );
    });

    it('3. stuck ⇔ chats wait, nobody can take them, and a certain reason; flowing ⇒ someone can', () => {
        fc.assert(
            fc.property(shapeArb, (shape) => {
                const { snapshot, live } = build(shape);
                const result = liveRouting(snapshot, live);
                const stuck =
                    (result.waiting.count ?? 0) > 0 &&
                    (result.canTake === 0 || shape.routing === 'none') &&
                    result.why.some((w) => w.certain);
                expect(result.state === 'stuck').toBe(stuck);
                expect(result.state !== 'flowing' || result.canTake > 0).toBe(true);
                expect(!['stuck', 'unknown'].includes(result.state) || result.why.length > 0).toBe(true);
            }),
            RUNS
        );
    });

    it('4. without every presence row, "nobody online" is never said', () => {
        fc.assert(
            fc.property(shapeArb, (shape) => {
                const { snapshot, live } = build({ ...shape, seesAll: false });
                const result = liveRouting(snapshot, live);
                expect(result.why.map((w) => w.code)).not.toContain('noneOnline');
                expect(result.why.filter((w) => w.code !== 'noRoutingConfig' && w.certain)).toEqual([]);
            }),
            RUNS
        );
    });

    it('5. row order does not matter, and inputs are never mutated', () => {
        fc.assert(
            fc.property(shapeArb, (shape) => {
                const { snapshot, live } = build(shape);
                const frozen = JSON.stringify({ snapshot, live });
                const a = liveRouting(snapshot, live);
                expect(JSON.stringify({ snapshot, live })).toBe(frozen);
                const reversed: LiveRead = {
                    ...live,
                    pending: read([...records(live.pending)].reverse()),
                    presence:
                        live.presence.status === 'read' ? read([...live.presence.records].reverse()) : live.presence,
                    work: live.work.status === 'read' ? read([...live.work.records].reverse()) : live.work,
                };
                const b = liveRouting(snapshot, reversed);
                expect(b.state).toBe(a.state);
                expect(b.why).toEqual(a.why);
                expect(b.agents).toEqual(a.agents);
                expect(b.next).toEqual(a.next);
            }),
            RUNS
        );
    });

    it('6. the likely next agent is first by the routing model', () => {
        fc.assert(
            fc.property(shapeArb, (shape) => {
                const { snapshot, live } = build(shape);
                const result = liveRouting(snapshot, live);
                const candidates = result.agents.filter((a) => a.state === 'canTake');
                const next = result.next.agent;
                expect(next !== null || shape.routing === 'ExternalRouting' || candidates.length === 0).toBe(true);
                const beaten = candidates.filter((c) =>
                    shape.routing === 'LeastActive'
                        ? (c.activeItems ?? 0) < (next?.activeItems ?? 0)
                        : (c.free ?? 0) > (next?.free ?? Infinity)
                );
                expect(next === null ? [] : beaten).toEqual([]);
            }),
            RUNS
        );
    });
});
