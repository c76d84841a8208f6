/**
 * sf simplychat setup agents — for every agent, can they take SimplyChat chats now, and if not, why.
 * Read-only. Users are read page by page with the contract's queries (agentsReader); readiness is the engine's
 * agentReadiness, the same as the tab's Agents view; the cells use the view's English labels.
 */
import { Flags } from '@salesforce/sf-plugins-core';
import { agentReadiness, type AgentReadiness } from '../../../lib/engine.js';
import { readAgents } from '../../../lib/agentsReader.js';
import { csvCell } from '../../../lib/fleet.js';
import { loadMessages } from '../../../lib/messages.js';
import { paint, reasonText, say, type Style } from '../../../lib/output.js';
import {
    EXIT,
    readFlags,
    SetupCommand,
    shared,
    type OrgJson,
    type SetupFlags,
    profilesOf,
    waitMs,
} from '../../../lib/setupCommand.js';

const messages = loadMessages('simplychat.setup.agents');

export interface AgentCounts {
    total: number;
    ready: number;
    notReady: number;
    unknown: number;
}

export interface AgentsResult {
    org: OrgJson;
    /** Every agent counted, whatever --not-ready shows. */
    counts: AgentCounts;
    /** The engine's rows (all agents, or only those not ready with --not-ready), in Id order. */
    agents: AgentReadiness[];
}

