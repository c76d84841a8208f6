/** sf simplychat setup fix — plans the missing setup with the tab's engine, then makes the changes. */
import { loadMessages } from '../../../lib/messages.js';
import { Flags } from '@salesforce/sf-plugins-core';
import { ChoicesInvalidError, plan, type Operation, type QueueMembersChoice } from '../../../lib/engine.js';
import { Executor, type OperationOutcome } from '../../../lib/executor.js';
import { checklistTable, operationText, paint, type Style } from '../../../lib/output.js';
import { usageError } from '../../../lib/errors.js';
import { closest } from '../../../lib/reader.js';
import {
    EXIT,
    orgFlags,
    SetupCommand,
    shared,
    type OrgJson,
    type SetupFlags,
    choicesOf,
} from '../../../lib/setupCommand.js';
import { itemsJson, type ItemJson } from './check.js';

const messages = loadMessages('simplychat.setup.fix');

/** `--queue-members agent-users` or `--queue-members group:<DeveloperName>` → the item-13 choice; else a usage error. */
export function parseQueueMembers(input: string): QueueMembersChoice {
    const value = input.trim();
    if (value.toLowerCase() === 'agent-users') return { kind: 'agentUsers' };
    const group = /^group:(.+)$/i.exec(value)?.[1]?.trim();
    if (group && /^[A-Za-z][A-Za-z0-9_]*$/.test(group)) return { kind: 'publicGroup', groupDeveloperName: group };
    throw usageError(messages.getMessage('error.queueMembers', [input]));
}

export interface PlannedJson {
    index: number;
    kind: Operation['kind'];
    itemId: string;
    text: string;
    needsFlag: string | null;
    operation: Operation;
}

export interface ResultJson {
    index: number;
    kind: Operation['kind'];
    itemId: string;
    status: OperationOutcome['status'];
    changed: string[];
    error: { code: string; message: string } | null;
    text: string;
}

export interface FixResult {
    org: OrgJson;
    dryRun: boolean;
    items: ItemJson[];
    plan: PlannedJson[];
    results: ResultJson[];
    after: ItemJson[] | null;
}

function profilesOf(op: Operation): string[] {
    switch (op.kind) {
        case 'createPresenceConfig':
        case 'assignProfilesToConfig':
            return op.profiles.map((p) => p.profileId);
        case 'moveProfilesToConfig':
        case 'moveUsersToConfig':
            return op.moves.map((m) => m.profileId);
        case 'grantStatusAccess':
            return op.grants.map((g) => g.profileId);
        default:
            return [];
    }
}

export default class Fix extends SetupCommand<FixResult> {
    public static override readonly summary = messages.getMessage('summary');
    public static override readonly description = messages.getMessage('description');
    public static override readonly examples = messages.getMessages('examples');
    public static override readonly flags = {
        ...orgFlags,
        'enable-omni-channel': Flags.boolean({ summary: messages.getMessage('flags.enable-omni-channel.summary') }),
        'queue-members': Flags.custom<QueueMembersChoice>({
            summary: messages.getMessage('flags.queue-members.summary'),
            description: messages.getMessage('flags.queue-members.description'),
            helpValue: 'agent-users|group:<DeveloperName>',
            parse: async (input: string) => parseQueueMembers(input),
        })(),
        'dry-run': Flags.boolean({
            summary: messages.getMessage('flags.dry-run.summary'),
            exclusive: ['yes'],
        }),
        yes: Flags.boolean({
            char: 'y',
            summary: messages.getMessage('flags.yes.summary'),
            exclusive: ['dry-run'],
        }),
    };

