/**
 * Runs the plugin's commands in this process through oclif (the plugin's own entry point, as `sf` loads it), with a
 * Salesforce CLI login to a fake org stored in a temporary HOME, and captures what they print and their exit code.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { OrgSnapshot } from '../../force-app/main/default/lwc/setupEngine/setupEngine';
import { FakeSalesforce } from '../fakeOrg/fakeSalesforce';

export const ROOT = path.resolve(__dirname, '..', '..', '..');
export const ALIAS = 'fake';

export interface Captured {
    code: number;
    out: string;
    err: string;
}

interface OclifConfig {
    runCommand(id: string, argv: string[]): Promise<unknown>;
    findCommand(id: string): { load(): Promise<{ prototype: Record<string, unknown> }> } | undefined;
}

export class PluginHarness {
    readonly home = fs.mkdtempSync(path.join(os.tmpdir(), 'simplychat-plugin-home-'));
    readonly cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'simplychat-plugin-cwd-'));
    fake!: FakeSalesforce;
    url = '';
    private config?: OclifConfig;

    /** Starts the fake org and logs the Salesforce CLI in to it (access token), with the alias `fake`. */
    async start(snapshot: OrgSnapshot): Promise<void> {
        Object.assign(process.env, {
            HOME: this.home,
            SF_USE_GENERIC_UNIX_KEYCHAIN: 'true',
            SF_DISABLE_LOG_FILE: 'true',
            SF_DISABLE_TELEMETRY: 'true',
            SF_DISABLE_AUTOUPDATE: 'true',
            SF_HIDE_RELEASE_NOTES: 'true',
            SF_SKIP_NEW_VERSION_CHECK: 'true',
            SIMPLYCHAT_TIMEOUT_MS: '3000',
        });
        this.fake = new FakeSalesforce(snapshot);
        this.url = await this.fake.start();
        const { AuthInfo, StateAggregator } = await import('@salesforce/core');
        const auth = await AuthInfo.create({
            accessTokenOptions: { accessToken: this.fake.token, instanceUrl: this.url, loginUrl: this.url },
        });
        await auth.save();
        const state = await StateAggregator.getInstance();
        await state.aliases.setAndSave(ALIAS, auth.getUsername());
        const { Config } = await import('@oclif/core');
        this.config = (await Config.load(ROOT)) as unknown as OclifConfig;
        this.fake.requests = [];
    }

    /** The fake org now holds this snapshot (same server, same login). */
    reset(snapshot: OrgSnapshot): void {
        this.fake.snapshot = snapshot;
        this.fake.writes = 0;
        this.fake.requests = [];
        this.fake.refuse.clear();
        this.fake.refuseRecords = null;
        this.fake.failure = 'none';
        this.fake.failAfter = undefined;
        this.fake.extraProfiles = [];
        this.fake.people = undefined;
        this.fake.largestMetadataCall = 0;
        this.fake.soapCalls = [];
        this.fake.routes.splice(0);
        this.fake.received.splice(0);
        this.fake.inactiveSessionPermissions = {};
        this.fake.organization = {
            Name: 'Fake Org',
            IsSandbox: true,
            OrganizationType: 'Enterprise Edition',
            TrialExpirationDate: null,
        };
    }

    async stop(): Promise<void> {
        await this.fake?.stop();
        fs.rmSync(this.home, { recursive: true, force: true });
        fs.rmSync(this.cwd, { recursive: true, force: true });
    }

    /** Replaces a method of a command class (e.g. the confirmation prompt) for the next runs. */
    async stub(id: string, method: string, value: unknown): Promise<void> {
        const command = await this.config?.findCommand(id)?.load();
        if (command) command.prototype[method] = value;
    }

    /** `sf simplychat setup <argv>`: its output and exit code. */
    async run(argv: string[]): Promise<Captured> {
        const out: string[] = [];
        const err: string[] = [];
        const writes = { out: process.stdout.write, err: process.stderr.write };
        const cwd = process.cwd();
        process.chdir(this.cwd);
        // The test runner's own reporter writes through a stream pipe: let it through, capture the command's output.
        const capture =
            (into: string[], real: typeof process.stdout.write) =>
            (chunk: string | Uint8Array, ...rest: unknown[]): boolean => {
                if (/internal\/streams|internal\/test_runner/.test(new Error().stack ?? ''))
                    return (real as (...a: unknown[]) => boolean)(chunk, ...rest);
                into.push(String(chunk));
                return true;
            };
        process.stdout.write = capture(out, writes.out.bind(process.stdout) as never) as never;
        process.stderr.write = capture(err, writes.err.bind(process.stderr) as never) as never;
        process.exitCode = undefined;
        const { ConfigAggregator } = await import('@salesforce/core');
        await ConfigAggregator.clearInstance();
        let code: number;
        try {
            const [sub, ...rest] = argv;
            await this.config?.runCommand(`simplychat:setup:${sub}`, rest);
            code = typeof process.exitCode === 'number' ? process.exitCode : 0;
        } catch (error) {
            const e = error as { oclif?: { exit?: number }; exitCode?: number };
            code = e.oclif?.exit ?? e.exitCode ?? 1;
        } finally {
            process.stdout.write = writes.out;
            process.stderr.write = writes.err;
            process.chdir(cwd);
        }
        process.exitCode = undefined;
        await this.fake.quiet();
        return { code, out: out.join(''), err: err.join('') };
    }
}

/** sf's JSON envelope, as the plugin's commands print it with --json. */
export interface Envelope<T> {
    status: number;
    result?: T;
    warnings?: string[];
    name?: string;
    message?: string;
    actions?: string[];
}

/** A checklist item in a command's JSON result. */
export interface Item {
    id: string;
    status: string;
    needs: string[];
    reason: { key: string; params?: Record<string, string | number> };
}
