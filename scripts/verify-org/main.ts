/**
 * npm run verify:org -- --target-org <alias> [--json] [--report <file>] [--only id,id] [--api-version 65.0]
 *
 * Probes, in a real org, every Salesforce fact docs/org-verification.md still lists as unknown, and prints
 * fact → holds / does not hold / could not tell with the org's own answer as evidence. Read-only except two probes
 * marked "writes": one re-sets the package flow's active version to the version already active, one creates
 * presence configurations all-or-none (designed to be rolled back) and deletes anything left behind.
 * Best in a scratch org from config/project-scratch-def.json with the SimplyChat package installed.
 *
 * Authentication: --target-org uses an org the Salesforce CLI (sf) is logged in to (@salesforce/core). For tests
 * and pipelines: --instance-url <url> with the access token in SF_ACCESS_TOKEN.
 *
 * Exit code: 0 when no fact is contradicted, 1 when one does not hold, 2 on bad usage or no connection.
 */
import '../lib/quiet-sf-env';
import fs from 'node:fs';
import { OrgApi } from './org-api';
import { allProbes, type Outcome, type Probe, type Verdict } from './probes';

export const USAGE = `Usage: npm run verify:org -- --target-org <alias> [--json] [--report <file>] [--only <id,id>] [--api-version <v>]
       npm run verify:org -- --instance-url <url> [...]   (access token in SF_ACCESS_TOKEN)`;

export interface Io {
    out: (text: string) => void;
    err: (text: string) => void;
}

interface Args {
    targetOrg?: string;
    instanceUrl?: string;
    json: boolean;
    only?: string[];
    /** Also write the JSON report to this file. */
    report?: string;
    apiVersion: string;
}

class UsageError extends Error {}

export function parseArgs(argv: readonly string[]): Args {
    const args: Args = { json: false, apiVersion: '65.0' };
    for (let i = 0; i < argv.length; i++) {
        const [flag, inline] = argv[i].split(/=(.*)/s, 2);
        const value = (): string => {
            const v = inline ?? argv[++i];
            if (v === undefined || v.startsWith('--')) throw new UsageError(`${flag} needs a value.`);
            return v;
        };
        if (flag === '--target-org' || flag === '-o') args.targetOrg = value();
        else if (flag === '--instance-url') args.instanceUrl = value();
        else if (flag === '--api-version') args.apiVersion = value();
        else if (flag === '--only')
            args.only = value()
                .split(',')
                .map((s) => s.trim());
        else if (flag === '--report') args.report = value();
        else if (flag === '--json') args.json = true;
        else throw new UsageError(`Unknown option ${argv[i]}.`);
    }
    if (!args.targetOrg === !args.instanceUrl) throw new UsageError('Give either --target-org or --instance-url.');
    if (!/^\d+\.0$/.test(args.apiVersion)) throw new UsageError(`${args.apiVersion} is not an API version.`);
    return args;
}

/** The sf CLI's stored authorization for an alias or username, refreshed. */
async function connectWithSf(alias: string, apiVersion: string): Promise<OrgApi> {
    const { Org } = (await import('@salesforce/core')) as unknown as {
        Org: {
            create: (o: { aliasOrUsername: string }) => Promise<{
                getConnection: () => { accessToken?: string; instanceUrl: string };
                refreshAuth: () => Promise<void>;
            }>;
        };
    };
    try {
        const org = await Org.create({ aliasOrUsername: alias });
        await org.refreshAuth();
        const connection = org.getConnection();
        return new OrgApi(connection.instanceUrl, String(connection.accessToken), apiVersion);
    } catch (error) {
        throw new UsageError(
            `No usable Salesforce CLI login for "${alias}": ${(error as Error).message} (run: sf org login web --alias ${alias})`
        );
    }
}

export interface ProbeReport extends Outcome {
    id: string;
    fact: string;
    writes: boolean;
}

const WORDS: Record<Verdict, string> = {
    holds: 'holds',
    doesNotHold: 'does not hold',
    couldNotTell: 'could not tell',
};

export function table(reports: readonly ProbeReport[]): string {
    const idWidth = Math.max(...reports.map((r) => r.id.length), 4);
    const verdictWidth = Math.max(...reports.map((r) => WORDS[r.verdict].length));
    const lines = reports.map(
        (r) =>
            `${r.id.padEnd(idWidth)}  ${WORDS[r.verdict].padEnd(verdictWidth)}  ${r.fact}${r.writes ? ' [writes, cleans up]' : ''}\n` +
            `${' '.repeat(idWidth + verdictWidth + 4)}${r.evidence}`
    );
    const count = (v: Verdict) => reports.filter((r) => r.verdict === v).length;
    return [
        ...lines,
        '',
        `${count('holds')} hold, ${count('doesNotHold')} do not hold, ${count('couldNotTell')} could not tell.`,
    ].join('\n');
}

export async function runProbes(api: OrgApi, probes: readonly Probe[]): Promise<ProbeReport[]> {
    const reports: ProbeReport[] = [];
    for (const probe of probes) {
        // One at a time: the org sees at most one probe's calls at once, and a failure is the probe's own.
        const outcome = await probe.run(api);
        reports.push({ id: probe.id, fact: probe.fact, writes: probe.writes, ...outcome });
    }
    return reports;
}

export async function run(
    argv: readonly string[],
    env: Readonly<Record<string, string | undefined>>,
    io: Io
): Promise<number> {
    let args: Args;
    let probes: Probe[];
    try {
        args = parseArgs(argv);
        probes = allProbes();
        const unknown = (args.only ?? []).filter((id) => !probes.some((p) => p.id === id));
        if (unknown.length) throw new UsageError(`No probe ${unknown.join(', ')}.`);
        if (args.only) probes = probes.filter((p) => args.only?.includes(p.id));
    } catch (error) {
        io.err(`${(error as Error).message}\n${USAGE}`);
        return 2;
    }
    let api: OrgApi;
    try {
        api = args.instanceUrl
            ? new OrgApi(args.instanceUrl, String(env.SF_ACCESS_TOKEN), args.apiVersion)
            : await connectWithSf(String(args.targetOrg), args.apiVersion);
    } catch (error) {
        io.err((error as Error).message);
        return 2;
    }
    const reports = await runProbes(api, probes);
    const json = JSON.stringify({ probes: reports }, null, 2);
    if (args.report) fs.writeFileSync(args.report, `${json}\n`);
    io.out(args.json ? json : table(reports));
    return reports.some((r) => r.verdict === 'doesNotHold') ? 1 : 0;
}

/* c8 ignore start */
if (require.main === module) {
    run(process.argv.slice(2), process.env, {
        out: (t) => process.stdout.write(`${t}\n`),
        err: (t) => process.stderr.write(`${t}\n`),
    }).then(
        (code) => (process.exitCode = code),
        (error: unknown) => {
            process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
            process.exitCode = 2;
        }
    );
}
/* c8 ignore stop */
