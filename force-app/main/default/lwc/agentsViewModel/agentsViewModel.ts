/**
 * The Agents view's model: rows, filter, search, paging, counts and the CSV export, worked out from the engine's
 * AgentReadiness and the labels, with no DOM and no Apex. Built for 10,000 agents: the filter and the search run
 * over the whole list, the page holds at most AGENTS_PAGE rows, and only that page is turned into row views.
 */
import type { AgentBlocker, AgentReadiness, OrgSnapshot, Part, UtilityBarRecord } from 'c/setupEngine';
import { format, LOCALE_KEY, reasonText, type Labels } from 'c/setupText';

/** Rows per page of the table. */
export const AGENTS_PAGE = 50;

export type AgentStatus = AgentReadiness['status'];

/** One row of the table (and of the CSV), as text in the user's language. */
export interface AgentRowView {
    readonly key: string;
    readonly name: string;
    readonly username: string;
    readonly profile: string;
    readonly config: string;
    readonly online: string;
    readonly queue: string;
    readonly serviceCloudUser: string;
    readonly omniApp: string;
    readonly presence: string;
    readonly status: AgentStatus;
    readonly statusText: string;
    readonly statusIcon: string;
    readonly statusVariant: string;
    readonly reason: string;
    /** Every reason, when there is more than one (the row shows them on request); empty otherwise. */
    readonly allReasons: readonly { readonly key: string; readonly text: string }[];
    /** The checklist item that fixes the first reason ('' when none does, e.g. a user's licence). */
    readonly fixItem: string;
    /** The link's text: "Go to: Agents are in the chat queue"; empty without an item. */
    readonly fixText: string;
}

/** The checklist item whose fix removes each blocker; null when it is the user's own setting (a licence). */
export const BLOCKER_ITEMS: Readonly<Record<AgentBlocker, string | null>> = {
    notInQueue: 'queueMembers',
    noPresenceConfig: 'presenceConfig',
    noCapacity: 'presenceConfig',
    noOnlineStatus: 'profileAccess',
    noServiceCloudUser: null,
    noOmniApp: 'agentApps',
};

/** Every reason of a row that has more than one: the first as the engine words it, the others by the view. */
function allReasons(labels: Labels, agent: AgentReadiness): { key: string; text: string }[] {
    const list = agent.status === 'notReady' ? agent.blockers : agent.status === 'unknown' ? agent.unknowns : [];
    if (list.length < 2) return [];
    return list.map((blocker, index) => ({
        key: `${agent.userId}-${blocker}`,
        text:
            index === 0 && agent.reason && agent.reason.key in labels
                ? reasonText(labels, agent.reason)
                : l(labels, `ui.agents.blocker.${blocker}`),
    }));
}

const STATUS_ICONS: Readonly<Record<AgentStatus, { icon: string; variant: string }>> = {
    ready: { icon: 'utility:success', variant: 'success' },
    notReady: { icon: 'utility:error', variant: 'error' },
    unknown: { icon: 'utility:help', variant: '' },
};

function l(labels: Labels, key: string, params: Readonly<Record<string, string | number>> = {}): string {
    return format(labels, key, params);
}

function configText(labels: Labels, config: AgentReadiness['config']): string {
    if (!config) return l(labels, 'ui.agents.none.value');
    return l(labels, 'ui.agents.config', {
        label: config.label,
        level: l(labels, `ui.agents.level.${config.level}`),
        capacity: config.capacity,
    });
}

function onlineText(labels: Labels, statuses: AgentReadiness['onlineStatuses']): string {
    if (statuses.length === 0) return l(labels, 'ui.agents.none.value');
    return statuses
        .map((s) => {
            if (s.through === 'profile') return l(labels, 'ui.agents.online.profile', { label: s.label });
            return l(labels, 'ui.agents.online.permissionSet', { label: s.label, set: s.through });
        })
        .join('; ');
}

/** The app column: yes, with the permission sets that give it when the profile does not. */
function omniAppText(labels: Labels, agent: AgentReadiness): string {
    const sets = (agent.omniAppThrough ?? []).filter((through) => through !== 'profile');
    if (agent.omniApp !== 'yes' || sets.length === 0) return yesNo(labels, agent.omniApp);
    return l(labels, 'ui.agents.omniApp.permissionSet', { sets: sets.join(', ') });
}

function queueText(labels: Labels, queue: AgentReadiness['queue']): string {
    if (queue === 'unknown') return l(labels, 'ui.agents.unknown');
    if (queue === null) return l(labels, 'ui.agents.queue.none');
    return l(labels, `ui.agents.queue.${queue.how}`, { via: queue.via });
}