function time(iso: string): string {
    const date = new Date(iso);
    return Number.isNaN(date.getTime()) ? iso : `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** One row's cells, in the Agents view's words (config/labels/setup-labels.json, English). */
export function agentCells(a: AgentReadiness): Record<string, string> {
    const none = say('ui.agents.none.value');
    const unknown = say('ui.agents.unknown');
    const yesNo = (v: 'yes' | 'no' | 'unknown'): string =>
        v === 'unknown' ? unknown : say(v === 'yes' ? 'ui.agents.yes' : 'ui.agents.no');
    // A ready agent with a warning (no Service Cloud User) shows the warning: it is not a blocker.
    const first =
        a.status === 'ready' && a.warnings.length === 0
            ? say('ui.agents.reason.ready')
            : reasonText(a.reason) !== a.reason.key
              ? reasonText(a.reason)
              : say(`ui.agents.blocker.${a.blockers[0] ?? 'unknown'}`, { part: a.reason.key });
    const more = a.blockers.length - 1;
    return {
        name: a.name,
        profile: a.profileName,
        config: a.config
            ? say('ui.agents.config', {
                  label: a.config.label,
                  level: say(`ui.agents.level.${a.config.level}`),
                  capacity: a.config.capacity,
              })
            : none,
        online:
            a.onlineStatuses.length === 0
                ? none
                : a.onlineStatuses
                      .map((s) =>
                          s.through === 'profile'
                              ? say('ui.agents.online.profile', { label: s.label })
                              : say('ui.agents.online.permissionSet', { label: s.label, set: s.through })
                      )
                      .join('; '),
        queue:
            a.queue === 'unknown'
                ? unknown
                : a.queue === null
                  ? say('ui.agents.queue.none')
                  : say(`ui.agents.queue.${a.queue.how}`, { via: a.queue.via }),
        omniApp: yesNo(a.omniApp),
        presence:
            a.presence === 'unknown'
                ? unknown
                : a.presence === 'offline'
                  ? say('ui.agents.presence.offline')
                  : !a.presence.since
                    ? say('ui.agents.presence.noTime', { status: a.presence.statusLabel })
                    : say(a.presence.isAway ? 'ui.agents.presence.away' : 'ui.agents.presence.status', {
                          status: a.presence.statusLabel,
                          time: time(a.presence.since),
                      }),
        status: say(`ui.agents.status.${a.status}`),
        reason: more > 0 ? say('ui.agents.reason.more', { reason: first, count: more }) : first,
    };
}

const COLUMNS = ['name', 'profile', 'config', 'online', 'queue', 'omniApp', 'presence', 'status', 'reason'] as const;

/** The agents as a plain-text table, the status coloured on a terminal. */
export function agentsTable(agents: readonly AgentReadiness[], style: Style): string {
    const header = Object.fromEntries(COLUMNS.map((c) => [c, say(`ui.agents.col.${c}`)]));
    const rows = agents.map(agentCells);
    const widths = COLUMNS.map((c) => Math.max(header[c].length, ...rows.map((r) => r[c].length)));
    const line = (r: Record<string, string>, status?: AgentReadiness['status']): string =>
        COLUMNS.map((c, i) => {
            const cell = i === COLUMNS.length - 1 ? r[c] : r[c].padEnd(widths[i]);
            if (c !== 'status' || !status) return cell;
            return paint(style, status === 'ready' ? 'green' : status === 'notReady' ? 'red' : 'grey', cell);
        })
            .join('  ')
            .trimEnd();
    return [paint(style, 'bold', line(header)), ...rows.map((r, i) => line(r, agents[i].status))].join('\n');
}

/** The rows as CSV with the table's columns (and the username); cells a spreadsheet would run are neutralised. */
export function agentsCsvText(agents: readonly AgentReadiness[]): string {
    const columns = ['username', ...COLUMNS] as const;
    const header = columns.map((c) => (c === 'username' ? 'Username' : say(`ui.agents.col.${c}`)));
    const rows = agents.map((a) => {
        const cells: Record<string, string> = { ...agentCells(a), username: a.username };
        return columns.map((c) => csvCell(cells[c] ?? ''));
    });
    return `${[header.map(csvCell), ...rows].map((r) => r.join(',')).join('\n')}\n`;
}

export function countAgents(agents: readonly AgentReadiness[]): AgentCounts {
    const counts: AgentCounts = { total: agents.length, ready: 0, notReady: 0, unknown: 0 };
    for (const a of agents) counts[a.status]++;
    return counts;
}

export default class Agents extends SetupCommand<AgentsResult> {
    public static override readonly summary = messages.getMessage('summary');
    public static override readonly description = messages.getMessage('description');
    public static override readonly examples = messages.getMessages('examples');
    public static override readonly flags = {
        ...readFlags,
        'not-ready': Flags.boolean({ summary: messages.getMessage('flags.not-ready.summary') }),
        'result-format': Flags.option({
            summary: messages.getMessage('flags.result-format.summary'),
            options: ['human', 'csv'] as const,
            default: 'human' as const,
        })(),
    };

    public async run(): Promise<AgentsResult> {
        const { flags } = await this.parse(Agents);
        const f = flags as unknown as SetupFlags & { 'not-ready': boolean; 'result-format': 'human' | 'csv' };
        const style: Style = { color: process.stdout.isTTY === true && !process.env.NO_COLOR && !this.jsonEnabled() };
        const api = this.connect(f['target-org'], f['api-version'], waitMs(f));
        const read = await this.load(api, { chatObject: f['chat-object'], profiles: profilesOf(f) });
        this.spinner.start(say('ui.agents.reading').replace(/…$/, ''), undefined, { stdout: false });
        let agents: AgentReadiness[];
        try {
            const page = await readAgents(api, read.snapshot, (count) => {
                if (process.stderr.isTTY) this.spinner.status = say('ui.agents.readCount', { count });
            });
            agents = agentReadiness(read.snapshot, page.users, page.presence, page.presenceSeesAll);
        } catch (error) {
            this.spinner.stop(shared.getMessage('spinner.failed'));
            throw this.orgFailure(error);
        }
        this.spinner.stop();
        const counts = countAgents(agents);
        const shown = f['not-ready'] ? agents.filter((a) => a.status === 'notReady') : agents;
        if (f['result-format'] === 'csv') {
            this.log(agentsCsvText(shown).trimEnd());
            process.exitCode = counts.total > 0 && counts.ready === counts.total ? EXIT.ok : EXIT.failed;
            return { org: this.orgJson(read), counts, agents: shown };
        }
        if (counts.total === 0) {
            this.warn(say('ui.agents.none'));
            if (!profilesOf(f)) this.info(messages.getMessage('info.nameProfiles'));
        } else {
            if (shown.length > 0) this.log(agentsTable(shown, style));
            else this.log(say('ui.agents.noMatch'));
            this.log('');
            this.log(
                paint(
                    style,
                    'bold',
                    `${say('ui.agents.counts', { ready: counts.ready, total: counts.total })} (${say('ui.agents.countsMore', { notReady: counts.notReady, unknown: counts.unknown })})`
                )
            );
        }
        process.exitCode = counts.total > 0 && counts.ready === counts.total ? EXIT.ok : EXIT.failed;
        return { org: this.orgJson(read), counts, agents: shown };
    }
}
