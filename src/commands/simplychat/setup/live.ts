/**
 * sf simplychat setup live — are SimplyChat chats waiting, which agents can take one now, who likely gets the next,
 * and why nobody does. Read-only. The setup is read once (the engine names the queue and channel: liveTarget), then
 * the live rows are read with the contract's queries (liveReader) once, or every --watch seconds for --rounds
 * rounds; the judgement is the engine's (liveRouting), the same as the tab's Live view. Exit code 1 when chats wait
 * and no agent can take them (or that cannot be checked), so a monitor can alert on it.
 */
import { Flags } from '@salesforce/sf-plugins-core';
import { liveExitCode, liveRouting, liveTarget, type LiveAgent, type LiveResult } from '../../../lib/engine.js';
import { readLive } from '../../../lib/liveReader.js';
import { loadMessages } from '../../../lib/messages.js';
import { paint, reasonText, say, type Style } from '../../../lib/output.js';
import { EXIT, orgFlags, SetupCommand, shared, type OrgJson, type SetupFlags } from '../../../lib/setupCommand.js';

const messages = loadMessages('simplychat.setup.live');

/** Rounds --watch reads without --rounds. */
export const DEFAULT_ROUNDS = 10;

/** Agents printed per round (every one is in --json). */
export const TABLE_ROWS = 50;

export interface LiveJson {
    org: OrgJson;
    /** One engine answer per round, oldest first. */
    rounds: LiveResult[];
}

function duration(seconds: number | null): string {
    if (seconds === null) return say('ui.agents.unknown');
    return say('ui.live.duration', { minutes: Math.floor(seconds / 60), seconds: seconds % 60 });
}

function time(iso: string): string {
    const date = new Date(iso);
    return Number.isNaN(date.getTime()) ? iso : `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

const COLUMNS = ['name', 'status', 'work', 'capacity', 'state'] as const;

function cells(a: LiveAgent): Record<(typeof COLUMNS)[number], string> {
    const unknown = say('ui.agents.unknown');
    return {
        name: a.name,
        status: a.statusLabel,
        work: a.activeItems === null ? unknown : String(a.activeItems),
        capacity: a.used === null || a.capacity === null ? unknown : `${a.used} / ${a.capacity}`,
        state: reasonText(a.reason),
    };
}

/** One round as text: the headline, the waiting chats, the agents (first TABLE_ROWS), the likely next, why. */
export function liveText(result: LiveResult, style: Style): string {
    const color =
        result.state === 'stuck' ? 'red' : result.state === 'flowing' || result.state === 'idle' ? 'green' : 'yellow';
    const lines = [paint(style, 'bold', say('ui.live.lastRead', { time: time(result.readAt) }))];
    lines.push(paint(style, color, reasonText(result.headline)));
    const w = result.waiting;
    if (w.count !== null) {
        const count = w.more ? say('ui.live.more', { count: w.count }) : String(w.count);
        lines.push(`${say('ui.live.waiting')}: ${count}`);
        if (w.count > 0) {
            lines.push(`${say('ui.live.oldest')}: ${duration(w.oldestSeconds)}`);
            lines.push(`${say('ui.live.notReady')}: ${w.notReady}`);
        }
    }
    lines.push(`${say('ui.live.canTake')}: ${result.canTake}`);
    if (result.agents.length > 0) {
        const header = Object.fromEntries(COLUMNS.map((c) => [c, say(`ui.live.col.${c}`)])) as Record<string, string>;
        const shown = result.agents.slice(0, TABLE_ROWS);
        const rows = shown.map(cells);
        const widths = COLUMNS.map((c) => Math.max(header[c].length, ...rows.map((r) => r[c].length)));
        const line = (r: Record<string, string>): string =>
            COLUMNS.map((c, i) => (i === COLUMNS.length - 1 ? r[c] : r[c].padEnd(widths[i])))
                .join('  ')
                .trimEnd();
        lines.push('', paint(style, 'bold', line(header)));
        shown.forEach((agent, i) =>
            lines.push(agent.state === 'canTake' ? paint(style, 'green', line(rows[i])) : line(rows[i]))
        );
        if (result.agents.length > shown.length)
            lines.push(say('ui.live.agentsMore', { shown: shown.length, count: result.agents.length }));
    } else if (result.state !== 'notSetUp') {
        lines.push(say('ui.live.noAgents'));
    }
    if (result.onlineElsewhere > 0) lines.push(say('ui.live.elsewhere', { count: result.onlineElsewhere }));
    if (result.state === 'flowing') lines.push('', reasonText(result.next.reason));
    if (result.why.length > 0) {
        lines.push('', paint(style, 'bold', say('ui.live.why')));
        result.why.forEach((why, i) => {
            const where = why.fix.itemId ? ` (${say(`ui.item.${why.fix.itemId}`)})` : '';
            lines.push(` ${i + 1}. ${reasonText(why.reason)}${where}`);
        });
    }
    return lines.join('\n');
}

export default class Live extends SetupCommand<LiveJson> {
    public static override readonly summary = messages.getMessage('summary');
    public static override readonly description = messages.getMessage('description');
    public static override readonly examples = messages.getMessages('examples');
    public static override readonly flags = {
        'target-org': orgFlags['target-org'],
        'api-version': orgFlags['api-version'],
        profiles: orgFlags.profiles,
        'chat-object': orgFlags['chat-object'],
        watch: Flags.integer({ summary: messages.getMessage('flags.watch.summary'), min: 1, max: 3600 }),
        rounds: Flags.integer({
            summary: messages.getMessage('flags.rounds.summary'),
            min: 1,
            max: 1000,
            dependsOn: ['watch'],
        }),
    };

    /** Waits between rounds (tests replace it). */
    protected pause(seconds: number): Promise<void> {
        return new Promise((resolve) => setTimeout(resolve, seconds * 1000));
    }

    public async run(): Promise<LiveJson> {
        const { flags } = await this.parse(Live);
        const f = flags as unknown as SetupFlags & { watch?: number; rounds?: number };
        const style: Style = { color: process.stdout.isTTY === true && !process.env.NO_COLOR && !this.jsonEnabled() };
        const api = this.connect(f['target-org'], f['api-version']);
        const read = await this.load(api, { chatObject: f['chat-object'], profiles: f.profiles });
        const target = liveTarget(read.snapshot);
        const total = f.watch ? (f.rounds ?? DEFAULT_ROUNDS) : 1;
        const rounds: LiveResult[] = [];
        for (let round = 1; round <= total; round++) {
            if (round > 1) await this.pause(f.watch ?? 0);
            this.spinner.start(say('ui.live.reading'), undefined, { stdout: false });
            let result: LiveResult;
            try {
                result = liveRouting(read.snapshot, await readLive(api, read.snapshot, target), target);
            } catch (error) {
                this.spinner.stop(shared.getMessage('spinner.failed'));
                throw this.orgFailure(error);
            }
            this.spinner.stop();
            rounds.push(result);
            if (round > 1) this.log('');
            this.log(liveText(result, style));
        }
        const last = rounds[rounds.length - 1];
        process.exitCode = liveExitCode(last) === 0 ? EXIT.ok : EXIT.failed;
        return { org: this.orgJson(read), rounds };
    }
}
