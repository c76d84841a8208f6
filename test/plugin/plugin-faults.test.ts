/**
 * The sf plugin under faults, as a release engineer tries it: every command in human and --json form against a fake
 * org that is down, drops connections, hangs, answers 5xx pages (HTML, or Salesforce's JSON with an ErrorId) or has
 * expired the session; faults in the middle of a fix; Ctrl-C during a fix; queries of 1,000 agent profiles against
 * the URI limit. Each row: the documented exit code (sf's own rules included: a TypeError or an ErrorId anywhere in
 * the error's cause chain would turn it into 10 or 20), the envelope's status equal to it, and the org's writes.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import { ITEM_IDS, type OrgSnapshot } from '../../force-app/main/default/lwc/setupEngine/setupEngine';
import { fullySetUpOrg, omniOrg, partlySetUpOrg, PROFILE, read } from '../../samples/orgs';
import { fitting, fittingPairs, QUERY_URI_BYTES, uriBytes } from '../../src/lib/orgApi';
import { causeText, orgError } from '../../src/lib/errors';
import { onlyStatusAccess } from '../../src/lib/exporter';
import type { FakeFailure } from '../fakeOrg/fakeSalesforce';
import { ERROR_500 } from '../fakeOrg/fakeSalesforce';
import { PluginHarness, type Captured, type Envelope, type Item } from './pluginHarness';

const h = new PluginHarness();
const AGENTS = '--profiles=SimplyChat Agent,Support';
/** An alias whose instance URL answers nothing (a closed port on 127.0.0.1): the network is down. */
const DOWN = 'down';

function json<T>(text: string): Envelope<T> {
    return JSON.parse(text) as Envelope<T>;
}

async function closedPort(): Promise<number> {
    const server = http.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    return port;
}

before(async () => {
    await h.start(partlySetUpOrg());
    // A second login (its own username) made against the fake org, then pointed at a port where nothing listens.
    h.fake.routes.push((request) =>
        /^\/sobjects\/User\//.test(request.path)
            ? { status: 200, body: { Id: h.fake.snapshot.user.id, Username: 'down@fake.example' } }
            : undefined
    );
    const { AuthInfo, StateAggregator } = await import('@salesforce/core');
    const auth = await AuthInfo.create({
        accessTokenOptions: { accessToken: h.fake.token, instanceUrl: h.url, loginUrl: h.url },
    });
    h.fake.routes.splice(0);
    const url = `http://127.0.0.1:${await closedPort()}`;
    auth.update({ instanceUrl: url, loginUrl: url });
    await auth.save();
    const state = await StateAggregator.getInstance();
    await state.aliases.setAndSave(DOWN, auth.getUsername());
});
after(() => h.stop());

type Fault = Exclude<FakeFailure, 'none'> | 'down';
const FAULTS: readonly { fault: Fault; code: number; name: string; message: RegExp }[] = [
    { fault: 'down', code: 4, name: 'NetworkError', message: /could not be reached|not answering/ },
    { fault: 'reset', code: 4, name: 'NetworkError', message: /could not be reached|not answering/ },
    { fault: 'hang', code: 4, name: 'NetworkError', message: /No answer from the org within 1 s/ },
    // jsforce retries a 5xx five times (0.5 s to 8 s apart): within these rows' 3 s the timeout answers first; the
    // rows below give it the time to see the server's own answer.
    { fault: 'html503', code: 4, name: 'NetworkError', message: /server error|not answering/ },
    { fault: 'json500', code: 4, name: 'NetworkError', message: /server error|not answering/ },
    { fault: 'expired', code: 3, name: 'AuthenticationError', message: /refused the login/ },
];
const COMMANDS: readonly (readonly string[])[] = [
    ['check', AGENTS],
    ['fix', AGENTS, '--yes'],
    ['agents', AGENTS],
    ['export', AGENTS, '--output-dir', 'export-under-fault'],
];

