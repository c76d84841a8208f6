/**
 * The Live view's engine: are SimplyChat chats waiting, which agents can take one right now, who likely gets the
 * next one, and why nobody does. Pure: `liveTarget(snapshot)` names what to read (the queue and the channel `settle`
 * picks, the statuses carrying it), the Apex controller or the CLI reads those rows
 * (`LiveRead`), and `liveRouting(snapshot, live)` judges them.
 *
 * Salesforce facts (docs/org-verification.md, "Live"): PendingServiceRouting rows are the work waiting to be routed
 * (GroupId: the queue; IsReadyForRouting; CreatedDate); UserServicePresence rows with IsCurrentState are the users
 * online now, with their ConfiguredCapacity; AgentWork with Status Assigned or Opened is the work that holds an
 * agent's capacity (CapacityWeight units, or CapacityPercentage of the capacity). Presence rows are under sharing:
 * a missing row means "offline" only when the reader sees every row (View All Data, or View All on the object).
 * Most Available routes to the agent with the most free capacity, Least Active to the one with the fewest active
 * items; with external routing the next agent cannot be told.
 */
import { agentContext, type AgentContext } from './agents';
import { membershipOf, type Membership } from './membership';
import { chatQueueIds } from './ruleRoutingConfig';
import { read } from './ruleKit';
import { settle, type Settled } from './settle';
import type { ItemId, OrgSnapshot, Part, QueueRoutingConfigRecord, Reason, SalesforceId } from './types';

/** Every message key the Live view emits (a test checks each has an English and a Korean label). */
export const LIVE_REASON_KEYS = [
    'live.state.idle',
    'live.state.flowing',
    'live.state.stuck',
    'live.state.unknown',
    'live.state.notSetUp',
    'live.why.noRoutingConfig',
    'live.why.noneOnline',
    'live.why.allAtCapacity',
    'live.why.notInQueue',
    'live.why.presenceUnknown',
    'live.why.presenceUnread',
    'live.why.workUnknown',
    'live.why.membershipUnknown',
    'live.why.pendingUnknown',
    'live.why.noQueue',
    'live.why.noChannel',
    'live.agent.canTake',
    'live.agent.away',
    'live.agent.notInQueue',
    'live.agent.atCapacity',
    'live.agent.unknownMembership',
    'live.agent.unknownCapacity',
    'live.next.mostAvailable',
    'live.next.leastActive',
    'live.next.external',
    'live.next.none',
] as const;

export type LiveReasonKey = (typeof LIVE_REASON_KEYS)[number];

function say(key: LiveReasonKey, params: Record<string, string | number> = {}): Reason {
    return { key, params };
}

// ------------------------------------------------------------------------------------------------ what is read

/** PendingServiceRouting: `SELECT Id, GroupId, ServiceChannelId, IsReadyForRouting, IsPushed, CreatedDate`. */
export interface PendingRoutingRecord {
    readonly Id: SalesforceId;
    /** The queue the work waits in (null: routed to an agent directly, not through a queue). */
    readonly GroupId: SalesforceId | null;
    readonly ServiceChannelId: SalesforceId;
    readonly IsReadyForRouting: boolean;
    readonly IsPushed: boolean;
    /** ISO date-time. */
    readonly CreatedDate: string;
}

/** UserServicePresence with IsCurrentState = TRUE: one row per user online now (in any status). */
export interface LivePresenceRecord {
    readonly UserId: SalesforceId;
    readonly ServicePresenceStatusId: SalesforceId;
    readonly IsAway: boolean;
    readonly StatusStartDate: string | null;
    /** The user's configured capacity (null: not reported). */
    readonly ConfiguredCapacity: number | null;
}

/** The online users: `SELECT Id, Name, ProfileId, UserRoleId FROM User WHERE Id IN :userIds`. */
export interface LiveUserRecord {
    readonly Id: SalesforceId;
    readonly Name: string;
    readonly ProfileId: SalesforceId;
    readonly UserRoleId: SalesforceId | null;
}

