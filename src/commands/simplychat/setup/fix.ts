/** sf simplychat setup fix — plans the missing setup with the tab's engine, then makes the changes. */
import { loadMessages } from '../../../lib/messages.js';
import { Flags } from '@salesforce/sf-plugins-core';
import {
    ChoicesInvalidError,
    plan,
    planChanges,
    type Operation,
    type QueueMembersChoice,
    type Reason,
} from '../../../lib/engine.js';
import { Executor, type OperationOutcome } from '../../../lib/executor.js';
import {
    cannotFixLines,
    checklistTable,
    operationText,
    paint,
    reasonText,
    recordChangeLines,
    say,
    type Style,
} from '../../../lib/output.js';
import { usageError } from '../../../lib/errors.js';
import { closest } from '../../../lib/reader.js';
import { refusedOperations, withheldOperations } from '../../../lib/policy.js';
import {
    EXIT,
    orgFlags,
    SetupCommand,
    shared,
    type OrgJson,
    type SetupFlags,
    choicesOf,
    profilesOf as profileNamesOf,
    waitMs,
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
    /** A change not run because it waits for a change that failed or was not run: that change's index in the plan. */
    waitsFor?: number;
}

/** What became of the planned changes: each one made, failed or not run, counted. */
export interface OutcomeJson {
    made: number;
    failed: number;
    notRun: number;
    /** The signal that stopped the run after the change in flight, if one did. */
    interruptedBy: NodeJS.Signals | null;
    /** Why the org was not checked again after the changes (the connection or the login failed), if it was not. */
    recheckError: string | null;
}

/** A change the plan leaves out because this user lacks the permission it needs, and which permission. */
export interface WithheldJson {
    kind: Operation['kind'];
    itemId: string;
    text: string;
    reason: Reason;
    reasonText: string;
}

export interface FixResult {
    org: OrgJson;
    dryRun: boolean;
    items: ItemJson[];
    plan: PlannedJson[];
    /** Changes left out of the plan for want of a permission: never sent, so never refused half-way. */
    withheld: WithheldJson[];
    results: ResultJson[];
    outcome: OutcomeJson | null;
    after: ItemJson[] | null;
}

/** Exit codes of a run stopped by a signal, as a shell reports them (128 + the signal's number). */
const SIGNAL_EXIT: Partial<Record<NodeJS.Signals, number>> = { SIGINT: 130, SIGTERM: 143 };