    public async run(): Promise<FixResult> {
        const { flags } = await this.parse(Fix);
        const f = flags as unknown as SetupFlags & {
            'enable-omni-channel': boolean;
            'dry-run': boolean;
            yes: boolean;
            'queue-members'?: QueueMembersChoice;
        };
        const style: Style = { color: process.stdout.isTTY === true && !process.env.NO_COLOR && !this.jsonEnabled() };
        const api = this.connect(f['target-org'], f['api-version']);
        const read = await this.load(api, { ...choicesOf(f), queueMembers: f['queue-members'] });
        const org = this.orgJson(read);
        const chosen = f['queue-members'];
        if (chosen?.kind === 'publicGroup' && read.snapshot.publicGroups?.status === 'read') {
            const names = read.snapshot.publicGroups.records.map((g) => g.DeveloperName);
            if (!names.some((n) => n.toLowerCase() === chosen.groupDeveloperName.toLowerCase())) {
                const hint = closest(chosen.groupDeveloperName, names);
                throw usageError(messages.getMessage('error.unknownGroup', [chosen.groupDeveloperName]), [
                    ...(hint ? [messages.getMessage('action.unknownGroup.didYouMean', [hint])] : []),
                    messages.getMessage('action.unknownGroup.list'),
                ]);
            }
        }

        let operations: Operation[];
        try {
            operations = plan(read.snapshot, 'all');
        } catch (error) {
            if (error instanceof ChoicesInvalidError)
                throw usageError(messages.getMessage('error.choicesInvalid', [error.message]));
            throw error;
        }
        const omniNeeded = operations.some((op) => op.kind === 'enableOmniChannel') && !f['enable-omni-channel'];
        const planned: PlannedJson[] = operations.map((op, index) => ({
            index,
            kind: op.kind,
            itemId: op.itemId,
            text: operationText(op),
            needsFlag: op.kind === 'enableOmniChannel' && omniNeeded ? '--enable-omni-channel' : null,
            operation: op,
        }));

        this.log(checklistTable(read.items, style));
        this.log('');
        this.log(
            operations.length === 0
                ? messages.getMessage('plan.none')
                : messages.getMessage('plan.header', [operations.length])
        );
        for (const p of planned)
            this.log(
                `  ${p.index + 1}. ${p.text}${p.needsFlag ? paint(style, 'yellow', ` (${messages.getMessage('plan.needsFlag', [p.needsFlag])})`) : ''}`
            );

        const needProfiles =
            !f.profiles &&
            read.items.some((i) => i.status !== 'pass' && i.status !== 'warning' && i.needs.includes('agentProfiles'));
        if (needProfiles) this.warn(messages.getMessage('warning.nameProfiles'));
        const needQueueMembers =
            !chosen && read.items.some((i) => i.status !== 'pass' && i.needs.includes('queueMembers'));
        if (needQueueMembers) this.warn(messages.getMessage('warning.queueMembersNeeded'));
        const ready = read.items.every((i) => i.status === 'pass');
        const result: FixResult = {
            org,
            dryRun: f['dry-run'],
            items: itemsJson(read.items),
            plan: planned,
            results: [],
            after: null,
        };

        if (f['dry-run'] || operations.length === 0) {
            if (f['dry-run'] && omniNeeded) this.warn(messages.getMessage('warning.omniNeeded'));
            process.exitCode = ready ? EXIT.ok : EXIT.failed;
            return result;
        }
        if (omniNeeded)
            throw usageError(messages.getMessage('error.omniNeeded'), [messages.getMessage('action.omniNeeded')]);

        const profileIds = [...new Set(operations.flatMap(profilesOf))];
        const fullNames = new Map<string, string>();
        for (const id of profileIds) {
            const fullName = read.profiles.get(id)?.fullName;
            if (fullName) fullNames.set(id, fullName);
        }
        if (fullNames.size < profileIds.length)
            throw usageError(messages.getMessage('error.fullNames', [read.fullNamesError ?? 'not listed']), [
                messages.getMessage('action.fullNames'),
            ]);

        if (!f.yes) {
            if (!process.stdin.isTTY)
                throw usageError(messages.getMessage('error.notInteractive'), [
                    messages.getMessage('action.notInteractive'),
                ]);
            const yes = await this.confirm({
                message: messages.getMessage('prompt.apply', [operations.length, org.name, org.id]),
                ms: 600000,
            });
            if (!yes) {
                this.log(messages.getMessage('info.nothingChanged'));
                process.exitCode = EXIT.failed;
                return result;
            }
        }

        const executor = new Executor(api, fullNames, org.id);
        this.spinner.start(shared.getMessage('spinner.changing'), undefined, { stdout: false });
        const outcomes = await executor.run(operations, (o) => {
            if (process.stderr.isTTY) this.spinner.status = `${o.index + 1}/${operations.length}`;
            const mark = {
                done: paint(style, 'green', 'done'),
                failed: paint(style, 'red', 'FAILED'),
                notRun: paint(style, 'grey', 'not run'),
            }[o.status];
            this.log(
                `  [${o.index + 1}/${operations.length}] ${mark}  ${operationText(o.operation)}${o.error ? ` — ${o.error.code}: ${o.error.message}` : ''}`
            );
        });
        this.spinner.stop();
        result.results = outcomes.map((o) => ({
            index: o.index,
            kind: o.operation.kind,
            itemId: o.operation.itemId,
            status: o.status,
            changed: o.changed,
            error: o.error ?? null,
            text: operationText(o.operation),
        }));

        const after = await this.load(api, { ...choicesOf(f), queueMembers: f['queue-members'] });
        result.after = itemsJson(after.items);
        this.log('');
        this.log(checklistTable(after.items, style));
        const failed = outcomes.filter((o) => o.status === 'failed');
        if (failed.length > 0) {
            this.warn(
                messages.getMessage('warning.partial', [
                    outcomes.filter((o) => o.status === 'done').length,
                    failed.length,
                    outcomes.filter((o) => o.status === 'notRun').length,
                ])
            );
        }
        process.exitCode = failed.length === 0 && after.items.every((i) => i.status === 'pass') ? EXIT.ok : EXIT.failed;
        if (failed.length === 0 && after.items.some((i) => i.status !== 'pass') && !needProfiles && !needQueueMembers)
            this.warn(messages.getMessage('warning.notReady'));
        return result;
    }
}