function yesNo(labels: Labels, value: boolean | 'yes' | 'no' | 'unknown'): string {
    if (value === 'unknown') return l(labels, 'ui.agents.unknown');
    return l(labels, value === true || value === 'yes' ? 'ui.agents.yes' : 'ui.agents.no');
}

/** One date formatter per locale: the CSV of 10,000 agents formats as many times. */
const TIME_FORMATS = new Map<string, Intl.DateTimeFormat>();

function timeText(labels: Labels, iso: string): string {
    const date = new Date(iso);
    if (Number.isNaN(date.getTime())) return iso;
    const wanted = labels[LOCALE_KEY] ?? 'en-US';
    let formatter = TIME_FORMATS.get(wanted);
    if (!formatter) {
        try {
            formatter = new Intl.DateTimeFormat(wanted, { dateStyle: 'medium', timeStyle: 'short' });
        } catch {
            formatter = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short' });
        }
        TIME_FORMATS.set(wanted, formatter);
    }
    return formatter.format(date);
}

function presenceText(labels: Labels, presence: AgentReadiness['presence']): string {
    if (presence === 'unknown') return l(labels, 'ui.agents.unknown');
    if (presence === 'offline') return l(labels, 'ui.agents.presence.offline');
    if (!presence.since) return l(labels, 'ui.agents.presence.noTime', { status: presence.statusLabel });
    return l(labels, presence.isAway ? 'ui.agents.presence.away' : 'ui.agents.presence.status', {
        status: presence.statusLabel,
        time: timeText(labels, presence.since),
    });
}

/**
 * The first reason: the engine's message (its label key), or, for a key the labels lack, the view's words for the
 * first blocker; with how many more reasons there are.
 */
export function firstReason(labels: Labels, agent: AgentReadiness): string {
    const first: AgentBlocker | undefined = agent.blockers[0];
    let text: string;
    if (agent.reason && agent.reason.key in labels) text = reasonText(labels, agent.reason);
    else if (agent.status === 'ready') text = l(labels, 'ui.agents.reason.ready');
    else if (first) text = l(labels, `ui.agents.blocker.${first}`);
    else text = l(labels, 'ui.agents.blocker.unknown', { part: agent.reason?.key ?? '' });
    const others =
        agent.status === 'notReady' ? agent.blockers.length : agent.status === 'unknown' ? agent.unknowns.length : 0;
    const more = others - 1;
    return more > 0 ? format(labels, 'ui.agents.reason.more', { reason: text, count: more }) : text;
}

export function agentRow(labels: Labels, agent: AgentReadiness): AgentRowView {
    const icon = STATUS_ICONS[agent.status];
    return {
        key: agent.userId,
        name: agent.name,
        username: agent.username,
        profile: agent.profileName,
        config: configText(labels, agent.config),
        online: onlineText(labels, agent.onlineStatuses),
        queue: queueText(labels, agent.queue),
        serviceCloudUser: yesNo(labels, agent.serviceCloudUser),
        omniApp: omniAppText(labels, agent),
        presence: presenceText(labels, agent.presence),
        status: agent.status,
        statusText: l(labels, `ui.agents.status.${agent.status}`),
        statusIcon: icon.icon,
        statusVariant: icon.variant,
        reason: firstReason(labels, agent),
        allReasons: allReasons(labels, agent),
        ...fixLink(labels, agent),
    };
}

function fixLink(labels: Labels, agent: AgentReadiness): { fixItem: string; fixText: string } {
    const first = agent.status === 'notReady' ? agent.blockers[0] : undefined;
    const item = first ? BLOCKER_ITEMS[first] : null;
    if (!item) return { fixItem: '', fixText: '' };
    return { fixItem: item, fixText: l(labels, 'ui.agents.goToItem', { item: l(labels, `ui.item.${item}`) }) };
}

// ------------------------------------------------------------------------------------------ filter and paging

export interface AgentFilter {
    readonly notReadyOnly: boolean;
    /** Matched, case-insensitively, against the name, the username and the profile's name. */
    readonly search: string;
    /** When set, only these users (the agents a Live reason names); the other filters still apply. */
    readonly userIds?: readonly string[];
}

/** Lower-cased search keys, worked out once per list (a keystroke then filters 10,000 rows without re-casing). */
const SEARCH_KEYS = new WeakMap<AgentReadiness, string>();