/** AgentWork with Status Assigned or Opened, aggregated per user (every channel: capacity is shared). */
export interface AgentWorkloadRecord {
    readonly UserId: SalesforceId;
    readonly Items: number;
    /** SUM(CapacityWeight) of those items. */
    readonly Weight: number;
    /** SUM(CapacityPercentage) of those items (percent of the user's capacity). */
    readonly Percentage: number;
}

/** One live read (SetupLiveController.getLive, or the CLI's reader), for the Ids liveTarget named. */
export interface LiveRead {
    /** When the rows were read (ISO date-time). */
    readonly readAt: string;
    readonly queueId: SalesforceId | null;
    readonly channelId: SalesforceId | null;
    /** Pending work of the channel (every queue); `more`: the read stopped at its row budget. */
    readonly pending: Part<PendingRoutingRecord>;
    readonly pendingMore: boolean;
    readonly presence: Part<LivePresenceRecord>;
    /** The reader sees every user's presence row (View All Data, or View All on UserServicePresence). */
    readonly presenceSeesAll: boolean;
    readonly users: Part<LiveUserRecord>;
    readonly work: Part<AgentWorkloadRecord>;
}

// ---------------------------------------------------------------------------------------------- what to read

/** What the live read reads, as the checklist's rules settle it: never decided by Apex or the CLI. */
export interface LiveTarget {
    /** The queue `settle` picks (item 6: a chat-object queue with a routing configuration, ours by name first). */
    readonly queueId: SalesforceId | null;
    readonly queueName: string;
    /** The channel `settle` picks (item 4: routes the chat object, ours by name first). */
    readonly channelId: SalesforceId | null;
    readonly channelName: string;
    /** The queue's routing configuration (null: none, or not readable). */
    readonly routingConfig: QueueRoutingConfigRecord | null;
}

/**
 * The queue and channel `settle` picks (the checklist's own choice, items 4 and 6: no second rule here), with their
 * names and the queue's routing configuration. A settled queue that does not take the chat object holds none of its
 * waiting work, so the live read has no queue then (item 6 fixes it).
 */
export function liveTarget(snapshot: OrgSnapshot, settled: Settled = settle(snapshot)): LiveTarget {
    const { choices } = snapshot;
    const channels = read(snapshot.serviceChannels, 'ServiceChannel');
    const channelId = settled.ids.channelId;
    const channel = channelId && channels.ok ? channels.records.find((c) => c.Id === channelId) : undefined;
    const queues = read(snapshot.queues, 'Group');
    const queueSobjects = read(snapshot.queueSobjects, 'QueueSobject');
    const queueId = settled.ids.queueId;
    const takesChats =
        !!queueId && queueSobjects.ok && chatQueueIds(choices.chatObject, queueSobjects.records).has(queueId);
    const queue = takesChats && queues.ok ? queues.records.find((q) => q.Id === queueId) : undefined;
    const configs = read(snapshot.routingConfigs, 'QueueRoutingConfig');
    const routingConfig =
        queue?.QueueRoutingConfigId && configs.ok
            ? (configs.records.find((c) => c.Id === queue?.QueueRoutingConfigId) ?? null)
            : null;
    return {
        queueId: queue?.Id ?? null,
        queueName: queue?.Name ?? choices.names.queue.label,
        channelId: channel?.Id ?? null,
        channelName: channel?.MasterLabel ?? choices.names.serviceChannel.label,
        routingConfig,
    };
}

// ------------------------------------------------------------------------------------------------ the answer

export type LiveState = 'idle' | 'flowing' | 'stuck' | 'unknown' | 'notSetUp';

/** Why waiting chats reach nobody, in the order the view names them. */
export const LIVE_WHY = [
    'noQueue',
    'noChannel',
    'pendingUnknown',
    'noneOnline',
    'allAtCapacity',
    'notInQueue',
    'noRoutingConfig',
    'presenceUnknown',
    'presenceUnread',
    'membershipUnknown',
    'workUnknown',
] as const;
export type LiveWhy = (typeof LIVE_WHY)[number];

