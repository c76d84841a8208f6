#!/usr/bin/env node
/**
 * simplychat-setup — the SimplyChat Setup checklist from the command line, right after installing the package
 * (or before, as a pre-flight check). check reads the org and evaluates it with the tab's own engine; fix plans
 * with the same engine and writes through the Tooling and Metadata APIs. Exit codes: 0 pass, 1 fail, 2 usage/auth.
 */
import readline from 'node:readline/promises';
import {
    defaultChoices,
    evaluate,
    plan,
    type ChecklistItem,
    type Operation,
    type OrgSnapshot,
    type SetupChoices,
} from '../../force-app/main/default/lwc/setupEngine/setupEngine';
import { ApiError, SalesforceApi } from './api';
import { parseArgs, UsageError, USAGE, type CliArgs } from './args';
import { Executor, profileFullNames, type OperationOutcome } from './executor';
import { checklistTable, operationText, paint, reasonText, type Style } from './output';
import { readOrg, readSnapshot, type OrgInfo } from './reader';

export interface Io {
    out: (text: string) => void;
    err: (text: string) => void;
    /** Asks a yes/no question; undefined when no one can answer (not a terminal). */
    ask?: (question: string) => Promise<string>;
    color: boolean;
}

/** Connects with the sf CLI's stored authorization for an alias or username. */
async function connectWithSf(alias: string, apiVersion: string): Promise<SalesforceApi> {
    process.env.SF_DISABLE_LOG_FILE ??= 'true';
    const { Org } = (await import('@salesforce/core')) as unknown as {
        Org: {
            create: (o: { aliasOrUsername: string }) => Promise<{
                getConnection: () => { accessToken?: string; instanceUrl: string };
                refreshAuth: () => Promise<void>;
            }>;
        };
    };
    let org;
    try {
        org = await Org.create({ aliasOrUsername: alias });
        await org.refreshAuth();
    } catch (error) {
        throw new UsageError(
            `No usable Salesforce CLI login for "${alias}": ${(error as Error).message} (run: sf org login web --alias ${alias})`
        );
    }
    const connection = org.getConnection();
    return new SalesforceApi(connection.instanceUrl, String(connection.accessToken), apiVersion);
}

function choicesFrom(args: CliArgs, snapshot: OrgSnapshot | undefined): SetupChoices {
    const base = defaultChoices();
    const chatObject = args.chatObject ?? base.chatObject;
    let agentProfileIds: string[] = [];
    if (args.profiles && snapshot) {
        const byName = new Map(
            (snapshot.profiles.status === 'read' ? snapshot.profiles.records : []).map((p) => [
                p.Name.toLowerCase(),
                p.Id,
            ])
        );
        const unknown = args.profiles.filter((name) => !byName.has(name.toLowerCase()));
        if (unknown.length > 0)
            throw new UsageError(`No active profile named ${unknown.map((n) => `"${n}"`).join(', ')} in this org.`);
        agentProfileIds = args.profiles.map((name) => byName.get(name.toLowerCase()) as string);
    }
    return {
        ...base,
        chatObject,
        capacity: args.capacity ?? null,
        agentProfileIds,
        moveDirectUsers: args.moveDirectUsers,
        separateOnlineStatus: args.separateOnlineStatus,
    };
}

async function load(
    api: SalesforceApi,
    org: OrgInfo,
    args: CliArgs
): Promise<{ snapshot: OrgSnapshot; items: ChecklistItem[] }> {
    // Read once to resolve profile names, then with the agent profiles chosen (their access is read for them).
    let snapshot = await readSnapshot(api, org, choicesFrom(args, undefined));
    if (args.profiles) snapshot = await readSnapshot(api, org, choicesFrom(args, snapshot));
    return { snapshot, items: evaluate(snapshot) };
}

function json(io: Io, value: unknown): void {
    io.out(JSON.stringify(value, null, 2));
}

async function confirm(io: Io, args: CliArgs, org: OrgInfo, count: number): Promise<boolean> {
    if (args.yes) return true;
    if (!io.ask) throw new UsageError('Refusing to change the org without --yes in a non-interactive shell.');
    const answer = await io.ask(`Apply ${count} change(s) to ${org.name} (${org.id})? [y/N] `);
    return /^y(es)?$/i.test(answer.trim());
}