function searchKey(agent: AgentReadiness): string {
    let key = SEARCH_KEYS.get(agent);
    if (key === undefined) {
        key = `${agent.name}\n${agent.username}\n${agent.profileName}`.toLocaleLowerCase();
        SEARCH_KEYS.set(agent, key);
    }
    return key;
}

/** "Not ready only" keeps the agents who are not ready (those that cannot be checked are not counted as not ready). */
export function filterAgents(agents: readonly AgentReadiness[], filter: AgentFilter): AgentReadiness[] {
    const term = filter.search.trim().toLocaleLowerCase();
    const only = filter.userIds ? new Set(filter.userIds) : undefined;
    return agents.filter(
        (a) =>
            (!only || only.has(a.userId)) &&
            (!filter.notReadyOnly || a.status === 'notReady') &&
            (term === '' || searchKey(a).includes(term))
    );
}

export interface AgentsPage {
    /** 0-based, clamped to the pages there are. */
    readonly index: number;
    readonly pageCount: number;
    /** 1-based positions of the first and last row shown; 0 and 0 when there is none. */
    readonly from: number;
    readonly to: number;
    readonly total: number;
    readonly agents: readonly AgentReadiness[];
    readonly hasPrevious: boolean;
    readonly hasNext: boolean;
}

/** One page of a (filtered) list; an index past either end shows the nearest page. */
export function pageOf(agents: readonly AgentReadiness[], index: number, size = AGENTS_PAGE): AgentsPage {
    const total = agents.length;
    const pageCount = Math.max(1, Math.ceil(total / size));
    const clamped = Math.min(Math.max(0, Number.isFinite(index) ? Math.floor(index) : 0), pageCount - 1);
    const start = clamped * size;
    const shown = agents.slice(start, start + size);
    return {
        index: clamped,
        pageCount,
        from: shown.length > 0 ? start + 1 : 0,
        to: start + shown.length,
        total,
        agents: shown,
        hasPrevious: clamped > 0,
        hasNext: clamped < pageCount - 1,
    };
}

export interface AgentCounts {
    readonly total: number;
    readonly ready: number;
    readonly notReady: number;
    readonly unknown: number;
}

export function countAgents(agents: readonly AgentReadiness[]): AgentCounts {
    let ready = 0;
    let notReady = 0;
    let unknown = 0;
    for (const a of agents) {
        if (a.status === 'ready') ready++;
        else if (a.status === 'notReady') notReady++;
        else unknown++;
    }
    return { total: agents.length, ready, notReady, unknown };
}

/** "37 of 120 agents ready", and what the others are. */
export function countsText(labels: Labels, counts: AgentCounts): { main: string; more: string } {
    return {
        main: format(labels, 'ui.agents.counts', { ready: counts.ready, total: counts.total }),
        more: format(labels, 'ui.agents.countsMore', { notReady: counts.notReady, unknown: counts.unknown }),
    };
}

/** "Showing 51–100 of 83", or why nothing shows. */
export function showingText(labels: Labels, page: AgentsPage, allCount: number): string {
    if (allCount === 0) return format(labels, 'ui.agents.none');
    if (page.total === 0) return format(labels, 'ui.agents.noMatch');
    return format(labels, 'ui.agents.showing', { from: page.from, to: page.to, count: page.total });
}

/** Progress while the pages are read. */
export function readingText(labels: Labels, usersRead: number): string {
    return usersRead === 0
        ? format(labels, 'ui.agents.reading')
        : format(labels, 'ui.agents.readCount', { count: usersRead });
}

// ------------------------------------------------------------------------------------------ pages of the read

/**
 * The snapshot with the utility bars read on demand (item 14 needs them). A failed read leaves the part
 * unavailable with the server's message, so item 14 says it cannot be checked and why.
 */
export function withUtilityBars(
    snapshot: OrgSnapshot,
    read: { ok: true; part: Part<UtilityBarRecord> } | { ok: false; message: string }
): OrgSnapshot {
    const part: Part<UtilityBarRecord> = read.ok
        ? read.part
        : { status: 'unavailable', code: 'queryFailed', message: read.message };
    return { ...snapshot, utilityBars: part };
}

/** Whether the snapshot waits for the on-demand utility bar read (its reader left it 'notRead'). */
export function needsUtilityBars(snapshot: OrgSnapshot): boolean {
    const part = snapshot.utilityBars;
    return part !== undefined && part.status === 'unavailable' && part.code === 'notRead';
}

// ------------------------------------------------------------------------------------------------------- CSV

