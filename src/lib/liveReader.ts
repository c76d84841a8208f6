/**
 * The live read (`sf simplychat setup live`), with the contract's queries as SetupLiveController.getLive runs them,
 * for the queue and channel the engine names (liveTarget): the work waiting on the channel (LIVE_PENDING, the oldest
 * 2,000 kept), the users online now (LIVE_PRESENCE, at most 10,000: more is "not read", never a cut list), their
 * names, profiles and roles (LIVE_USERS) and active work per user (LIVE_WORK), and whether the login sees every
 * presence row (LIVE_VIEW_ALL_DATA, LIVE_PRESENCE_VIEW_ALL). Who can take a chat is the engine's (liveRouting).
 *
 * Ids travel in the URL of a REST query: 200 a query. An aggregate over REST returns at most 2,000 groups and cannot
 * be fetched further, so LIVE_WORK runs per 200 users (≤ 200 groups each). A query the org refuses makes its part
 * unavailable with the reason; a lost login or network fails the command.
 */
import {
    type AgentWorkloadRecord,
    type LivePresenceRecord,
    type LiveRead,
    type LiveTarget,
    type LiveUserRecord,
    type OrgSnapshot,
    type Part,
    type PendingRoutingRecord,
    READ_CAPS,
} from './engine.js';
import { bindSoql, SOQL } from './soql.js';
import { isAuthOrNetworkError, unavailablePart } from './errors.js';
import { chunks, IDS_PER_QUERY, type OrgApi } from './orgApi.js';

type Row = Record<string, unknown>;

export const MAX_PENDING = READ_CAPS.livePendingRows;
export const MAX_ONLINE = READ_CAPS.liveOnlineRows;

const num = (value: unknown): number => (typeof value === 'number' ? value : Number(value ?? 0) || 0);

export async function readLive(api: OrgApi, snapshot: OrgSnapshot, target: LiveTarget): Promise<LiveRead> {
    const readAt = new Date().toISOString();
    const base = { readAt, queueId: target.queueId, channelId: target.channelId };
    if (!snapshot.omniEnabled) {
        const off = { status: 'unavailable', code: 'omniDisabled' } as const;
        return {
            ...base,
            pending: off,
            pendingMore: false,
            presence: off,
            presenceSeesAll: false,
            users: off,
            work: off,
        };
    }
    const pendingRead = target.channelId
        ? api.query<Row>(bindSoql(SOQL.LIVE_PENDING, { channelId: target.channelId, maxRows: MAX_PENDING + 1 })).then(
              (rows): Part<PendingRoutingRecord> & { more?: boolean } => ({
                  status: 'read',
                  more: rows.length > MAX_PENDING,
                  records: rows.slice(0, MAX_PENDING).map((r) => ({
                      Id: String(r.Id),
                      GroupId: (r.GroupId as string | null) ?? null,
                      ServiceChannelId: String(r.ServiceChannelId),
                      IsReadyForRouting: r.IsReadyForRouting === true,
                      IsPushed: r.IsPushed === true,
                      CreatedDate: String(r.CreatedDate),
                  })),
              }),
              (error: unknown) => unavailablePart<PendingRoutingRecord>(error)
          )
        : Promise.resolve<Part<PendingRoutingRecord> & { more?: boolean }>({ status: 'read', records: [] });
    const presenceRead = api.query<Row>(bindSoql(SOQL.LIVE_PRESENCE, { maxRows: MAX_ONLINE + 1 })).then(
        (rows): Part<LivePresenceRecord> =>
            rows.length > MAX_ONLINE
                ? {
                      status: 'unavailable',
                      code: 'queryFailed',
                      message: `More than ${MAX_ONLINE} users online: not read`,
                  }
                : {
                      status: 'read',
                      records: rows.map((r) => ({
                          UserId: String(r.UserId),
                          ServicePresenceStatusId: String(r.ServicePresenceStatusId),
                          IsAway: r.IsAway === true,
                          StatusStartDate: (r.StatusStartDate as string | null) ?? null,
                          ConfiguredCapacity:
                              r.ConfiguredCapacity === null || r.ConfiguredCapacity === undefined
                                  ? null
                                  : num(r.ConfiguredCapacity),
                      })),
                  },
        (error: unknown) => unavailablePart<LivePresenceRecord>(error)
    );
    const seesAllRead = seesAllPresence(api, snapshot.user.id);
    const [pending, presence] = await Promise.all([pendingRead, presenceRead]);
    let users: Part<LiveUserRecord>;
    let work: Part<AgentWorkloadRecord>;
    if (presence.status !== 'read') {
        users = presence as Part<LiveUserRecord>;
        work = presence as Part<AgentWorkloadRecord>;
    } else {
        const ids = [...new Set(presence.records.map((p) => p.UserId))];
        [users, work] = await Promise.all([readUsers(api, ids), readWork(api, ids)]);
    }
    const { more, ...pendingPart } = pending as typeof pending & { more?: boolean };
    return {
        ...base,
        pending: pendingPart as Part<PendingRoutingRecord>,
        pendingMore: more === true,
        presence,
        presenceSeesAll: await seesAllRead,
        users,
        work,
    };
}

async function readUsers(api: OrgApi, ids: readonly string[]): Promise<Part<LiveUserRecord>> {
    try {
        const batches = await Promise.all(
            chunks(ids, IDS_PER_QUERY).map((batch) => api.query<Row>(bindSoql(SOQL.LIVE_USERS, { userIds: batch })))
        );
        return {
            status: 'read',
            records: batches.flat().map((r) => ({
                Id: String(r.Id),
                Name: String(r.Name ?? ''),
                ProfileId: String(r.ProfileId),
                UserRoleId: (r.UserRoleId as string | null) ?? null,
            })),
        };
    } catch (error) {
        return unavailablePart(error);
    }
}

async function readWork(api: OrgApi, ids: readonly string[]): Promise<Part<AgentWorkloadRecord>> {
    try {
        const batches = await Promise.all(
            chunks(ids, IDS_PER_QUERY).map((batch) => api.query<Row>(bindSoql(SOQL.LIVE_WORK, { userIds: batch })))
        );
        return {
            status: 'read',
            records: batches.flat().map((r) => ({
                UserId: String(r.userId),
                Items: num(r.items),
                Weight: num(r.weight),
                Percentage: num(r.percentage),
            })),
        };
    } catch (error) {
        return unavailablePart(error);
    }
}

/**
 * Whether this user sees every UserServicePresence row (the object is under sharing, row 70): View All Data or Modify
 * All Data in effect for this session (UserPermissionAccess), or View All / Modify All on the object through an
 * assigned set. The Agents view and Live ask this one question. Not knowing is not seeing: a user without a row is
 * then "presence unknown", never "offline".
 */
export async function seesAllPresence(api: OrgApi, userId: string): Promise<boolean> {
    try {
        const [own] = await api.query<Row>(SOQL.LIVE_VIEW_ALL_DATA);
        if (own?.PermissionsViewAllData === true || own?.PermissionsModifyAllData === true) return true;
        const sets = await api.query<Row>(bindSoql(SOQL.LIVE_PRESENCE_VIEW_ALL, { userId }));
        return sets.length > 0;
    } catch (error) {
        if (isAuthOrNetworkError(error)) throw error;
        return false;
    }
}
