/** sf simplychat setup check — the SimplyChat Setup checklist of an org, read-only. */
import fs from 'node:fs';
import path from 'node:path';
import { Org, SfError } from '@salesforce/core';
import { Flags } from '@salesforce/sf-plugins-core';
import { evaluate } from '../../../lib/engine.js';
import { orgError, usageError } from '../../../lib/errors.js';
import {
    expandTargets,
    fleetCsv,
    fleetJunit,
    fleetTable,
    limited,
    resultFile,
    RESULT_FORMATS,
    worstCode,
    type OrgCheck,
    type ResultFormat,
} from '../../../lib/fleet.js';
import { loadMessages } from '../../../lib/messages.js';
import { OrgApi } from '../../../lib/orgApi.js';
import { readOrg, UnknownProfilesError } from '../../../lib/reader.js';
import type { ChecklistItem } from '../../../lib/engine.js';
import { checklistTable, reasonText } from '../../../lib/output.js';
import {
    EXIT,
    orgFlags,
    SetupCommand,
    type OrgJson,
    type SetupFlags,
    choicesOf,
    waitMs,
} from '../../../lib/setupCommand.js';

const messages = loadMessages('simplychat.setup.check');

export interface ItemJson {
    id: string;
    order: number;
    status: ChecklistItem['status'];
    reason: ChecklistItem['reason'];
    text: string;
    blockedBy: readonly string[];
    needs: readonly string[];
    /** Whether this user can fix the item here, and if not the engine's reason. */
    fix: { available: boolean; reason: ChecklistItem['reason'] | null; text: string | null };
}

export interface CheckResult {
    org: OrgJson;
    ready: boolean;
    items: ItemJson[];
}

export function itemsJson(items: readonly ChecklistItem[]): ItemJson[] {
    return items.map((i) => ({
        id: i.id,
        order: i.order,
        status: i.status,
        reason: i.reason,
        text: reasonText(i.reason),
        blockedBy: i.blockedBy,
        needs: i.needs,
        fix: i.fix.available
            ? { available: true, reason: null, text: null }
            : { available: false, reason: i.fix.reason, text: reasonText(i.fix.reason) },
    }));
}

/** One org's check for the fleet: each org reads in its own connection, without the spinner (they run together). */
async function checkOrg(target: string, f: SetupFlags & { 'api-version'?: string }): Promise<OrgCheck> {
    try {
        const org = await Org.create({ aliasOrUsername: target });
        const api = new OrgApi(org.getConnection(f['api-version']), waitMs(f));
        const read = await readOrg(api, choicesOf(f));
        const items = evaluate(read.snapshot);
        const ready = items.every((i) => i.status === 'pass');
        return {
            target,
            username: org.getUsername() ?? null,
            orgId: read.org.id,
            code: ready ? EXIT.ok : EXIT.failed,
            ready,
            items,
            error: null,
        };
    } catch (error) {
        const failure =
            error instanceof UnknownProfilesError
                ? usageError(error.message)
                : error instanceof SfError && typeof error.exitCode === 'number' && error.exitCode >= 2
                  ? error
                  : orgError(error, target);
        return {
            target,
            username: null,
            orgId: null,
            code: typeof failure.exitCode === 'number' ? failure.exitCode : EXIT.failed,
            ready: false,
            items: [],
            error: { name: failure.name, message: failure.message },
        };
    }
}

export interface FleetResult {
    orgs: {
        target: string;
        username: string | null;
        orgId: string | null;
        code: number;
        ready: boolean;
        items: ItemJson[];
        error: { name: string; message: string } | null;
    }[];
    worst: number;
}

export default class Check extends SetupCommand<CheckResult | FleetResult> {
    public static override readonly summary = messages.getMessage('summary');
    public static override readonly description = messages.getMessage('description');
    public static override readonly examples = messages.getMessages('examples');
    public static override readonly flags = {
        ...orgFlags,
        'target-org': Flags.string({
            char: 'o',
            summary: messages.getMessage('flags.target-org.summary'),
            description: messages.getMessage('flags.target-org.description'),
            multiple: true,
        }),
        'max-parallel': Flags.integer({
            summary: messages.getMessage('flags.max-parallel.summary'),
            min: 1,
            max: 16,
            default: 4,
        }),
        'result-format': Flags.option({
            summary: messages.getMessage('flags.result-format.summary'),
            options: RESULT_FORMATS,
            default: 'human' as const,
        })(),
        'output-dir': Flags.directory({ summary: messages.getMessage('flags.output-dir.summary') }),
    };