/** Where the admin fixes it: a checklist item, or agent rows of the Agents view. */
export interface LiveFix {
    readonly itemId: ItemId | null;
    readonly userIds: readonly SalesforceId[];
}

export interface LiveWhyLine {
    readonly code: LiveWhy;
    /** true: certain; false: it may be the cause, but the rows to tell were not readable. */
    readonly certain: boolean;
    readonly reason: Reason;
    readonly fix: LiveFix;
}

export type LiveAgentState = 'canTake' | 'away' | 'notInQueue' | 'atCapacity' | 'unknown';

/** An online user whose current status carries the SimplyChat channel. */
export interface LiveAgent {
    readonly userId: SalesforceId;
    readonly name: string;
    readonly statusLabel: string;
    readonly since: string | null;
    readonly queue: Membership;
    readonly activeItems: number | null;
    /** Capacity in use (units of the configured capacity; percentage work converted), null: not known. */
    readonly used: number | null;
    readonly capacity: number | null;
    readonly free: number | null;
    readonly state: LiveAgentState;
    readonly reason: Reason;
}

export interface LiveWaiting {
    /** Chats waiting in the SimplyChat queue on the SimplyChat channel (null: not readable). */
    readonly count: number | null;
    /** The read stopped at its row budget: at least `count`. */
    readonly more: boolean;
    readonly notReady: number;
    readonly pushed: number;
    readonly oldestSince: string | null;
    readonly oldestSeconds: number | null;
    /** Pending work of the channel waiting elsewhere (another queue, or routed to an agent directly). */
    readonly elsewhere: number;
}

export interface LiveNext {
    readonly rule: 'MostAvailable' | 'LeastActive' | 'other';
    readonly agent: LiveAgent | null;
    /** Other agents tied with the likely next one on the rule's measure. */
    readonly tied: number;
    readonly reason: Reason;
}

export interface LiveResult {
    readonly readAt: string;
    readonly state: LiveState;
    readonly headline: Reason;
    readonly target: LiveTarget;
    readonly waiting: LiveWaiting;
    /** Online agents with a SimplyChat status: those who can take a chat first, in the likely order. */
    readonly agents: readonly LiveAgent[];
    readonly canTake: number;
    /** Users online in a status that does not carry the SimplyChat channel. */
    readonly onlineElsewhere: number;
    readonly next: LiveNext;
    /** Empty unless chats wait and nobody can take one. */
    readonly why: readonly LiveWhyLine[];
}

const EPSILON = 1e-9;

function secondsBetween(from: string, to: string): number | null {
    const a = Date.parse(from);
    const b = Date.parse(to);
    if (Number.isNaN(a) || Number.isNaN(b)) return null;
    return Math.max(0, Math.floor((b - a) / 1000));
}

function waitingOf(target: LiveTarget, live: LiveRead): LiveWaiting {
    if (live.pending.status !== 'read' || !target.queueId || !target.channelId) {
        return {
            count: null,
            more: false,
            notReady: 0,
            pushed: 0,
            oldestSince: null,
            oldestSeconds: null,
            elsewhere: 0,
        };
    }
    let count = 0;
    let notReady = 0;
    let pushed = 0;
    let elsewhere = 0;
    let oldest: string | null = null;
    let oldestMs = Infinity;
    for (const row of live.pending.records) {
        if (row.ServiceChannelId !== target.channelId) continue;
        if (row.GroupId !== target.queueId) {
            elsewhere++;
            continue;
        }
        count++;
        if (!row.IsReadyForRouting) notReady++;
        if (row.IsPushed) pushed++;
        const ms = Date.parse(row.CreatedDate);
        if (!Number.isNaN(ms) && ms < oldestMs) {
            oldestMs = ms;
            oldest = row.CreatedDate;
        }
    }
    return {
        count,
        more: live.pendingMore,
        notReady,
        pushed,
        oldestSince: oldest,
        oldestSeconds: oldest ? secondsBetween(oldest, live.readAt) : null,
        elsewhere,
    };
}