describe('exit codes under faults (every command, human and --json)', () => {
    // One second per answer keeps the 64 rows quick; a hang, a refused connection or jsforce's retries of a 5xx
    // outlast it and end as the timeout's exit 4.
    beforeEach(() => {
        h.reset(partlySetUpOrg());
        process.env.SIMPLYCHAT_TIMEOUT_MS = '1000';
    });
    afterEach(() => {
        process.env.SIMPLYCHAT_TIMEOUT_MS = '3000';
    });

    for (const { fault, code, name, message } of FAULTS)
        for (const [command, ...rest] of COMMANDS)
            for (const asJson of [false, true]) {
                it(`${command} ${asJson ? '--json ' : ''}with ${fault}: exit ${code}, nothing written`, async () => {
                    if (fault !== 'down') h.fake.failure = fault;
                    const org = fault === 'down' ? DOWN : 'fake';
                    const result = await h.run([command, '-o', org, ...rest, ...(asJson ? ['--json'] : [])]);
                    assert.equal(result.code, code, result.err + result.out);
                    assert.equal(h.fake.writes, 0);
                    if (asJson) {
                        const envelope = json(result.out);
                        assert.equal(envelope.status, code);
                        assert.equal(envelope.name, name);
                        assert.match(String(envelope.message), message);
                        assert.ok((envelope.actions ?? []).length > 0, 'says what to do');
                    } else {
                        assert.match(result.err, message);
                        assert.doesNotMatch(result.err, /\n\s+at .*\.js:\d+/, 'no stack trace');
                    }
                });
            }

    for (const [fault, asJson] of [
        ['html503', false],
        ['json500', true],
    ] as const)
        it(`check ${asJson ? '--json ' : ''}with ${fault} after jsforce's retries: exit 4, the server's answer`, async () => {
            h.fake.failure = fault;
            process.env.SIMPLYCHAT_TIMEOUT_MS = '40000';
            try {
                const result = await h.run(['check', '-o', 'fake', AGENTS, ...(asJson ? ['--json'] : [])]);
                assert.equal(result.code, 4, result.err + result.out);
                const text = asJson ? result.out : result.err;
                assert.match(text, /answered with a server error/);
                if (fault === 'json500')
                    assert.match(text, /ErrorId: 1939416315-210637 \(-1265693848\)/, 'the ErrorId for Support');
                if (asJson) assert.equal(json(result.out).status, 4);
            } finally {
                process.env.SIMPLYCHAT_TIMEOUT_MS = '3000';
            }
        });

    it('the login action names the alias as typed, not the username', async () => {
        h.fake.failure = 'expired';
        const result = await h.run(['check', '-o', 'fake', '--json']);
        const envelope = json(result.out);
        assert.ok(envelope.actions?.includes('Log in again: sf org login web --alias fake'), String(envelope.actions));
    });
});

describe('errors keep exit codes 3 and 4 through sf (no raw cause)', () => {
    it('a fetch failure keeps no TypeError and a 500 no ErrorId in the cause chain or message', () => {
        const fetchFailed = new TypeError('fetch failed', {
            cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' }),
        });
        const network = orgError(fetchFailed, 'prod');
        assert.equal(network.exitCode, 4);
        assert.equal(network.cause, undefined);
        assert.doesNotMatch(`${network.message}\n${network.stack ?? ''}`, /TypeError/);
        assert.match(causeText(fetchFailed), /ECONNREFUSED/);

        const gack = Object.assign(new Error(ERROR_500[0].message), {
            name: 'UNKNOWN_EXCEPTION',
            errorCode: 'UNKNOWN_EXCEPTION',
        });
        const server = orgError(gack, 'prod');
        assert.equal(server.exitCode, 4);
        assert.doesNotMatch(`${server.message}\n${server.stack ?? ''}`, /\d{9,}-\d{3,} \(-?\d{7,}\)/);
        assert.ok(server.actions?.some((a) => a.includes('1939416315-210637 (-1265693848)')));
    });
});

interface FixJson {
    results: { status: string }[];
    outcome: {
        made: number;
        failed: number;
        notRun: number;
        interruptedBy: string | null;
        recheckError: string | null;
    };
}

