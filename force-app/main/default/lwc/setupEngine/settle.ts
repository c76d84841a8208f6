/**
 * The one decision between the two phases of a read. Readers (the tab's Apex, the CLI) first read the base parts;
 * `settle` picks SimplyChat's queue, channel, presence configuration, statuses and the utility bars item 14 needs,
 * with the same rules that make the checklist; readers then read the dependent parts by exactly these Ids and names
 * (queue members, users assigned directly to the configuration, utility bars, the Live view's waiting work). No
 * reader chooses a record itself.
 */
import { agentProfiles } from './ruleAgents';
import { appIndex, consoleAppsWithBar } from './ruleAgentApps';
import { settleRecords, type SettledRecords } from './rules';
import type { AppRecord, OrgSnapshot, SalesforceId, SettledParts } from './types';

/** What the dependent reads are given: Ids of existing records only (a record the plan would create has none). */
export interface SettledIds {
    /** The queue whose members item 13 reads (GroupMember of this Group, key prefix 00G); null: none exists. */
    readonly queueId: SalesforceId | null;
    /** The service channel the Live view reads waiting work of (key prefix 0N1); null: none exists. */
    readonly channelId: SalesforceId | null;
    /** The presence configuration whose directly assigned users the Agents view lists (0Nd); null: none exists. */
    readonly presenceConfigId: SalesforceId | null;
    /**
     * The FlexiPage names of the utility bars of the console apps the agent profiles have (item 14), each once
     * (compared without case), sorted; empty while the apps or their access are unreadable.
     */
    readonly utilityBarNames: readonly string[];
}

export interface Settled extends SettledRecords {
    readonly ids: SettledIds;
}

/** Picks SimplyChat's records from the base parts. Pure; the dependent parts of `snapshot` are not looked at. */
export function settle(snapshot: OrgSnapshot): Settled {
    const records = settleRecords(snapshot);
    return {
        ...records,
        ids: {
            queueId: records.queue?.id ?? null,
            channelId: records.channel?.id ?? null,
            presenceConfigId: records.presenceConfig?.id || null,
            utilityBarNames: utilityBarNames(snapshot),
        },
    };
}

function utilityBarNames(snapshot: OrgSnapshot): string[] {
    const index = appIndex(snapshot);
    const agents = agentProfiles({ snapshot, choices: snapshot.choices });
    if (!index.ok || !agents.ok) return [];
    const names = new Map<string, string>();
    const add = (apps: readonly AppRecord[]): void => {
        for (const app of consoleAppsWithBar(apps)) {
            const name = app.UtilityBar as string;
            if (!names.has(name.toLowerCase())) names.set(name.toLowerCase(), name);
        }
    };
    // The apps of the agent profiles, and those the permission sets assigned to their users grant (each once).
    const granted = new Set<string>();
    for (const profile of agents.profiles) {
        add(index.index.appsOf.get(profile.Id) ?? []);
        for (const grant of index.index.userGrants.get(profile.Id)?.values() ?? [])
            for (const id of grant.ids) granted.add(id);
    }
    const setApps: AppRecord[] = [];
    for (const id of granted) {
        const app = index.index.appById.get(id);
        if (app) setApps.push(app);
    }
    add(setApps);
    return [...names.values()].sort((a, b) => a.localeCompare(b));
}

/**
 * The base snapshot as the checklist shows it before the dependent read answers: the queue's members are
 * `unavailable` with code 'notRead' (item 13 says they are being read), never absent and never empty. The utility
 * bars are left as the reader gave them (Apex marks them 'notRead' itself: they need the API connection).
 */
export function awaitingSettledParts(base: OrgSnapshot): OrgSnapshot {
    return { ...base, queueMembership: { status: 'unavailable', code: 'notRead' } };
}

/** The snapshot with the dependent parts read by the settled Ids. */
export function withSettledParts(snapshot: OrgSnapshot, parts: SettledParts): OrgSnapshot {
    return { ...snapshot, queueMembership: parts.queueMembership };
}