/** Capacity one SimplyChat chat takes of a user with `capacity`: the routing configuration's units or percentage. */
function chatNeed(config: QueueRoutingConfigRecord | null, capacity: number): number {
    if (config?.CapacityWeight && config.CapacityWeight > 0) return config.CapacityWeight;
    if (config?.CapacityPercentage && config.CapacityPercentage > 0)
        return (config.CapacityPercentage * capacity) / 100;
    return 1;
}

interface Judged {
    readonly agents: LiveAgent[];
    readonly onlineElsewhere: number;
}

function judgeAgents(
    ctx: AgentContext,
    target: LiveTarget,
    live: LiveRead,
    carrying: ReadonlyMap<SalesforceId, string>
): Judged {
    const agents: LiveAgent[] = [];
    let onlineElsewhere = 0;
    if (live.presence.status !== 'read') return { agents, onlineElsewhere };
    const users = live.users.status === 'read' ? new Map(live.users.records.map((u) => [u.Id, u])) : null;
    const work = live.work.status === 'read' ? new Map(live.work.records.map((w) => [w.UserId, w])) : null;
    const resolved = ctx.membership === 'unknown' ? 'unknown' : ctx.membership.resolved;
    const queueName = ctx.membership === 'unknown' ? target.queueName : ctx.membership.queueName;
    const seen = new Set<SalesforceId>();
    for (const row of live.presence.records) {
        if (seen.has(row.UserId)) continue;
        seen.add(row.UserId);
        const statusLabel = carrying.get(row.ServicePresenceStatusId);
        if (statusLabel === undefined) {
            onlineElsewhere++;
            continue;
        }
        const user = users?.get(row.UserId);
        const name = user?.Name ?? row.UserId;
        let queue: Membership = 'unknown';
        if (user && resolved && resolved !== 'unknown') queue = membershipOf(resolved, user);
        else if (resolved === null) queue = null;
        const capacity = row.ConfiguredCapacity;
        const load = work ? (work.get(row.UserId) ?? { Items: 0, Weight: 0, Percentage: 0 }) : null;
        const used = load && capacity !== null ? load.Weight + (load.Percentage * capacity) / 100 : null;
        const free = used !== null && capacity !== null ? capacity - used : null;
        let state: LiveAgentState;
        let why: Reason;
        if (row.IsAway) {
            state = 'away';
            why = say('live.agent.away', { status: statusLabel });
        } else if (queue === null) {
            state = 'notInQueue';
            why = say('live.agent.notInQueue', { queue: queueName });
        } else if (free !== null && capacity !== null && free + EPSILON < chatNeed(target.routingConfig, capacity)) {
            state = 'atCapacity';
            why = say('live.agent.atCapacity', { used: round(used ?? 0), capacity });
        } else if (queue === 'unknown') {
            state = 'unknown';
            why = say('live.agent.unknownMembership', { queue: queueName });
        } else if (free === null) {
            state = 'unknown';
            why = say('live.agent.unknownCapacity');
        } else {
            state = 'canTake';
            why = say('live.agent.canTake', { free: round(free) });
        }
        agents.push({
            userId: row.UserId,
            name,
            statusLabel,
            since: row.StatusStartDate,
            queue,
            activeItems: load ? load.Items : null,
            used: used === null ? null : round(used),
            capacity,
            free: free === null ? null : round(free),
            state,
            reason: why,
        });
    }
    return { agents, onlineElsewhere };
}

function round(n: number): number {
    return Math.round(n * 100) / 100;
}

const STATE_ORDER: Readonly<Record<LiveAgentState, number>> = {
    canTake: 0,
    unknown: 1,
    atCapacity: 2,
    notInQueue: 3,
    away: 4,
};

function byName(a: LiveAgent, b: LiveAgent): number {
    return a.name < b.name ? -1 : a.name > b.name ? 1 : a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0;
}

/** Most Available: most free capacity first; Least Active: fewest active items first; then by name. */
function routingOrder(rule: LiveNext['rule']): (a: LiveAgent, b: LiveAgent) => number {
    if (rule === 'LeastActive') return (a, b) => (a.activeItems ?? 0) - (b.activeItems ?? 0) || byName(a, b);
    if (rule === 'MostAvailable') return (a, b) => (b.free ?? 0) - (a.free ?? 0) || byName(a, b);
    return byName;
}