/** Every planned change with its outcome; a change the run never reached is not run. */
export function outcomeOf(
    operations: readonly Operation[],
    outcomes: readonly OperationOutcome[]
): { results: ResultJson[]; made: number; failed: number; notRun: number } {
    const byIndex = new Map(outcomes.map((o) => [o.index, o]));
    const results = operations.map((operation, index): ResultJson => {
        const o = byIndex.get(index);
        return {
            index,
            kind: operation.kind,
            itemId: operation.itemId,
            status: o?.status ?? 'notRun',
            changed: o?.changed ?? [],
            error: o?.error ?? null,
            text: operationText(operation),
            ...(o?.waitsFor === undefined ? {} : { waitsFor: o.waitsFor }),
        };
    });
    const count = (status: ResultJson['status']): number => results.filter((r) => r.status === status).length;
    return { results, made: count('done'), failed: count('failed'), notRun: count('notRun') };
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
        case 'assignAgentPermissionSet':
            return op.profiles.map((p) => p.profileId);
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
            // sf's own commands skip their confirmation with --no-prompt: the same here.
            aliases: ['no-prompt'],
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
        const api = this.connect(f['target-org'], f['api-version'], waitMs(f));
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
                ? messages.getMessage(
                      read.items.every((i) => i.status === 'pass' || i.status === 'warning')
                          ? 'plan.none'
                          : 'plan.noneYouCan'
                  )
                : messages.getMessage('plan.header', [operations.length])
        );
        const changes = planChanges(operations);
        for (const p of planned) {
            this.log(
                `  ${p.index + 1}. ${p.text}${p.needsFlag ? paint(style, 'yellow', ` (${messages.getMessage('plan.needsFlag', [p.needsFlag])})`) : ''}`
            );
            const records = recordChangeLines(changes[p.index]);
            if (records.length > 0) this.log(`     ${say('ui.plan.records')}:`);
            for (const line of records) this.log(`       - ${line}`);
        }
        const cannot = cannotFixLines(read.items, api.connection?.instanceUrl);
        if (cannot.length > 0) {
            this.log('');
            this.log(messages.getMessage('plan.cannotFix', [cannot.length]));
            for (const line of cannot) this.log(line);
        }
        const withheld: WithheldJson[] = withheldOperations(read.snapshot).map((w) => ({
            kind: w.operation.kind,
            itemId: w.operation.itemId,
            text: operationText(w.operation),
            reason: w.reason,
            reasonText: reasonText(w.reason),
        }));
        if (withheld.length > 0) {
            this.log('');
            this.log(messages.getMessage('plan.withheld', [withheld.length]));
            for (const w of withheld) this.log(`  - ${w.text}: ${w.reasonText}`);
        }

        const needProfiles =
            !profileNamesOf(f) &&
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
            withheld,
            results: [],
            outcome: null,
            after: null,
        };

        if (f['dry-run'] || operations.length === 0) {
            if (f['dry-run'] && omniNeeded) this.warn(messages.getMessage('warning.omniNeeded'));
            process.exitCode = ready ? EXIT.ok : EXIT.failed;
            return result;
        }
        if (omniNeeded)
            throw usageError(messages.getMessage('error.omniNeeded'), [messages.getMessage('action.omniNeeded')]);
        const refused = refusedOperations(operations, read.snapshot.user.permissions);
        if (refused.length > 0)
            throw usageError(
                messages.getMessage('error.refused', [
                    refused
                        .map((r) => `${r.index + 1}. ${operationText(operations[r.index])}: ${reasonText(r.reason)}`)
                        .join('\n'),
                ])
            );

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
        // Ctrl-C or a TERM signal stops after the change in flight (a Metadata call cannot be taken back halfway);
        // a second one ends the process at once.
        let interruptedBy: NodeJS.Signals | null = null;
        const onSignal = (signal: NodeJS.Signals): void => {
            if (interruptedBy) process.exit(SIGNAL_EXIT[signal] ?? 130);
            interruptedBy = signal;
            this.warn(messages.getMessage('warning.stopping', [signal]));
        };
        // sf's own listeners (SfCommand) end the command at once, with a stack trace and no outcome: they step aside
        // while the changes run and come back after.
        const signals = ['SIGINT', 'SIGTERM'] as const;
        const others = signals.map((signal) => [signal, process.listeners(signal)] as const);
        for (const signal of signals) {
            process.removeAllListeners(signal);
            process.on(signal, onSignal);
        }
        this.spinner.start(shared.getMessage('spinner.changing'), undefined, { stdout: false });
        let outcomes: OperationOutcome[];
        try {
            outcomes = await executor.run(
                operations,
                (o) => {
                    if (process.stderr.isTTY) this.spinner.status = `${o.index + 1}/${operations.length}`;
                    const mark = {
                        done: paint(style, 'green', 'done'),
                        failed: paint(style, 'red', 'FAILED'),
                        notRun: paint(style, 'grey', 'not run'),
                    }[o.status];
                    this.log(
                        `  [${o.index + 1}/${operations.length}] ${mark}  ${operationText(o.operation)}${o.error ? ` — ${o.error.code}: ${o.error.message}` : ''}${o.waitsFor === undefined ? '' : ` — ${messages.getMessage('outcome.waitsFor', [o.waitsFor + 1])}`}`
                    );
                },
                () => interruptedBy !== null
            );
        } finally {
            for (const [signal, listeners] of others) {
                process.off(signal, onSignal);
                for (const listener of listeners) process.on(signal, listener as (signal: NodeJS.Signals) => void);
            }
            this.spinner.stop();
        }
        const { results, made, failed, notRun } = outcomeOf(operations, outcomes);
        result.results = results;
        const outcome: OutcomeJson = { made, failed, notRun, interruptedBy, recheckError: null };
        result.outcome = outcome;
        const summary = (): void => {
            this.log('');
            this.log(paint(style, 'bold', messages.getMessage('outcome.summary', [made, failed, notRun])));
            for (const r of results)
                if (r.status !== 'done')
                    this.log(
                        `  ${r.status === 'failed' ? messages.getMessage('outcome.failed') : messages.getMessage('outcome.notRun')}: ${r.text}`
                    );
        };

        if (interruptedBy) {
            summary();
            this.warn(messages.getMessage('warning.interrupted', [interruptedBy]));
            process.exitCode = SIGNAL_EXIT[interruptedBy] ?? 130;
            return result;
        }

        let after: Awaited<ReturnType<typeof this.load>>;
        try {
            after = await this.load(api, { ...choicesOf(f), queueMembers: f['queue-members'] });
        } catch (error) {
            // The changes' outcome is known even when the org cannot be read again: say it, then why it stops.
            const failure = this.orgFailure(error) as Error & { result?: FixResult; actions?: string[] };
            outcome.recheckError = failure.message;
            summary();
            failure.result = result;
            failure.actions = [
                messages.getMessage('action.recheck', [made, failed, notRun]),
                ...(failure.actions ?? []),
            ];
            throw failure;
        }
        result.after = itemsJson(after.items);
        this.log('');
        this.log(checklistTable(after.items, style));
        const left = cannotFixLines(after.items, api.connection?.instanceUrl);
        if (left.length > 0) {
            this.log('');
            this.log(messages.getMessage('plan.cannotFix', [left.length]));
            for (const line of left) this.log(line);
        }
        summary();
        if (failed > 0) this.warn(messages.getMessage('warning.partial', [made, failed, notRun]));
        process.exitCode = failed === 0 && after.items.every((i) => i.status === 'pass') ? EXIT.ok : EXIT.failed;
        if (failed === 0 && after.items.some((i) => i.status !== 'pass') && !needProfiles && !needQueueMembers)
            this.warn(messages.getMessage('warning.notReady'));
        return result;
    }
}
