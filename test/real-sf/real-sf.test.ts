/**
 * The plugin in the real Salesforce CLI (`@salesforce/cli` from npm, on Node 22 from npm, see realSf.ts) against the
 * fake org on 127.0.0.1: linked (`sf plugins link`), then installed from the packed tarball (`sf plugins install`).
 * The first run installs the real sf into node_modules/.cache/simplychat-real-sf (about 45 s and 480 MB); when the npm
 * registry cannot be reached the sf tests are skipped with the reason, never silently.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it, type TestContext } from 'node:test';
import { evaluate, type OrgSnapshot } from '../../force-app/main/default/lwc/setupEngine/setupEngine';
import { choices, partlySetUpOrg } from '../../samples/orgs';
import { FakeSalesforce } from '../fakeOrg/fakeSalesforce';
import { ROOT } from '../plugin/pluginHarness';
import { childEnv, installRealSf, RealSf, REAL_SF_VERSIONS, run, type Installed, type Ran } from './realSf';

/** A token in the form `sf org login access-token` accepts (`<org id>!<token>`). */
const TOKEN = '00D5g000000OrgAAAA!fake-real-sf';
const PROFILES = ['--profiles', 'SimplyChat Agent', '--profiles', 'Support'];
const ARRAY_FORMAT_WARNING = /input format for array arguments has changed/;

interface Envelope<T> {
    status: number;
    result?: T;
    warnings?: string[];
    name?: string;
    message?: string;
    exitCode?: number;
}
interface Item {
    id: string;
    status: string;
}
interface FixResult {
    dryRun?: boolean;
    items: Item[];
    plan: { kind: string; itemId: string }[];
    results: { status: string; itemId: string }[];
    after: Item[] | null;
}
interface PluginEntry {
    name: string;
    type: string;
    root: string;
}

function json<T>(text: string): Envelope<T> {
    try {
        return JSON.parse(text) as Envelope<T>;
    } catch {
        throw new Error(`Not a JSON envelope:\n${text}`);
    }
}

function statusOf(snapshot: OrgSnapshot): Record<string, string> {
    return Object.fromEntries(evaluate({ ...snapshot, choices: choices() }).map((i) => [i.id, i.status]));
}

function statuses(items: Item[] | null | undefined): Record<string, string> {
    return Object.fromEntries((items ?? []).map((i) => [i.id, i.status]));
}

/** `npm pack` of the project, then `sf plugins install file:…` of the tarball, allow-listed as unsigned. */
async function installTarball(s: RealSf): Promise<Ran> {
    const dir = path.join(s.home, 'pack');
    fs.mkdirSync(dir);
    // What prepack does (the scripts are built already): the manifest goes into the tarball, then leaves the tree.
    await run(process.execPath, [path.join(ROOT, 'build', 'scripts', 'manifest.js')], { env: childEnv() });
    const pack = await run('npm', ['pack', '--pack-destination', dir, '--ignore-scripts'], { env: childEnv() });
    await run(process.execPath, [path.join(ROOT, 'build', 'scripts', 'manifest.js'), '--remove'], { env: childEnv() });
    if (pack.code !== 0) return pack;
    const url = `file://${path.join(dir, 'simplychat-setup-0.1.0.tgz')}`;
    // sf asks before installing a plugin that is not signed; the allow list in its config folder answers for it.
    const config = path.join(s.home, '.config', 'sf');
    fs.mkdirSync(config, { recursive: true });
    fs.writeFileSync(path.join(config, 'unsignedPluginAllowList.json'), JSON.stringify([url]));
    const install = await s.sf(['plugins', 'install', url]);
    return { ...install, seconds: pack.seconds + install.seconds };
}

/** The plugin as `sf plugins --json` lists it (a bare array of oclif plugins, core ones included). */
async function plugin(s: RealSf): Promise<PluginEntry | undefined> {
    const listed = await s.sf(['plugins', '--json']);
    assert.equal(listed.code, 0, listed.err);
    return (JSON.parse(listed.out) as PluginEntry[]).find((p) => p.name === 'simplychat-setup');
}