function nextOf(rule: LiveNext['rule'], candidates: readonly LiveAgent[], modelName: string): LiveNext {
    if (rule === 'other')
        return { rule, agent: null, tied: 0, reason: say('live.next.external', { model: modelName }) };
    const first = candidates[0];
    if (!first) return { rule, agent: null, tied: 0, reason: say('live.next.none') };
    const measure = (a: LiveAgent): number => (rule === 'LeastActive' ? (a.activeItems ?? 0) : (a.free ?? 0));
    const tied = candidates.filter((a) => a !== first && Math.abs(measure(a) - measure(first)) < EPSILON).length;
    return rule === 'LeastActive'
        ? {
              rule,
              agent: first,
              tied,
              reason: say('live.next.leastActive', { name: first.name, items: first.activeItems ?? 0, tied }),
          }
        : {
              rule,
              agent: first,
              tied,
              reason: say('live.next.mostAvailable', { name: first.name, free: first.free ?? 0, tied }),
          };
}

function fix(itemId: ItemId | null, userIds: readonly SalesforceId[] = []): LiveFix {
    return { itemId, userIds };
}

/**
 * The Live view: waiting chats of the SimplyChat queue and channel, the online agents with a SimplyChat status and
 * whether each can take a chat now, the likely next one, and — when chats wait and nobody can take them — why.
 * O(pending + presence) after agentContext (O(snapshot)); inputs are never changed.
 */
export function liveRouting(snapshot: OrgSnapshot, live: LiveRead, target = liveTarget(snapshot)): LiveResult {
    const ctx = agentContext(snapshot);
    const carrying = ctx.carrying instanceof Map ? ctx.carrying : new Map<SalesforceId, string>();
    const waiting = waitingOf(target, live);
    const judged = judgeAgents(ctx, target, live, carrying);
    const modelName = target.routingConfig?.RoutingModel ?? '';
    const rule: LiveNext['rule'] =
        modelName === 'LeastActive' ? 'LeastActive' : modelName === 'ExternalRouting' ? 'other' : 'MostAvailable';
    const order = routingOrder(rule);
    const candidates = judged.agents.filter((a) => a.state === 'canTake').sort(order);
    const others = judged.agents
        .filter((a) => a.state !== 'canTake')
        .sort((a, b) => STATE_ORDER[a.state] - STATE_ORDER[b.state] || byName(a, b));
    const agents = [...candidates, ...others];
    const next = nextOf(rule, candidates, modelName);
    const base = {
        readAt: live.readAt,
        target,
        waiting,
        agents,
        canTake: candidates.length,
        onlineElsewhere: judged.onlineElsewhere,
        next,
    };
    if (!target.queueId || !target.channelId) {
        const why: LiveWhyLine[] = [];
        if (!target.queueId) {
            why.push({ code: 'noQueue', certain: true, reason: say('live.why.noQueue'), fix: fix('queue') });
        }
        if (!target.channelId) {
            why.push({
                code: 'noChannel',
                certain: true,
                reason: say('live.why.noChannel', { object: snapshot.choices.chatObject }),
                fix: fix('serviceChannel'),
            });
        }
        return { ...base, state: 'notSetUp', headline: say('live.state.notSetUp'), why };
    }
    if (waiting.count === null) {
        return {
            ...base,
            state: 'unknown',
            headline: say('live.state.unknown'),
            why: [{ code: 'pendingUnknown', certain: false, reason: say('live.why.pendingUnknown'), fix: fix(null) }],
        };
    }
    if (waiting.count === 0) return { ...base, state: 'idle', headline: say('live.state.idle'), why: [] };
    if (candidates.length > 0 && target.routingConfig) {
        return {
            ...base,
            state: 'flowing',
            headline: say('live.state.flowing', { waiting: waiting.count, agents: candidates.length }),
            why: [],
        };
    }
    const why = whyNobody(target, live, agents, waiting, ctx, judged.onlineElsewhere);
    const stuck = why.some((w) => w.certain);
    return {
        ...base,
        state: stuck ? 'stuck' : 'unknown',
        headline: say(stuck ? 'live.state.stuck' : 'live.state.unknown', { waiting: waiting.count }),
        why,
    };
}