describe('fix ends with made / failed / not run, whatever stops it', () => {
    beforeEach(() => h.reset(partlySetUpOrg()));

    const MID: readonly { failure: FakeFailure; code: number }[] = [
        { failure: 'reset', code: 4 },
        { failure: 'json500', code: 4 },
        { failure: 'expired', code: 3 },
    ];
    for (const { failure, code } of MID)
        for (const asJson of [false, true])
            it(`the connection fails after 2 writes (${failure}${asJson ? ', --json' : ''}): exit ${code} with the outcome`, async () => {
                h.fake.failAfter = { writes: 2, failure };
                const result = await h.run(['fix', '-o', 'fake', AGENTS, '--yes', ...(asJson ? ['--json'] : [])]);
                assert.equal(result.code, code, result.err + result.out);
                if (asJson) {
                    const envelope = json<FixJson>(result.out);
                    assert.equal(envelope.status, code);
                    const outcome = envelope.result?.outcome;
                    assert.ok(outcome, 'the error envelope carries the result');
                    // The executor runs every change that does not wait for a failed one: with the connection gone,
                    // each of those fails too.
                    assert.equal(outcome.made, 2);
                    assert.ok(outcome.failed >= 1);
                    assert.equal(outcome.made + outcome.failed + outcome.notRun, envelope.result?.results.length);
                    assert.ok(outcome.recheckError);
                } else {
                    assert.match(result.out, /Outcome: 2 change\(s\) made, \d+ failed, \d+ not run\./);
                    assert.match(result.out, /failed: /);
                    assert.match(result.err, /sf simplychat setup check/);
                }
            });

    for (const signal of ['SIGINT', 'SIGTERM'] as const)
        it(`${signal} stops after the change in flight and prints the outcome (exit ${signal === 'SIGINT' ? 130 : 143})`, async () => {
            let writesAtSignal = -1;
            h.fake.routes.push((request) => {
                const write =
                    request.method !== 'GET' &&
                    (!request.url.pathname.includes('/services/Soap/m/') ||
                        /(create|update)Metadata/.test(request.body));
                if (write && writesAtSignal < 0) {
                    writesAtSignal = h.fake.writes;
                    process.emit(signal, signal);
                }
                return undefined;
            });
            const result = await h.run(['fix', '-o', 'fake', AGENTS, '--yes', '--json']);
            const expected = signal === 'SIGINT' ? 130 : 143;
            assert.equal(result.code, expected, result.err + result.out);
            const envelope = json<FixJson>(result.out);
            assert.equal(envelope.status, expected);
            assert.equal(envelope.result?.outcome.interruptedBy, signal);
            assert.equal(envelope.result?.outcome.made, 1, 'the change in flight ends, nothing after it starts');
            assert.ok((envelope.result?.outcome.notRun ?? 0) > 0);
            assert.equal(h.fake.writes, writesAtSignal + 1);
        });
});

describe('--chat-object is checked before any write', () => {
    beforeEach(() => h.reset(partlySetUpOrg()));

    it('an object the org lacks: exit 2 with the nearest name, nothing written', async () => {
        const result = await h.run([
            'fix',
            '-o',
            'fake',
            AGENTS,
            '--yes',
            '--chat-object',
            'WINP__Talk_Sesion__c',
            '--json',
        ]);
        assert.equal(result.code, 2, result.out);
        const envelope = json(result.out);
        assert.match(String(envelope.message), /no object named WINP__Talk_Sesion__c/);
        assert.ok(
            envelope.actions?.some((a) => a.includes('--chat-object WINP__Talk_Session__c')),
            String(envelope.actions)
        );
        assert.equal(h.fake.writes, 0);
    });

    it('a value that is not an API name: exit 2 before the org is read', async () => {
        const result = await h.run(['check', '-o', 'fake', '--chat-object', "x' OR Name != '"]);
        assert.equal(result.code, 2, result.err);
        assert.match(result.err, /is not an object API name/);
        assert.equal(h.fake.requests.filter((r) => r.includes('/query')).length, 0);
    });
});

