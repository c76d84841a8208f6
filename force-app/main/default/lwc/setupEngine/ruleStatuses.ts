/** Presence statuses and the channels they carry, shared by items 7, 8 and 10. */
import { read, type Readable } from './ruleKit';
import type { Detail, OrgSnapshot, SalesforceId, ServicePresenceStatusRecord } from './types';

export interface StatusIndex {
    readonly statuses: readonly ServicePresenceStatusRecord[];
    /** Status Id → Ids of the channels it carries. */
    readonly channelsOf: ReadonlyMap<string, ReadonlySet<string>>;
}

export function statusIndex(snapshot: OrgSnapshot): { ok: true; index: StatusIndex } | { ok: false; detail: Detail } {
    const statuses: Readable<ServicePresenceStatusRecord> = read(snapshot.presenceStatuses, 'ServicePresenceStatus');
    if (!statuses.ok) return statuses;
    const links = read(snapshot.statusChannels, 'ServiceChannelStatus');
    if (!links.ok) return links;
    const channelsOf = new Map<string, Set<string>>();
    for (const link of links.records) {
        const set = channelsOf.get(link.ServicePresenceStatusId) ?? new Set<string>();
        set.add(link.ServiceChannelId);
        channelsOf.set(link.ServicePresenceStatusId, set);
    }
    return { ok: true, index: { statuses: statuses.records, channelsOf } };
}

/** Statuses that carry the channel (only an existing channel can be carried). */
export function statusesCarrying(index: StatusIndex, channelId: SalesforceId | null): ServicePresenceStatusRecord[] {
    return channelId ? index.statuses.filter((s) => index.channelsOf.get(s.Id)?.has(channelId)) : [];
}

/** Busy (away) statuses: those that carry no channel. */
export function busyStatuses(index: StatusIndex): ServicePresenceStatusRecord[] {
    return index.statuses.filter((s) => !index.channelsOf.get(s.Id)?.size);
}