export async function run(
    argv: readonly string[],
    env: Readonly<Record<string, string | undefined>>,
    io: Io
): Promise<number> {
    if (argv.length === 1 && ['--help', '-h', 'help'].includes(argv[0])) {
        io.out(USAGE);
        return 0;
    }
    let args: CliArgs;
    try {
        args = parseArgs(argv, env);
    } catch (error) {
        io.err(`${(error as Error).message}\n\n${USAGE}`);
        return 2;
    }
    const style: Style = { color: io.color && !args.json };
    try {
        const api = args.instanceUrl
            ? new SalesforceApi(args.instanceUrl, String(env.SF_ACCESS_TOKEN), args.apiVersion)
            : await connectWithSf(String(args.targetOrg), args.apiVersion);
        const org = await readOrg(api);
        if (org.production) io.err(paint(style, 'red', `WARNING: ${org.name} (${org.id}) is a PRODUCTION org.`));
        const { snapshot, items } = await load(api, org, args);

        if (args.command === 'check') {
            if (args.json) json(io, { org, items });
            else io.out(checklistTable(items, style));
            return items.every((i) => i.status === 'pass') ? 0 : 1;
        }

        const operations: Operation[] = plan(snapshot, 'all');
        if (operations.some((op) => op.kind === 'enableOmniChannel') && !args.enableOmniChannel) {
            throw new UsageError(
                'Omni-Channel is off. Enabling it changes a setting for the whole org: add --enable-omni-channel to allow it.'
            );
        }
        if (!args.json) {
            io.out(checklistTable(items, style));
            io.out(operations.length === 0 ? '\nNothing to change.' : `\nPlanned changes (${operations.length}):`);
            operations.forEach((op, i) => io.out(`  ${i + 1}. ${operationText(op)}`));
        }
        if (args.dryRun || operations.length === 0) {
            if (args.json) json(io, { org, items, plan: operations, results: [] });
            return items.every((i) => i.status === 'pass') ? 0 : 1;
        }
        if (!(await confirm(io, args, org, operations.length))) {
            io.err('Nothing was changed.');
            return 1;
        }
        const profileIds = [...new Set(operations.flatMap(profilesOf))];
        const executor = new Executor(api, await profileFullNames(api, profileIds), org.id);
        const outcomes = await executor.run(operations, (o) => {
            if (args.json) return;
            const mark = {
                done: paint(style, 'green', 'done'),
                failed: paint(style, 'red', 'FAILED'),
                notRun: paint(style, 'grey', 'not run'),
            }[o.status];
            io.out(
                `  [${o.index + 1}/${operations.length}] ${mark}  ${operationText(o.operation)}${o.error ? ` — ${o.error.code}: ${o.error.message}` : ''}`
            );
        });
        const after = await load(api, org, args);
        if (args.json)
            json(io, { org, items, plan: operations, results: outcomes.map(resultJson), after: after.items });
        else {
            io.out('');
            io.out(checklistTable(after.items, style));
            const failed = outcomes.filter((o) => o.status === 'failed');
            if (failed.length > 0)
                io.err(
                    paint(
                        style,
                        'red',
                        `${failed.length} change(s) failed; ${outcomes.filter((o) => o.status === 'notRun').length} not run.`
                    )
                );
        }
        return outcomes.every((o) => o.status === 'done') ? 0 : 1;
    } catch (error) {
        if (error instanceof UsageError) {
            io.err(error.message);
            return 2;
        }
        if (error instanceof ApiError && (error.status === 401 || error.code === 'INVALID_SESSION_ID')) {
            io.err(
                `Authentication failed (${error.code}): log in again (sf org login web) or refresh SF_ACCESS_TOKEN.`
            );
            return 2;
        }
        io.err(`Failed: ${error instanceof Error ? error.message : String(error)}`);
        return 2;
    }
}

function profilesOf(op: Operation): string[] {
    switch (op.kind) {
        case 'createPresenceConfig':
        case 'assignProfilesToConfig':
            return op.profiles.map((p) => p.profileId);
        case 'moveProfilesToConfig':
            return op.moves.map((m) => m.profileId);
        case 'grantStatusAccess':
            return op.grants.map((g) => g.profileId);
        default:
            return [];
    }
}

function resultJson(o: OperationOutcome): Record<string, unknown> {
    return {
        index: o.index,
        kind: o.operation.kind,
        itemId: o.operation.itemId,
        status: o.status,
        changed: o.changed,
        error: o.error ?? null,
        text: operationText(o.operation),
    };
}

export { reasonText };

if (require.main === module) {
    const interactive = Boolean(process.stdin.isTTY);
    const io: Io = {
        out: (t) => process.stdout.write(`${t}\n`),
        err: (t) => process.stderr.write(`${t}\n`),
        color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
        ask: interactive
            ? async (question) => {
                  const rl = readline.createInterface({ input: process.stdin, output: process.stdout });
                  try {
                      return await rl.question(question);
                  } finally {
                      rl.close();
                  }
              }
            : undefined,
    };
    run(process.argv.slice(2), process.env, io).then((code) => {
        process.exitCode = code;
    });
}
