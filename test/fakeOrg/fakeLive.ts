/**
 * The live rows of the fake org (PendingServiceRouting, UserServicePresence, the online users, AgentWork and the
 * login's View All flags), answered from a LiveRead (samples/live.ts) as the REST query endpoint would: a route of
 * FakeSalesforce, so the simulated setup stays the snapshot's. Counts every live query it answers.
 */
import type { LiveRead } from '../../force-app/main/default/lwc/setupEngine/live';
import type { FakeAnswer, FakeRequest } from './fakeSalesforce';

type Row = Record<string, unknown>;

export interface LiveRoute {
    route: (request: FakeRequest) => FakeAnswer | undefined;
    /** Live queries answered, in order. */
    queries: string[];
    live: LiveRead;
    /** A query the org refuses (matched on its text), with this error code. */
    refuse?: { match: RegExp; errorCode: string };
}

function ids(soql: string): Set<string> {
    const list = /Id IN \(([^)]*)\)/.exec(soql)?.[1] ?? '';
    return new Set(list.split(',').map((s) => s.trim().replace(/'/g, '')));
}

function limit(soql: string): number {
    return Number(/LIMIT (\d+)/.exec(soql)?.[1] ?? Infinity);
}

function records<T>(part: { status: string; records?: readonly T[] }): readonly T[] {
    return part.status === 'read' ? (part.records ?? []) : [];
}

function answer(state: LiveRoute, soql: string): Row[] | undefined {
    const live = state.live;
    if (/FROM PendingServiceRouting/.test(soql)) {
        const channel = /ServiceChannelId = '(\w+)'/.exec(soql)?.[1];
        return records(live.pending)
            .filter((r) => r.ServiceChannelId === channel)
            .slice(0, limit(soql)) as unknown as Row[];
    }
    if (/FROM UserServicePresence WHERE IsCurrentState = TRUE ORDER BY/.test(soql))
        return records(live.presence).slice(0, limit(soql)) as unknown as Row[];
    if (/^SELECT Id, Name, ProfileId, UserRoleId FROM User WHERE Id IN/.test(soql)) {
        const wanted = ids(soql);
        return records(live.users).filter((u) => wanted.has(u.Id)) as unknown as Row[];
    }
    if (/FROM AgentWork/.test(soql)) {
        const wanted = /UserId IN \(([^)]*)\)/.exec(soql)?.[1] ?? '';
        const set = new Set(wanted.split(',').map((s) => s.trim().replace(/'/g, '')));
        return records(live.work)
            .filter((w) => set.has(w.UserId))
            .map((w) => ({ userId: w.UserId, items: w.Items, weight: w.Weight, percentage: w.Percentage }));
    }
    if (/^SELECT PermissionsViewAllData/.test(soql))
        return [{ PermissionsViewAllData: live.presenceSeesAll, PermissionsModifyAllData: false }];
    if (/FROM ObjectPermissions/.test(soql)) return [];
    return undefined;
}

export function liveRoute(live: LiveRead): LiveRoute {
    const state: LiveRoute = {
        live,
        queries: [],
        route: (request) => {
            if (request.method !== 'GET' || !request.path.endsWith('/query')) return undefined;
            const rows = answer(state, request.soql);
            if (!rows) return undefined;
            state.queries.push(request.soql);
            if (state.refuse?.match.test(request.soql))
                return {
                    status: 400,
                    body: [{ errorCode: state.refuse.errorCode, message: 'refused by the fake org' }],
                };
            return { status: 200, body: { totalSize: rows.length, done: true, records: rows } };
        },
    };
    return state;
}
