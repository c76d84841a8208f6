/**
 * Live reads of simulated orgs (the Live view's preview scenarios, its tests and the benchmark): waiting chats in
 * the SimplyChat queue and the agents online now, shaped for each reason the view gives.
 */
import type {
    AgentWorkloadRecord,
    LivePresenceRecord,
    LiveRead,
    LiveUserRecord,
    PendingRoutingRecord,
} from '../force-app/main/default/lwc/setupEngine/live';
import { liveTarget } from '../force-app/main/default/lwc/setupEngine/live';
import type { AgentUserRecord, OrgSnapshot, Part, SalesforceId } from '../force-app/main/default/lwc/setupEngine/types';
import { agentUsersOf } from './agents';
import { HAND, read } from './orgs';

/** How the simulated org's agents stand while chats wait. */
export type LiveShape = 'free' | 'atCapacity' | 'nobody' | 'notInQueue' | 'idle';

export interface LiveOptions {
    /** The time of the read (the preview passes the real time, so waiting times count up). */
    readonly now?: Date;
    readonly waiting?: number;
    /** The reader sees every presence row (View All Data or View All on UserServicePresence). */
    readonly seesAll?: boolean;
}

const FIXED_NOW = new Date('2026-11-25T09:00:00.000Z');

function records<T>(part: Part<T> | undefined): readonly T[] {
    return part?.status === 'read' ? part.records : [];
}

function pendingId(n: number): SalesforceId {
    return `0JR5g${String(n).padStart(10, '0')}AAA`;
}

/** `count` chats waiting in the queue: the oldest 4 minutes 20 seconds, the newest 30 seconds; the last not ready. */
export function waitingChats(
    queueId: SalesforceId,
    channelId: SalesforceId,
    count: number,
    now: Date
): PendingRoutingRecord[] {
    return Array.from({ length: count }, (_, i) => ({
        Id: pendingId(i + 1),
        GroupId: queueId,
        ServiceChannelId: channelId,
        IsReadyForRouting: !(count > 1 && i === count - 1),
        IsPushed: false,
        CreatedDate: new Date(
            now.getTime() - (260 - Math.floor((230 * i) / Math.max(1, count - 1))) * 1000
        ).toISOString(),
    }));
}

function online(
    user: { Id: SalesforceId },
    statusId: SalesforceId,
    capacity: number,
    now: Date,
    i: number
): LivePresenceRecord {
    return {
        UserId: user.Id,
        ServicePresenceStatusId: statusId,
        IsAway: false,
        StatusStartDate: new Date(now.getTime() - (40 + i * 7) * 60000).toISOString(),
        ConfiguredCapacity: capacity,
    };
}

function userRow(u: AgentUserRecord): LiveUserRecord {
    return { Id: u.Id, Name: u.Name, ProfileId: u.ProfileId, UserRoleId: u.UserRoleId };
}

/** Agents of the agent profile without a role: the queue reaches its agents through a role, so they are outside it. */
function outsiders(users: readonly AgentUserRecord[], count: number): AgentUserRecord[] {
    return users.slice(0, count).map((u, i) => ({
        ...u,
        Id: `0055g00Outside${String(i).padStart(3, '0')}A`,
        Name: `${u.Name} (new)`,
        UserRoleId: null,
    }));
}

/**
 * The live read of the fully set up org (capacity 3, one unit a chat, Most Available) in a shape:
 *  free: five agents online, two of them with free capacity; atCapacity: four online, each with three chats;
 *  nobody: no agent online with a SimplyChat status (one user online in Away); notInQueue: three agents online who
 *  are not members of the queue; idle: agents free and no chat waiting.
 */
export function liveReadOf(snapshot: OrgSnapshot, shape: LiveShape, options: LiveOptions = {}): LiveRead {
    const now = options.now ?? FIXED_NOW;
    const target = liveTarget(snapshot);
    const queueId = target.queueId ?? HAND.queue.Id;
    const channelId = target.channelId ?? HAND.chatChannel.Id;
    const count = shape === 'idle' ? 0 : (options.waiting ?? 6);
    const users = agentUsersOf(snapshot).filter((u) => u.ServiceCloudUser);
    const statusId = HAND.available.Id;
    let chosen: AgentUserRecord[] = [];
    let loads: number[] = [];
    const presence: LivePresenceRecord[] = [];
    if (shape === 'free' || shape === 'idle') {
        chosen = users.slice(0, 5);
        loads = [3, 1, 3, 2, 3];
    } else if (shape === 'atCapacity') {
        chosen = users.slice(0, 4);
        loads = [3, 3, 3, 3];
    } else if (shape === 'notInQueue') {
        chosen = outsiders(users, 3);
        loads = [0, 0, 1];
    } else {
        const away = users[0];
        if (away) {
            presence.push({ ...online(away, HAND.away.Id, 3, now, 0), IsAway: true });
        }
    }
    chosen.forEach((u, i) => presence.push(online(u, statusId, 3, now, i)));
    const work: AgentWorkloadRecord[] = chosen
        .map((u, i) => ({ UserId: u.Id, Items: loads[i] ?? 0, Weight: loads[i] ?? 0, Percentage: 0 }))
        .filter((w) => w.Items > 0);
    const everyone = shape === 'nobody' && users[0] ? [users[0]] : chosen;
    return {
        readAt: now.toISOString(),
        queueId,
        channelId,
        pending: read(waitingChats(queueId, channelId, count, now)),
        pendingMore: false,
        presence: read(presence),
        presenceSeesAll: options.seesAll ?? true,
        users: read(everyone.map(userRow)),
        work: read(work),
    };
}

/** The users a live read names (for tests that change one). */
export function liveUsers(live: LiveRead): readonly LiveUserRecord[] {
    return records(live.users);
}