describe(`the real sf (@salesforce/cli ${REAL_SF_VERSIONS.cli} on Node ${REAL_SF_VERSIONS.node})`, () => {
    let installed: Installed = { ok: false, reason: 'not installed yet' };
    let sf: RealSf | undefined;
    let packed: RealSf | undefined;
    let tarball: Promise<Ran> | undefined;
    const fake = new FakeSalesforce(partlySetUpOrg());
    fake.token = TOKEN;
    let url = '';

    /** The real sf, or the test is skipped with the reason printed. */
    function real(t: TestContext): RealSf | undefined {
        if (sf) return sf;
        const reason = installed.ok ? 'the real sf did not start' : installed.reason;
        console.log(`real sf: SKIPPED, ${reason}`);
        t.skip(reason);
        return undefined;
    }

    before(async () => {
        installed = await installRealSf();
        if (!installed.ok) {
            console.log(`real sf: not installed: ${installed.reason}. The real-sf tests are skipped.`);
            return;
        }
        console.log(
            `real sf: ${installed.fresh ? 'installed' : 'found'} @salesforce/cli ${REAL_SF_VERSIONS.cli} and Node ` +
                `${REAL_SF_VERSIONS.node} in ${installed.seconds.toFixed(1)} s`
        );
        sf = new RealSf(installed);
        url = await fake.start();
        // The tarball installs into an sf home of its own while the linked plugin is tested (npm waits on the
        // network and the disk, the linked runs on the CPU).
        packed = new RealSf(installed);
        tarball = installTarball(packed);
    });
    after(async () => {
        await tarball;
        await fake.stop();
        sf?.stop();
        packed?.stop();
    });

    it('runs on Node 22 and links the plugin (sf plugins link, no npm install in the project)', async (t) => {
        const s = real(t);
        if (!s) return;
        const version = await s.sf(['--version']);
        assert.equal(version.code, 0, version.err);
        assert.match(
            version.out,
            new RegExp(`@salesforce/cli/${REAL_SF_VERSIONS.cli} .* node-v${REAL_SF_VERSIONS.node}`)
        );
        const link = await s.sf(['plugins', 'link', ROOT, '--no-install']);
        assert.equal(link.code, 0, link.err);
        const entry = await plugin(s);
        assert.equal(entry?.type, 'link');
        assert.equal(fs.realpathSync(entry?.root ?? ''), fs.realpathSync(ROOT));
        const help = await s.sf(['simplychat', 'setup', 'fix', '--help']);
        assert.equal(help.code, 0, help.err);
        assert.match(help.out, /--enable-omni-channel/);
        assert.match(help.out, /EXAMPLES/);
        assert.match(help.out, /ERROR CODES/);
        assert.match(help.out, /4 \(network or server\)/);
    });

    it('logs in to the fake org with sf org login access-token', async (t) => {
        const s = real(t);
        if (!s) return;
        const login = await s.sf(
            ['org', 'login', 'access-token', '--instance-url', url, '--alias', 'fake', '--no-prompt', '--json'],
            {
                SF_ACCESS_TOKEN: TOKEN,
            }
        );
        assert.equal(login.code, 0, login.err + login.out);
        assert.equal(json<{ username: string }>(login.out).result?.username, 'admin@fake.example');
    });

    it('check --json: sf envelope, exit code = status, the engine statuses, nothing written', async (t) => {
        const s = real(t);
        if (!s) return;
        fake.requests = [];
        const result = await s.sf(['simplychat', 'setup', 'check', '-o', 'fake', ...PROFILES, '--json']);
        const envelope = json<{ ready: boolean; items: Item[] }>(result.out);
        assert.equal(result.code, 1, result.err);
        assert.equal(envelope.status, 1);
        assert.equal(envelope.result?.ready, false);
        assert.deepEqual(statuses(envelope.result?.items), statusOf(fake.snapshot));
        assert.equal(statuses(envelope.result?.items).routingConfig, 'fail');
        assert.ok(!envelope.warnings?.some((w) => ARRAY_FORMAT_WARNING.test(w)), String(envelope.warnings));
        assert.equal(fake.writes, 0);
        assert.ok(fake.requests.length > 10, 'read through the org connection sf keeps');
        assert.deepEqual(s.takeConnections(), [], 'sf talked to nothing but the fake org');
    });

    it('fix --dry-run --json: the whole plan, nothing written', async (t) => {
        const s = real(t);
        if (!s) return;
        const result = await s.sf(['simplychat', 'setup', 'fix', '-o', 'fake', ...PROFILES, '--dry-run', '--json']);
        const envelope = json<FixResult>(result.out);
        assert.equal(result.code, 1, result.err);
        assert.equal(envelope.status, 1);
        assert.equal(envelope.result?.dryRun, true);
        assert.equal(envelope.result?.plan[0].kind, 'upsertRoutingConfig');
        assert.ok((envelope.result?.plan.length ?? 0) >= 5, JSON.stringify(envelope.result?.plan));
        assert.deepEqual(envelope.result?.results, []);
        assert.equal(fake.writes, 0);
    });

    it('fix --yes --json: every change made, the re-check is the org truth; a second run changes nothing', async (t) => {
        const s = real(t);
        if (!s) return;
        const args = ['simplychat', 'setup', 'fix', '-o', 'fake', ...PROFILES, '--capacity', '3', '--yes', '--json'];
        const first = await s.sf(args);
        const envelope = json<FixResult>(first.out);
        const truth = statusOf(fake.snapshot);
        const ready = Object.values(truth).every((status) => status === 'pass');
        assert.equal(first.code, ready ? 0 : 1, first.err);
        assert.equal(envelope.status, first.code);
        assert.ok(fake.writes > 0);
        assert.ok(envelope.result?.results.length, 'changes were made');
        assert.deepEqual(
            envelope.result?.results.filter((r) => r.status !== 'done'),
            []
        );
        assert.deepEqual(statuses(envelope.result?.after), truth);
        for (const step of envelope.result?.plan ?? []) assert.equal(truth[step.itemId], 'pass', step.itemId);
        const writes = fake.writes;
        const second = await s.sf(args);
        assert.equal(second.code, first.code, second.err);
        assert.deepEqual(json<FixResult>(second.out).result?.plan, []);
        assert.equal(fake.writes, writes, 'the second run writes nothing');
        assert.deepEqual(s.takeConnections(), []);
    });

    it('errors keep their exit codes and the envelope through sf: usage 2, login 3, server 4', async (t) => {
        const s = real(t);
        if (!s) return;
        const usage = await s.sf(['simplychat', 'setup', 'check', '-o', 'fake', '--profilez', 'x', '--json']);
        assert.equal(usage.code, 2, usage.err + usage.out);
        assert.equal(json(usage.out).status, 2);
        const login = await s.sf(['simplychat', 'setup', 'check', '-o', 'nobody@nowhere.example', '--json']);
        assert.equal(login.code, 3, login.err + login.out);
        assert.equal(json(login.out).status, 3);
        fake.failure = 'html503';
        try {
            const server = await s.sf(['simplychat', 'setup', 'check', '-o', 'fake', '--json']);
            assert.equal(server.code, 4, server.err + server.out);
            assert.equal(json(server.out).status, 4);
        } finally {
            fake.failure = 'none';
        }
    });

    // sf turns a TypeError ("fetch failed") into exit 10 and an ErrorId in the cause chain into 20: the plugin's
    // errors carry neither, so sf keeps the documented codes. Each row: human and --json, nothing written.
    const FAULTS = [
        { failure: 'reset', code: 4, args: [] },
        { failure: 'json500', code: 4, args: [] },
        { failure: 'expired', code: 3, args: [] },
        { failure: 'hang', code: 4, args: ['--wait', '3'] },
    ] as const;
    for (const { failure, code, args } of FAULTS)
        it(`check and fix under ${failure} exit ${code} through sf, human and --json, nothing written`, async (t) => {
            const s = real(t);
            if (!s) return;
            fake.failure = failure;
            fake.writes = 0;
            try {
                for (const command of [['check'], ['fix', '--yes']])
                    for (const asJson of [[], ['--json']]) {
                        const ran = await s.sf([
                            'simplychat',
                            'setup',
                            ...command,
                            '-o',
                            'fake',
                            ...PROFILES,
                            ...args,
                            ...asJson,
                        ]);
                        assert.equal(ran.code, code, `${command.join(' ')} ${asJson.join('')}: ${ran.err}${ran.out}`);
                        if (asJson.length > 0) assert.equal(json(ran.out).status, code);
                        else assert.doesNotMatch(ran.err, /\n\s+at .*\.js:\d+/, 'no stack trace');
                    }
                assert.equal(fake.writes, 0);
            } finally {
                fake.failure = 'none';
            }
        });

    it('Ctrl-C during fix: the change in flight ends, nothing after it starts, the outcome is printed (exit 130)', async (t) => {
        const s = real(t);
        if (!s) return;
        fake.snapshot = partlySetUpOrg();
        fake.writes = 0;
        let writesAtSignal = -1;
        let child: ChildProcess | undefined;
        fake.routes.push((request) => {
            // A write as the fake counts it: any call but a GET or a Metadata read (deploy included).
            const soap = request.url.pathname.includes('/services/Soap/m/');
            const soapRead =
                /<(?:\w+:)?(readMetadata|listMetadata|describeMetadata|retrieve|checkRetrieveStatus|checkDeployStatus)\b/;
            const write = request.method !== 'GET' && !(soap && soapRead.test(request.body));
            if (write && writesAtSignal < 0 && child) {
                writesAtSignal = fake.writes;
                child.kill('SIGINT');
            }
            return undefined;
        });
        fake.latencyMs = 200;
        try {
            const args = ['simplychat', 'setup', 'fix', '-o', 'fake', ...PROFILES, '--yes', '--json'];
            const ran = await new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
                child = spawn(s.installed.node, [s.installed.sf, ...args], { env: s.env(), cwd: s.home });
                let out = '';
                let err = '';
                child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
                child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
                child.on('close', (code) => resolve({ code, out, err }));
            });
            assert.equal(ran.code, 130, ran.err + ran.out);
            const envelope = json<FixResult & { outcome: { made: number; notRun: number; interruptedBy: string } }>(
                ran.out
            );
            assert.equal(envelope.status, 130);
            assert.equal(envelope.result?.outcome.interruptedBy, 'SIGINT');
            assert.ok((envelope.result?.outcome.made ?? 0) >= 1, 'the change in flight is made');
            assert.ok((envelope.result?.outcome.notRun ?? 0) > 0);
            // The change in flight may take two calls (a record move deletes, then inserts); nothing after it starts.
            assert.ok(fake.writes - writesAtSignal <= 2, `${fake.writes - writesAtSignal} writes after the signal`);
            assert.doesNotMatch(ran.err, /\n\s+at .*\.js:\d+/, 'no stack trace');
        } finally {
            fake.routes.splice(0);
            fake.latencyMs = 0;
        }
    });

    it('installs from the packed tarball (sf plugins install file:…, unsigned, allow-listed) and runs it', async (t) => {
        const s = real(t);
        if (!s || !packed || !tarball) return;
        const install = await tarball;
        console.log(`real sf: npm pack and sf plugins install of the tarball took ${install.seconds.toFixed(1)} s`);
        assert.equal(install.code, 0, install.err + install.out);
        assert.match(install.out + install.err, /is allow-listed/);
        assert.doesNotMatch(install.out + install.err, /did not produce all the expected files/);
        packed.takeConnections(); // npm fetched what its cache lacked: expected while installing
        const entry = await plugin(packed);
        assert.equal(entry?.type, 'user');
        assert.ok(fs.existsSync(path.join(entry?.root ?? '', 'oclif.manifest.json')), 'the manifest ships');
        assert.ok(!fs.realpathSync(entry?.root ?? '').startsWith(fs.realpathSync(ROOT)), entry?.root);
        // The same login as the linked run: sf's auth files and the key that encrypts the token.
        for (const dir of ['.sfdx', '.sf'].filter((d) => fs.existsSync(path.join(s.home, d))))
            fs.cpSync(path.join(s.home, dir), path.join(packed.home, dir), { recursive: true });
        const check = await packed.sf(['simplychat', 'setup', 'check', '-o', 'fake', ...PROFILES, '--json']);
        const envelope = json<{ items: Item[] }>(check.out);
        assert.equal(envelope.status, check.code, check.err);
        assert.deepEqual(statuses(envelope.result?.items), statusOf(fake.snapshot));
        assert.deepEqual(packed.takeConnections(), []);
    });
});