    public async run(): Promise<CheckResult | FleetResult> {
        const { flags } = await this.parse(Check);
        const f = flags as unknown as Omit<SetupFlags, 'target-org'> & {
            'target-org'?: string[];
            'max-parallel': number;
            'result-format': ResultFormat;
            'output-dir'?: string;
        };
        const targets = await this.targets(f['target-org']);
        const format = f['result-format'];
        if (targets.length === 1 && format === 'human' && !f['output-dir']) {
            let org: Org;
            try {
                org = await Org.create({ aliasOrUsername: targets[0] });
            } catch (error) {
                throw this.orgFailure(error);
            }
            return this.one({ ...f, 'target-org': org } as SetupFlags);
        }
        return this.fleet(targets, f, format);
    }

    /** The orgs named by --target-org (aliases, usernames, alias patterns), else the default org. */
    private async targets(values: readonly string[] | undefined): Promise<string[]> {
        if (!values || values.length === 0) {
            const fallback = this.configAggregator.getPropertyValue<string>('target-org');
            if (!fallback)
                throw new SfError(
                    messages.getMessage('error.noTargetOrg'),
                    'NoDefaultEnvError',
                    [messages.getMessage('action.noTargetOrg')],
                    EXIT.usage
                );
            return [fallback];
        }
        const { StateAggregator } = await import('@salesforce/core');
        const aliases = (await StateAggregator.getInstance()).aliases.getAll();
        const { targets, unmatched } = expandTargets(values, aliases as Record<string, string>);
        if (unmatched.length > 0)
            throw usageError(messages.getMessage('error.noAliasMatches', [unmatched.join(', ')]), [
                messages.getMessage('action.noAliasMatches'),
            ]);
        return targets;
    }

    private async one(f: SetupFlags): Promise<CheckResult> {
        const api = this.connect(f['target-org'], f['api-version'], waitMs(f));
        const read = await this.load(api, choicesOf(f));
        const ready = read.items.every((i) => i.status === 'pass');
        this.log(checklistTable(read.items, { color: process.stdout.isTTY === true && !process.env.NO_COLOR }));
        if (!ready && !f.profiles && read.items.some((i) => i.status !== 'pass' && i.needs.includes('agentProfiles')))
            this.info(messages.getMessage('info.nameProfiles'));
        if (read.items.some((i) => i.status !== 'pass' && i.needs.includes('queueMembers')))
            this.info(messages.getMessage('info.queueMembers'));
        process.exitCode = ready ? EXIT.ok : EXIT.failed;
        return { org: this.orgJson(read), ready, items: itemsJson(read.items) };
    }

    /** Every org, a few at a time; one row each; the worst exit code; the report in the format asked for. */
    private async fleet(
        targets: readonly string[],
        f: Omit<SetupFlags, 'target-org'> & { 'max-parallel': number; 'output-dir'?: string },
        format: ResultFormat
    ): Promise<FleetResult> {
        this.spinner.start(messages.getMessage('spinner.fleet', [targets.length]), undefined, { stdout: false });
        let done = 0;
        const checks = await limited(targets, f['max-parallel'], async (target) => {
            const check = await checkOrg(target, f as unknown as SetupFlags);
            done++;
            if (process.stderr.isTTY) this.spinner.status = `${done}/${targets.length}`;
            return check;
        });
        this.spinner.stop();
        const worst = worstCode(checks.map((c) => c.code));
        const result: FleetResult = {
            orgs: checks.map((c) => ({ ...c, items: itemsJson(c.items) })),
            worst,
        };
        const report =
            format === 'csv'
                ? fleetCsv(checks)
                : format === 'junit'
                  ? fleetJunit(checks)
                  : format === 'json'
                    ? `${JSON.stringify(result, null, 2)}\n`
                    : `${fleetTable(checks)}\n`;
        if (f['output-dir']) {
            fs.mkdirSync(f['output-dir'], { recursive: true });
            const file = path.join(f['output-dir'], format === 'human' ? 'simplychat-check.txt' : resultFile(format));
            fs.writeFileSync(file, report);
            this.info(messages.getMessage('info.written', [file]));
        }
        // On screen: the report itself, or the rows when the report went to a file.
        this.log((format === 'human' || !f['output-dir'] ? report : fleetTable(checks)).trimEnd());
        process.exitCode = worst;
        return result;
    }
}