/** Why no agent takes the waiting chats: certain causes, then what could not be read, in LIVE_WHY order. */
function whyNobody(
    target: LiveTarget,
    live: LiveRead,
    agents: readonly LiveAgent[],
    waiting: LiveWaiting,
    ctx: AgentContext,
    onlineElsewhere: number
): LiveWhyLine[] {
    const lines: LiveWhyLine[] = [];
    const queueName = target.queueName;
    const presenceRead = live.presence.status === 'read';
    const available = agents.filter((a) => a.state !== 'away');
    const inQueue = available.filter((a) => a.queue !== null);
    if (presenceRead && available.length === 0 && live.presenceSeesAll) {
        lines.push({
            code: 'noneOnline',
            certain: true,
            reason: say('live.why.noneOnline', { waiting: waiting.count ?? 0, elsewhere: onlineElsewhere }),
            fix: fix('onlineStatus'),
        });
    }
    const atCapacity = inQueue.filter((a) => a.state === 'atCapacity');
    if (inQueue.length > 0 && atCapacity.length === inQueue.length) {
        lines.push({
            code: 'allAtCapacity',
            certain: live.presenceSeesAll,
            reason: say('live.why.allAtCapacity', { agents: atCapacity.length }),
            fix: fix(
                'presenceConfig',
                atCapacity.map((a) => a.userId)
            ),
        });
    }
    const outside = available.filter((a) => a.queue === null);
    if (outside.length > 0) {
        lines.push({
            code: 'notInQueue',
            certain: live.presenceSeesAll,
            reason: say('live.why.notInQueue', { agents: outside.length, queue: queueName }),
            fix: fix(
                'queueMembers',
                outside.map((a) => a.userId)
            ),
        });
    }
    if (!target.routingConfig) {
        lines.push({
            code: 'noRoutingConfig',
            certain: true,
            reason: say('live.why.noRoutingConfig', { queue: queueName }),
            fix: fix('queue'),
        });
    }
    if (!presenceRead) {
        lines.push({
            code: 'presenceUnread',
            certain: false,
            reason: say('live.why.presenceUnread'),
            fix: fix(null),
        });
    } else if (!live.presenceSeesAll) {
        lines.push({
            code: 'presenceUnknown',
            certain: false,
            reason: say('live.why.presenceUnknown'),
            fix: fix(null),
        });
    }
    if (ctx.membership === 'unknown' || agents.some((a) => a.state === 'unknown' && a.queue === 'unknown')) {
        lines.push({
            code: 'membershipUnknown',
            certain: false,
            reason: say('live.why.membershipUnknown', { queue: queueName }),
            fix: fix('queueMembers'),
        });
    }
    if (agents.some((a) => a.state === 'unknown' && a.queue !== 'unknown')) {
        lines.push({ code: 'workUnknown', certain: false, reason: say('live.why.workUnknown'), fix: fix(null) });
    }
    lines.sort((a, b) => LIVE_WHY.indexOf(a.code) - LIVE_WHY.indexOf(b.code));
    // An agent whose state is unknown might take the chats: then nothing is certain except a missing routing config.
    if (agents.some((a) => a.state === 'unknown')) {
        return lines.map((l) => (l.code === 'noRoutingConfig' ? l : { ...l, certain: false }));
    }
    return lines;
}

/**
 * The exit code a monitor alerts on: 0 when no chat waits or an agent can take the waiting ones; 1 when chats wait
 * and nobody can take them, or when that cannot be told (rows unreadable, the queue or channel missing).
 */
export function liveExitCode(result: LiveResult): 0 | 1 {
    return result.state === 'idle' || result.state === 'flowing' ? 0 : 1;
}