describe('a user who may only view Setup', () => {
    it('is told which items they cannot fix and why, and nothing is written', async () => {
        const org = partlySetUpOrg();
        h.reset({
            ...org,
            user: {
                ...org.user,
                permissions: {
                    ...org.user.permissions,
                    customizeApplication: false,
                    modifyMetadata: false,
                    modifyAllData: false,
                    manageUsers: false,
                },
            },
        });
        const result = await h.run(['fix', '-o', 'fake', AGENTS, '--yes']);
        assert.equal(result.code, 1, result.err + result.out);
        assert.doesNotMatch(result.out, /^Nothing to change\.$/m);
        assert.match(result.out, /Nothing this command can change for you/);
        assert.match(result.out, /Not fixed by this run \(\d+ item\(s\)\), and why:/);
        assert.match(result.out, /Ask an administrator|permissions/i);
        assert.equal(h.fake.writes, 0);
        const asJson = await h.run(['check', '-o', 'fake', AGENTS, '--json']);
        const items = json<{ items: (Item & { fix: { available: boolean; text: string | null } })[] }>(asJson.out)
            .result?.items;
        assert.ok(items?.some((i) => i.status !== 'pass' && !i.fix.available && i.fix.text));
    });
});

describe('query URIs stay under the 16,384-byte limit (row 86)', () => {
    it('fits lists of any length, each query under the budget', () => {
        const ids = Array.from({ length: 1000 }, (_, i) => `00e5g${String(i).padStart(13, '0')}`);
        const build = (batch: readonly string[]): string =>
            `SELECT Id FROM Profile WHERE Id IN (${batch.map((b) => `'${b}'`).join(', ')})`;
        const batches = fitting(ids, build);
        assert.deepEqual(batches.flat(), ids);
        for (const b of batches) assert.ok(uriBytes(build(b)) <= QUERY_URI_BYTES);
        const apps = ids.slice(0, 700).map((id) => `02u${id.slice(3)}`);
        const pairs = fittingPairs(
            apps,
            ids,
            (a, p) => `${build(a)} AND ProfileId IN (${p.map((x) => `'${x}'`).join(', ')})`
        );
        for (const [a, p] of pairs)
            assert.ok(
                uriBytes(`${build(a)} AND ProfileId IN (${p.map((x) => `'${x}'`).join(', ')})`) <= QUERY_URI_BYTES
            );
        const seen = new Set(pairs.flatMap(([a, p]) => a.flatMap((x) => p.map((y) => `${x}/${y}`))));
        assert.equal(seen.size, apps.length * ids.length, 'every pair asked once');
    });

    it('check with 1,000 agent profiles and 400 apps: no 431, every part read', async () => {
        const base = fullySetUpOrg();
        const extra = Array.from({ length: 1000 }, (_, i) => ({
            Id: `00e5g00C${String(i).padStart(6, '0')}AAAA`,
            Name: `Wide Agents ${i}`,
            UserCount: 2,
            ServiceCloudUserCount: 2,
        }));
        const apps = Array.from({ length: 400 }, (_, i) => ({
            DurableId: `02u5g00D${String(i).padStart(6, '0')}AAAA`,
            DeveloperName: `Team_App_${i}`,
            Label: `Team App ${i}`,
            NavType: 'Standard',
            UtilityBar: null,
            NamespacePrefix: null,
        }));
        const snapshot: OrgSnapshot = {
            ...base,
            profiles: read([...Object.values(PROFILE), ...extra]),
            apps: read(apps as never),
        };
        h.reset(snapshot);
        const result = await h.run([
            'check',
            '-o',
            'fake',
            '--json',
            `--profiles=${extra.map((p) => p.Name).join(',')}`,
        ]);
        assert.ok(result.code === 0 || result.code === 1, result.out);
        const longest = Math.max(...h.fake.requests.map((r) => Buffer.byteLength(r)));
        assert.ok(longest <= 16384 - 2000, `longest request line ${longest} bytes`);
        const items = json<{ items: Item[] }>(result.out).result?.items ?? [];
        assert.equal(items.length, ITEM_IDS.length);
        const unread = items.filter((i) => i.reason.key === 'item.unreadable');
        assert.deepEqual(
            unread.map((i) => `${i.id}: ${i.reason.key}`),
            [],
            'no part of the setup left unread'
        );
        assert.ok(
            h.fake.received.filter((r) => /FROM SetupEntityAccess/.test(r.soql)).length > 1,
            'app access asked in several batches'
        );
    });
});

export type { Captured };