/** The columns of the CSV, in the table's order (the username has its own column). */
const CSV_COLUMNS: readonly (keyof AgentRowView)[] = [
    'name',
    'username',
    'profile',
    'statusText',
    'reason',
    'config',
    'online',
    'queue',
    'serviceCloudUser',
    'omniApp',
    'presence',
];

const CSV_HEADERS: Readonly<Record<string, string>> = {
    name: 'ui.agents.col.name',
    username: 'ui.agents.col.username',
    profile: 'ui.agents.col.profile',
    config: 'ui.agents.col.config',
    online: 'ui.agents.col.online',
    queue: 'ui.agents.col.queue',
    serviceCloudUser: 'ui.agents.col.serviceCloudUser',
    omniApp: 'ui.agents.col.omniApp',
    presence: 'ui.agents.col.presence',
    statusText: 'ui.agents.col.status',
    reason: 'ui.agents.col.reason',
};

/**
 * A value a spreadsheet would read as a formula: starting with a tab, a carriage return or a null character, or
 * with =, +, - or @ after any leading spaces (spreadsheets skip them), including the full-width ＝＋－＠ a Korean
 * keyboard types (OWASP "CSV Injection"; OWASP ASVS 1.2.10).
 */
const FORMULA_START = /^[\t\r\0]|^\s*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]/;

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break, quotes doubled. A value that
 * a spreadsheet would read as a formula (FORMULA_START) gets a leading apostrophe first: names and labels come from
 * the org and must never run as formulas.
 */
export function csvField(value: string): string {
    const safe = FORMULA_START.test(value) ? `'${value}` : value;
    return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The (filtered) agents as CSV: a header row in the user's language, one line per agent, CRLF line ends. */
export function agentsCsv(labels: Labels, agents: readonly AgentReadiness[]): string {
    const lines = [CSV_COLUMNS.map((c) => csvField(format(labels, CSV_HEADERS[c] ?? c))).join(',')];
    for (const agent of agents) {
        const row = agentRow(labels, agent);
        lines.push(CSV_COLUMNS.map((c) => csvField(String(row[c]))).join(','));
    }
    return `${lines.join('\r\n')}\r\n`;
}

/** The CSV file's name. */
export const AGENTS_CSV_FILE = 'simplychat-agents.csv';

/** A byte order mark, so spreadsheet programs read the UTF-8 file (Korean names) as UTF-8. */
export const CSV_BOM = '\uFEFF';

// ------------------------------------------------------------------------------ agents in the checklist's summary

/** What the checklist knows of the agents: not read (an item still fails), being read, read, or not readable. */
export type ChecklistAgents =
    | { readonly state: 'notRead' }
    | { readonly state: 'reading' }
    | { readonly state: 'read'; readonly counts: AgentCounts }
    | { readonly state: 'failed'; readonly message: string };

/** The agents' line under the checklist's progress, and whether they let the page say "everything is ready". */
export interface ChecklistAgentsView {
    /** "35 of 37 agents ready", "Checking the agents…", or why they could not be read; empty when not read. */
    readonly text: string;
    /** The link to the Agents view filtered to the agents who are not ready; empty when every agent is ready. */
    readonly linkText: string;
    /** Every agent is ready (and there is at least one). */
    readonly ready: boolean;
}

/**
 * "Ready" means agents get chats: the checklist's success state needs every item to pass and every agent user read
 * and ready. No agent at all is not ready (nobody would get a chat); an agent that cannot be checked is not ready.
 */
export function checklistAgents(labels: Labels, agents: ChecklistAgents): ChecklistAgentsView {
    switch (agents.state) {
        case 'reading':
            return { text: format(labels, 'ui.agents.reading'), linkText: '', ready: false };
        case 'failed':
            return {
                text: format(labels, 'ui.agents.loadFailed', { message: agents.message }),
                linkText: format(labels, 'ui.summary.agentsOpen'),
                ready: false,
            };
        case 'read': {
            const { counts } = agents;
            if (counts.total === 0)
                return {
                    text: format(labels, 'ui.agents.none'),
                    linkText: format(labels, 'ui.summary.agentsOpen'),
                    ready: false,
                };
            const waiting = counts.notReady + counts.unknown;
            return {
                text: format(labels, 'ui.agents.counts', { ready: counts.ready, total: counts.total }),
                linkText: waiting > 0 ? format(labels, 'ui.summary.agentsNotReady', { count: waiting }) : '',
                ready: waiting === 0,
            };
        }
        default:
            return { text: '', linkText: '', ready: false };
    }
}