describe('export: only what the setup needs, nothing half-written', () => {
    it('refuses an org with nothing of SimplyChat set up (exit 1, says what is missing, no folder)', async () => {
        h.reset(omniOrg());
        const out = path.join(h.cwd, 'export-nothing');
        const result = await h.run(['export', '-o', 'fake', AGENTS, '--output-dir', out, '--json']);
        assert.equal(result.code, 1, result.out);
        const envelope = json(result.out);
        assert.equal(envelope.name, 'NothingToExport');
        assert.match(String(envelope.message), /nothing of SimplyChat's setup to export \(missing: .*Service channel/i);
        assert.equal(fs.existsSync(out), false);
    });

    it('a retrieve that fails leaves no folder behind, so the same command runs again', async () => {
        h.reset(fullySetUpOrg());
        const out = path.join(h.cwd, 'export-failed');
        h.fake.routes.push((request) =>
            request.url.pathname.includes('/services/Soap/m/') && /<(met:)?retrieve>|retrieve\b/.test(request.body)
                ? { status: 500, type: 'application/json;charset=UTF-8', body: ERROR_500 }
                : undefined
        );
        process.env.SIMPLYCHAT_TIMEOUT_MS = '3000';
        const result = await h.run(['export', '-o', 'fake', AGENTS, '--output-dir', out]);
        assert.notEqual(result.code, 0, result.out);
        assert.equal(fs.existsSync(out), false, 'nothing left behind');
        h.fake.routes.splice(0);
        const again = await h.run(['export', '-o', 'fake', AGENTS, '--output-dir', out, '--json']);
        assert.equal(again.code, 0, again.out);
    });

    it('writes a README of what it leaves out; profiles carry only their presence-status access', async () => {
        h.reset(fullySetUpOrg());
        const out = path.join(h.cwd, 'export-readme');
        const result = await h.run(['export', '-o', 'fake', AGENTS, '--output-dir', out, '--json']);
        assert.equal(result.code, 0, result.out);
        const readme = fs.readFileSync(path.join(out, 'README.md'), 'utf8');
        for (const left of [
            /SC Setup values/,
            /members of the public groups/,
            /other settings/,
            /Omni-Channel utility/,
        ])
            assert.match(readme, left);
        const profiles = (json<{ files: string[] }>(result.out).result?.files ?? []).filter((f) =>
            f.endsWith('.profile-meta.xml')
        );
        assert.ok(profiles.length > 0);
        for (const file of profiles) {
            const xml = fs.readFileSync(path.join(out, file), 'utf8');
            const elements = [...xml.matchAll(/^ {4}<(\w+)>/gm)].map((m) => m[1]);
            assert.deepEqual([...new Set(elements)], ['servicePresenceStatusAccesses'], xml);
        }
    });

    it('cuts a retrieved profile down to its presence-status access', () => {
        const xml = [
            '<?xml version="1.0" encoding="UTF-8"?>',
            '<Profile xmlns="http://soap.sforce.com/2006/04/metadata">',
            '    <custom>true</custom>',
            '    <servicePresenceStatusAccesses>',
            '        <servicePresenceStatus>SimplyChat_Online</servicePresenceStatus>',
            '    </servicePresenceStatusAccesses>',
            '    <userLicense>Salesforce</userLicense>',
            '    <userPermissions>',
            '        <enabled>true</enabled>',
            '        <name>ModifyAllData</name>',
            '    </userPermissions>',
            '</Profile>',
        ].join('\n');
        const cut = onlyStatusAccess(xml);
        assert.match(cut, /<servicePresenceStatus>SimplyChat_Online<\/servicePresenceStatus>/);
        assert.doesNotMatch(cut, /userPermissions|ModifyAllData|userLicense|<custom>/);
    });
});

describe('a fleet of orgs: several --target-org, alias patterns, result formats', () => {
    before(async () => {
        const { StateAggregator } = await import('@salesforce/core');
        const state = await StateAggregator.getInstance();
        const username = state.aliases.getUsername('fake') as string;
        await state.aliases.setAndSave('fleet-a', username);
        await state.aliases.setAndSave('fleet-b', username);
    });
    beforeEach(() => h.reset(fullySetUpOrg()));

    it('one row per org, the worst exit code, in the JSON envelope too', async () => {
        const result = await h.run(['check', '-o', 'fake', '-o', DOWN, AGENTS, '--json', '--wait', '2']);
        assert.equal(result.code, 4, result.out);
        const envelope = json<{ orgs: { target: string; code: number; items: Item[] }[]; worst: number }>(result.out);
        assert.equal(envelope.status, 4);
        assert.deepEqual(
            envelope.result?.orgs.map((o) => [o.target, o.code]),
            [
                ['fake', envelope.result?.orgs[0].items.every((i) => i.status === 'pass') ? 0 : 1],
                [DOWN, 4],
            ]
        );
        const human = await h.run(['check', '-o', 'fake', '-o', DOWN, AGENTS, '--wait', '2']);
        assert.equal(human.code, 4);
        assert.match(human.out, /^ORG\s+EXIT\s+PASS\s+FIRST PROBLEM$/m);
        assert.match(human.out, /^fake\s+[01]\s+\d+\/14\s/m);
        assert.match(human.out, /^down\s+4\s+-\s+NetworkError: /m);
    });

    it('an alias pattern names every matching alias; JUnit has a test case per org and item', async () => {
        const out = path.join(h.cwd, 'drift');
        const result = await h.run(['check', '-o', 'fleet-*', AGENTS, '--result-format', 'junit', '--output-dir', out]);
        assert.ok(result.code === 0 || result.code === 1, result.err);
        const junit = fs.readFileSync(path.join(out, 'simplychat-check.junit.xml'), 'utf8');
        assert.equal(
            [...junit.matchAll(/<testsuite name="(fleet-[ab])"/g)].map((m) => m[1]).join(','),
            'fleet-a,fleet-b'
        );
        assert.equal([...junit.matchAll(/<testcase /g)].length, 2 * ITEM_IDS.length);
        assert.match(result.out, /^fleet-a\s+[01]\s/m, 'the rows on screen, the report in the folder');
    });

    it('csv: one line per org and item; an unmatched pattern is a usage error', async () => {
        const result = await h.run(['check', '-o', 'fleet-a', '-o', 'fleet-b', AGENTS, '--result-format', 'csv']);
        const lines = result.out.trim().split('\n');
        assert.equal(lines[0], 'org,username,orgId,exitCode,item,order,status,reason');
        assert.equal(lines.length, 1 + 2 * ITEM_IDS.length);
        const none = await h.run(['check', '-o', 'nothing-*']);
        assert.equal(none.code, 2);
        assert.match(none.err, /No alias matches nothing-\*/);
    });

    it('--profiles-file names the profiles, --no-prompt confirms, --wait sets the timeout', async () => {
        h.reset(partlySetUpOrg());
        const file = path.join(h.cwd, 'profiles.txt');
        fs.writeFileSync(file, '# agents\nSimplyChat Agent\n\nSupport\n');
        const viaFile = await h.run(['fix', '-o', 'fake', '--profiles-file', file, '--dry-run', '--json']);
        const viaFlag = await h.run(['fix', '-o', 'fake', AGENTS, '--dry-run', '--json']);
        assert.deepEqual(
            json<{ plan: { kind: string }[] }>(viaFile.out).result?.plan.map((p) => p.kind),
            json<{ plan: { kind: string }[] }>(viaFlag.out).result?.plan.map((p) => p.kind)
        );
        const fixed = await h.run(['fix', '-o', 'fake', AGENTS, '--no-prompt', '--json']);
        assert.ok(h.fake.writes > 0, fixed.out);
        h.fake.failure = 'hang';
        const slow = await h.run(['check', '-o', 'fake', '--wait', '1']);
        assert.equal(slow.code, 4);
        assert.match(slow.err, /within 1 s/);
    });
});

describe('agents --result-format csv', () => {
    it('one line per agent with the username, the same rows as --json', async () => {
        h.reset(fullySetUpOrg());
        const csv = await h.run(['agents', '-o', 'fake', AGENTS, '--result-format', 'csv']);
        const asJson = await h.run(['agents', '-o', 'fake', AGENTS, '--json']);
        assert.equal(csv.code, asJson.code);
        const agents = json<{ agents: { username: string }[] }>(asJson.out).result?.agents ?? [];
        const lines = csv.out.trim().split('\n');
        assert.match(lines[0], /^Username,/);
        assert.equal(lines.length, agents.length + 1);
        assert.ok(agents.length > 0);
        assert.ok(lines[1].startsWith(agents[0].username), lines[1]);
    });
});
