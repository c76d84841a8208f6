/**
 * The sf plugin end to end against a fake Salesforce org on 127.0.0.1, through oclif as sf runs it: check, fix,
 * export (with a deploy round trip), --json envelopes, exit codes, network and login failures, bad input.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { Duration } from '@salesforce/kit';
import { ComponentSet, RequestStatus } from '@salesforce/source-deploy-retrieve';
import { evaluate, ITEM_IDS, type OrgSnapshot } from '../../force-app/main/default/lwc/setupEngine/setupEngine';
import {
    choices,
    fullySetUpOrg,
    HAND,
    NO_PERMISSIONS,
    omniDisabledOrg,
    omniOrg,
    partlySetUpOrg,
    PROFILE,
    read,
    sharedOmniOrg,
} from '../../samples/orgs';
import { Executor } from '../../src/lib/executor';
import type { Operation } from '../../force-app/main/default/lwc/setupEngine/setupEngine';
import { OrgApi } from '../../src/lib/orgApi';
import { benchPlugin, formatFigures } from '../../scripts/bench-plugin';
import { PluginHarness, ROOT, type Captured, type Envelope, type Item } from './pluginHarness';

const h = new PluginHarness();
const AGENTS = '--profiles=SimplyChat Agent,Support';

function json<T>(text: string): Envelope<T> {
    return JSON.parse(text) as Envelope<T>;
}

function statusOf(snapshot: OrgSnapshot): Record<string, string> {
    return Object.fromEntries(evaluate({ ...snapshot, choices: choices() }).map((i) => [i.id, i.status]));
}

/**
 * Items 13 and 14: the fake's queue membership and utility bars are not those of a fully set-up org, and the
 * fake's snapshot does not follow queue membership (the fake keeps it row by row): the set-up assertions below
 * require every other item to pass and the exit code to say whether all of them do.
 */
const AGENT_ITEMS = new Set<string>(['queueMembers', 'agentApps']);

/** Each item's mark in the last checklist printed, by its number. */
function marks(out: string): Map<number, string> {
    return new Map(
        [...out.matchAll(/^ {0,2}(\d{1,2}) {2}(PASS|FAIL|WARN|WAIT|\?\?\?\?) /gm)].map((m) => [Number(m[1]), m[2]])
    );
}

/** The printed checklist: items 1-12 pass; "N of 14 ready" and the exit code tell the truth. */
function assertSetUp(result: Captured): void {
    const m = marks(result.out);
    assert.equal(m.size, ITEM_IDS.length, result.out);
    ITEM_IDS.forEach((id, i) => {
        if (!AGENT_ITEMS.has(id)) assert.equal(m.get(i + 1), 'PASS', `${id}:\n${result.out}`);
    });
    const ready = [...m.values()].filter((x) => x === 'PASS').length;
    assert.match(result.out, new RegExp(`${ready} of ${ITEM_IDS.length} ready`));
    assert.equal(result.code, ready === ITEM_IDS.length ? 0 : 1, result.err + result.out);
}

/** The same for JSON items (check's items, fix's after). */
function assertSetUpJson(code: number, items: readonly Item[] | null | undefined): void {
    assert.equal(items?.length, ITEM_IDS.length);
    const notPassing = (items ?? []).filter((i) => i.status !== 'pass');
    assert.deepEqual(
        notPassing.filter((i) => !AGENT_ITEMS.has(i.id)).map((i) => `${i.id}: ${i.reason.key}`),
        []
    );
    assert.equal(code, notPassing.length === 0 ? 0 : 1);
}

before(() => h.start(partlySetUpOrg()));
after(() => h.stop());

describe('sf simplychat setup check', () => {
    beforeEach(() => h.reset(fullySetUpOrg()));

    it('passes on a fully set up org: exit 0 and a readable table, nothing written', async () => {
        const result = await h.run(['check', '-o', 'fake', AGENTS]);
        assertSetUp(result);
        assert.match(result.out, / 4 {2}PASS {2}SimplyChat service channel +The service channel Chat Sessions routes/);
        assert.equal(h.fake.writes, 0);
    });

    it('uses the default org from sf config set target-org when -o is left out', async () => {
        fs.mkdirSync(path.join(h.home, '.sf'), { recursive: true });
        fs.writeFileSync(path.join(h.home, '.sf', 'config.json'), JSON.stringify({ 'target-org': 'fake' }));
        try {
            const result = await h.run(['check', AGENTS]);
            assertSetUp(result);
        } finally {
            fs.rmSync(path.join(h.home, '.sf', 'config.json'));
        }
        const none = await h.run(['check', AGENTS]);
        assert.equal(none.code, 2, 'no default org is a usage error');
        assert.match(none.err, /target-org|No default/i);
    });

    it('--json: sf envelope with status 1 and the items when an item fails', async () => {
        h.reset(partlySetUpOrg());
        const result = await h.run(['check', '-o', 'fake', '--json', AGENTS]);
        assert.equal(result.code, 1);
        const envelope = json<{ ready: boolean; items: Item[]; org: { id: string } }>(result.out);
        assert.equal(envelope.status, 1);
        assert.equal(envelope.result?.ready, false);
        assert.equal(envelope.result?.items.length, ITEM_IDS.length);
        assert.equal(envelope.result?.items.find((i) => i.id === 'busyStatus')?.reason.key, 'item.busyStatus.missing');
        assert.equal(envelope.result?.org.id, partlySetUpOrg().orgId);
    });

    it('warns about a production org, in the JSON warnings too', async () => {
        h.fake.organization = {
            Name: 'Acme',
            IsSandbox: false,
            OrganizationType: 'Enterprise Edition',
            TrialExpirationDate: null,
        };
        const result = await h.run(['check', '-o', 'fake', '--json', AGENTS]);
        const envelope = json(result.out);
        assert.ok(envelope.warnings?.some((w) => /Acme \(00D5g000000OrgAAAA\) is a PRODUCTION org/.test(w)));
    });

    it('names a profile that has no active users yet', async () => {
        h.fake.extraProfiles = [{ Id: '00e5g0000NewAgtAAA', Name: 'New Agents' }];
        const result = await h.run(['check', '-o', 'fake', '--json', '--profiles', 'New Agents']);
        assert.notEqual(result.code, 2, result.out);
        assert.equal(json(result.out).status, 1);
    });

    it('takes Metadata API full names too (Admin for System Administrator)', async () => {
        const result = await h.run(['check', '-o', 'fake', '--json', '--profiles', 'admin']);
        assert.notEqual(result.code, 2, result.out);
    });

    it('refuses an unknown profile with a suggestion (exit 2, JSON error envelope)', async () => {
        const result = await h.run(['check', '-o', 'fake', '--json', '--profiles', 'SimplyChat Agnet,Nobody']);
        assert.equal(result.code, 2);
        const envelope = json(result.out);
        assert.equal(envelope.status, 2);
        assert.equal(envelope.name, 'UsageError');
        assert.match(String(envelope.message), /No profile named "SimplyChat Agnet", "Nobody" in this org\./);
        assert.ok(envelope.actions?.includes('Did you mean "SimplyChat Agent"?'));
    });

    const usage: [string, string[], RegExp][] = [
        [
            'an unknown flag, with the nearest one',
            ['check', '-o', 'fake', '--profile', 'x'],
            /Did you mean --profiles instead of --profile\?/,
        ],
        ['a capacity of zero', ['fix', '-o', 'fake', '--capacity', '0'], /capacity/],
        ['a capacity that is not a number', ['fix', '-o', 'fake', '--capacity', 'five'], /capacity|integer/i],
        ['the same flag twice', ['fix', '-o', 'fake', '--capacity', '3', '--capacity', '4'], /capacity/],
        ['conflicting flags', ['fix', '-o', 'fake', '--dry-run', '--yes'], /cannot also be provided|dry-run|yes/],
        ['fix flags on check', ['check', '-o', 'fake', '--yes'], /Nonexistent flag/],
    ];
    for (const [name, argv, message] of usage) {
        it(`refuses ${name} (exit 2, nothing written)`, async () => {
            const result = await h.run(argv);
            assert.equal(result.code, 2, result.err + result.out);
            assert.match(result.err, message);
            assert.equal(h.fake.writes, 0);
        });
    }

    it('says the login was refused (exit 3) when the token no longer works', async () => {
        const token = h.fake.token;
        h.fake.token = 'rotated';
        try {
            const result = await h.run(['check', '-o', 'fake', '--json']);
            assert.equal(result.code, 3, result.out);
            const envelope = json(result.out);
            assert.equal(envelope.name, 'AuthenticationError');
            assert.ok(envelope.actions?.some((a) => a.includes('sf org login web')));
        } finally {
            h.fake.token = token;
        }
    });

    it('says which login is missing for an unknown alias (exit 3)', async () => {
        const result = await h.run(['check', '-o', 'nobody@nowhere.example']);
        assert.equal(result.code, 3, result.err);
        assert.match(result.err, /The Salesforce CLI has no login for nobody@nowhere\.example\./);
        assert.match(result.err, /sf org login web --alias nobody@nowhere\.example/);
    });

    it('reports a server error page as a network or server failure (exit 4), not a parser error', async () => {
        h.fake.failure = 'html503';
        const result = await h.run(['check', '-o', 'fake', '--json']);
        assert.equal(result.code, 4, result.out);
        assert.equal(json(result.out).name, 'NetworkError');
    });

    it('gives up on a hung server after the timeout with a clear message (exit 4)', async () => {
        h.fake.failure = 'hang';
        const result = await h.run(['check', '-o', 'fake']);
        assert.equal(result.code, 4);
        assert.match(result.err, /No answer from the org within 3 s/);
    });
});

describe('sf simplychat setup fix', () => {
    beforeEach(() => h.reset(partlySetUpOrg()));

    it('--dry-run prints the plan and writes nothing', async () => {
        const result = await h.run(['fix', '-o', 'fake', AGENTS, '--dry-run']);
        assert.equal(result.code, 1);
        assert.match(result.out, /Planned changes \(7\):\n {2}1\. Create the routing configuration SimplyChat/);
        // Each change names its record changes in the tab's words (c/setupText recordChangeText).
        assert.match(
            result.out,
            /\n {5}Record changes:\n {7}- Insert \d+ SetupEntityAccess rows?: the status \w+ for the profile [^;\n]+ \(its own permission set\)/
        );
        assert.equal(h.fake.writes, 0);
    });

    it('--dry-run with Omni-Channel off shows the whole plan and what needs --enable-omni-channel', async () => {
        h.reset(omniDisabledOrg());
        const result = await h.run(['fix', '-o', 'fake', AGENTS, '--dry-run', '--json']);
        assert.equal(result.code, 1, result.out);
        const envelope = json<{ plan: { kind: string; needsFlag: string | null }[] }>(result.out);
        const plan = envelope.result?.plan ?? [];
        assert.equal(plan[0].kind, 'enableOmniChannel');
        assert.equal(plan[0].needsFlag, '--enable-omni-channel');
        assert.ok(plan.length > 5, `the whole plan: ${plan.map((p) => p.kind).join(', ')}`);
        assert.ok(envelope.warnings?.some((w) => /--enable-omni-channel/.test(w)));
        assert.equal(h.fake.writes, 0);
    });

    it('fixes a partly set up org, then a second run changes nothing', async () => {
        const first = await h.run(['fix', '-o', 'fake', AGENTS, '--capacity', '3', '--yes']);
        assertSetUp(first);
        assert.match(first.out, /\[1\/7\] done {2}Create the routing configuration SimplyChat/);
        assert.deepEqual(
            Object.entries(statusOf(h.fake.snapshot)).filter(([id, s]) => s !== 'pass' && !AGENT_ITEMS.has(id)),
            []
        );
        assert.ok(h.fake.allOrNoneCalls > 0, 'Metadata writes are all or none');
        const writes = h.fake.writes;
        const second = await h.run(['fix', '-o', 'fake', AGENTS, '--capacity', '3', '--yes', '--json']);
        assert.equal(second.code, first.code);
        assert.deepEqual(json<{ plan: unknown[] }>(second.out).result?.plan, []);
        assert.equal(h.fake.writes, writes, 'the second run writes nothing');
    });

    it('turns Omni-Channel on only with --enable-omni-channel', async () => {
        h.reset(omniDisabledOrg());
        const refused = await h.run(['fix', '-o', 'fake', AGENTS, '--yes']);
        assert.equal(refused.code, 2);
        assert.match(refused.err, /Omni-Channel is off/);
        assert.equal(h.fake.writes, 0);
        const result = await h.run(['fix', '-o', 'fake', AGENTS, '--yes', '--enable-omni-channel']);
        assertSetUp(result);
        assert.ok(h.fake.snapshot.omniEnabled);
    });

    it('a refused component skips only what waits for it and names it (exit 1, status 1 in the envelope)', async () => {
        h.fake.refuse.add('SimplyChat_Busy');
        const result = await h.run(['fix', '-o', 'fake', AGENTS, '--yes', '--json']);
        assert.equal(result.code, 1);
        const envelope = json<{
            results: {
                index: number;
                kind: string;
                status: string;
                error: { code: string; message: string } | null;
                waitsFor?: number;
            }[];
        }>(result.out);
        assert.equal(envelope.status, 1);
        const results = envelope.result?.results ?? [];
        const byKind = (kind: string): string[] => results.filter((r) => r.kind === kind).map((r) => r.status);
        const busy = results.find((r) => r.status === 'failed');
        assert.deepEqual(busy?.error, {
            code: 'FIELD_INTEGRITY_EXCEPTION',
            message: 'SimplyChat_Busy: The fake org refused SimplyChat_Busy.',
        });
        assert.deepEqual(byKind('grantStatusAccess'), ['notRun'], 'the grant names the busy status: it waits');
        const grant = results.find((r) => r.kind === 'grantStatusAccess');
        assert.equal(grant?.waitsFor, busy?.index, 'the skipped change names the failure it waits for');
        assert.deepEqual(byKind('activateFlow'), ['done'], 'an independent operation still runs');
        assert.deepEqual(byKind('setScSetupDefaults'), ['done']);
        assert.ok(
            envelope.warnings?.some((w) => /1 failed, 1 not run/.test(w)),
            JSON.stringify(envelope.warnings)
        );
        h.reset(partlySetUpOrg());
        h.fake.refuse.add('SimplyChat_Busy');
        const human = await h.run(['fix', '-o', 'fake', AGENTS, '--yes']);
        assert.match(human.out, new RegExp(`not run .* waits for change \\[${(busy?.index ?? -1) + 1}\\]`));
    });

    it('refuses to change the org without --yes in a non-interactive shell (exit 2)', async () => {
        const result = await h.run(['fix', '-o', 'fake', AGENTS]);
        assert.equal(result.code, 2);
        assert.match(result.err, /without --yes in a non-interactive shell/);
        assert.equal(h.fake.writes, 0);
    });

    it('asks on a terminal and changes nothing on "no"', async () => {
        const questions: string[] = [];
        await h.stub('simplychat:setup:fix', 'confirm', async ({ message }: { message: string }) => {
            questions.push(message);
            return false;
        });
        const tty = process.stdin.isTTY;
        process.stdin.isTTY = true;
        try {
            const result = await h.run(['fix', '-o', 'fake', AGENTS]);
            assert.equal(result.code, 1);
            assert.match(questions[0], /^Apply 7 change\(s\) to Fake Org \(00D5g000000OrgAAAA\)\?$/);
            assert.match(result.out, /Nothing was changed\./);
            assert.equal(h.fake.writes, 0);
        } finally {
            process.stdin.isTTY = tty;
        }
    });

    it('without --profiles points to --profiles', async () => {
        h.reset(omniOrg());
        const result = await h.run(['fix', '-o', 'fake', '--dry-run', '--json']);
        const envelope = json(result.out);
        assert.ok(
            envelope.warnings?.some((w) => /--profiles/.test(w)),
            JSON.stringify(envelope.warnings)
        );
    });

    it('grants status access to many profiles in all-or-none batches of at most 10', async () => {
        const many = Array.from({ length: 25 }, (_, i) => ({
            Id: `00e5g00Many${String(i).padStart(3, '0')}AAAA`,
            Name: `Agents ${i}`,
            UserCount: 1,
            ServiceCloudUserCount: 1,
        }));
        h.reset(fullySetUpOrg());
        h.fake.snapshot = { ...h.fake.snapshot, profiles: read([...Object.values(PROFILE), ...many]) };
        const result = await h.run(['fix', '-o', 'fake', '--yes', '--profiles', many.map((p) => p.Name).join(',')]);
        assert.ok(result.code < 2, result.err + result.out);
        assert.equal(marks(result.out).get(10), 'PASS', result.out);
        assert.ok(h.fake.largestMetadataCall <= 10, `largest call: ${h.fake.largestMetadataCall}`);
        const access = h.fake.snapshot.statusAccess.status === 'read' ? h.fake.snapshot.statusAccess.records : [];
        assert.ok(many.every((p) => access.some((a) => a.ProfileId === p.Id)));
    });
});

describe("another team's queue on the same routing configuration (item 5)", () => {
    function sharedRoutingOrg(): OrgSnapshot {
        const full = fullySetUpOrg();
        return {
            ...full,
            routingConfigs: read([{ ...HAND.routing, RoutingPriority: 2 }]),
            routedQueues: read([
                {
                    Id: '00G5g00000CasesAAA',
                    DeveloperName: 'Support_Cases',
                    Name: 'Support Cases',
                    QueueRoutingConfigId: HAND.routing.Id,
                },
            ]),
        };
    }
    beforeEach(() => h.reset(sharedRoutingOrg()));

    it('fix names the other queue and leaves the configuration alone without --shared-routing', async () => {
        await h.run(['fix', '-o', 'fake', AGENTS, '--yes']);
        assert.ok(!h.fake.received.some((r) => /QueueRoutingConfig/.test(r.body)), 'nothing written to it');
        const check = await h.run(['check', '-o', 'fake', '--json', AGENTS]);
        const routing = json<{ items: Item[] }>(check.out).result?.items.find((i) => i.id === 'routingConfig');
        assert.equal(routing?.reason.key, 'item.routingConfig.sharedWrongValues', check.out);
        assert.match(check.out, /Support Cases/);
    });

    it('--shared-routing update changes it, and check then passes item 5', async () => {
        const result = await h.run(['fix', '-o', 'fake', AGENTS, '--yes', '--shared-routing', 'update']);
        assert.match(result.out, /done  Change the routing configuration Chat Routing/);
        const check = await h.run(['check', '-o', 'fake', '--json', AGENTS]);
        const routing = json<{ items: Item[] }>(check.out).result?.items.find((i) => i.id === 'routingConfig');
        assert.equal(routing?.status, 'pass', check.out);
        assert.equal(routing?.reason.key, 'item.routingConfig.okShared');
    });

    it('--update-shared-routing still means update, with a deprecation warning', async () => {
        const result = await h.run(['fix', '-o', 'fake', AGENTS, '--yes', '--update-shared-routing']);
        assert.match(result.out, /done  Change the routing configuration Chat Routing/);
        assert.match(result.err, /--update-shared-routing is deprecated: use --shared-routing update/);
    });

    it('--shared-routing keep plans nothing of item 5', async () => {
        const result = await h.run(['fix', '-o', 'fake', AGENTS, '--dry-run', '--shared-routing', 'keep']);
        assert.match(result.out, /Nothing to change\./, result.out);
        assert.match(result.out, /5 {2}Routing configuration: Not changed: the queues Support Cases use/, result.out);
    });

    it('--dry-run --shared-routing own shows the new configuration and the queue link, and writes nothing', async () => {
        const result = await h.run(['fix', '-o', 'fake', AGENTS, '--dry-run', '--shared-routing', 'own']);
        assert.match(result.out, /Create the routing configuration SimplyChat:/, result.out);
        assert.match(result.out, /Link the queue Chat Queue to the routing configuration SimplyChat/, result.out);
        assert.equal(h.fake.writes, 0);
    });

    it("--shared-routing own gives SimplyChat its own configuration; the other team's stays as it was", async () => {
        const before = h.fake.snapshot.routingConfigs;
        const result = await h.run(['fix', '-o', 'fake', AGENTS, '--yes', '--shared-routing', 'own']);
        assert.ok(result.code < 2, result.err + result.out);
        const configs = h.fake.snapshot.routingConfigs.status === 'read' ? h.fake.snapshot.routingConfigs.records : [];
        const shared = configs.find((c) => c.Id === HAND.routing.Id);
        assert.deepEqual(shared, before.status === 'read' ? before.records[0] : undefined, 'never written');
        const own = configs.find((c) => c.DeveloperName === 'SimplyChat');
        assert.ok(own, 'created');
        const queues = h.fake.snapshot.queues.status === 'read' ? h.fake.snapshot.queues.records : [];
        assert.equal(queues.find((q) => q.Id === HAND.queue.Id)?.QueueRoutingConfigId, own?.Id, 'relinked');
        const check = await h.run(['check', '-o', 'fake', '--json', AGENTS]);
        const routing = json<{ items: Item[] }>(check.out).result?.items.find((i) => i.id === 'routingConfig');
        assert.equal(routing?.status, 'pass', check.out);
        assert.equal(routing?.reason.key, 'item.routingConfig.ok', check.out);
    });

    it('holds for a configuration that only carries the SimplyChat name: own creates SimplyChat_2 for the new queue', async () => {
        const named = { ...HAND.routing, DeveloperName: 'SimplyChat', MasterLabel: 'SimplyChat', RoutingPriority: 2 };
        h.reset({
            ...omniOrg(),
            routingConfigs: read([named]),
            routedQueues: read([
                {
                    Id: '00G5g00000CasesAAA',
                    DeveloperName: 'Support_Cases',
                    Name: 'Support Cases',
                    QueueRoutingConfigId: named.Id,
                },
            ]),
        });
        const kept = await h.run(['fix', '-o', 'fake', AGENTS, '--dry-run']);
        assert.doesNotMatch(kept.out, /Change the routing configuration SimplyChat/, kept.out);
        const result = await h.run(['fix', '-o', 'fake', AGENTS, '--yes', '--shared-routing', 'own']);
        assert.ok(result.code < 2, result.err + result.out);
        const configs = h.fake.snapshot.routingConfigs.status === 'read' ? h.fake.snapshot.routingConfigs.records : [];
        assert.deepEqual(
            configs.find((c) => c.Id === named.Id),
            named,
            'the named configuration the other team uses is never written'
        );
        const own = configs.find((c) => c.DeveloperName === 'SimplyChat_2');
        assert.ok(own, configs.map((c) => c.DeveloperName).join(', '));
        const queues = h.fake.snapshot.queues.status === 'read' ? h.fake.snapshot.queues.records : [];
        assert.equal(queues.find((q) => q.DeveloperName === 'SimplyChat')?.QueueRoutingConfigId, own?.Id);
    });

    it('refuses a value that is not keep, update or own, and reads nothing', async () => {
        const result = await h.run(['fix', '-o', 'fake', AGENTS, '--yes', '--shared-routing', 'rewrite']);
        assert.equal(result.code, 2, result.out + result.err);
        assert.match(result.err, /keep, update, own/);
    });
});

describe('sf simplychat setup export', () => {
    beforeEach(() => h.reset(fullySetUpOrg()));

    it('exports a deployable project; deployed into an empty org, check passes there', async () => {
        const out = path.join(h.cwd, 'export-1');
        const result = await h.run(['export', '-o', 'fake', AGENTS, '--output-dir', out, '--json']);
        assert.equal(result.code, 0, result.out + result.err);
        const envelope = json<{ files: string[]; members: { type: string; fullName: string }[] }>(result.out);
        const files = envelope.result?.files ?? [];
        assert.ok(files.includes('manifest/package.xml'));
        assert.ok(files.includes('sfdx-project.json'));
        assert.ok(
            files.some((f) => /serviceChannels\/Chat_Sessions\.serviceChannel-meta\.xml$/.test(f)),
            files.join('\n')
        );
        assert.ok(
            files.some((f) => /profiles\/SimplyChat Agent\.profile-meta\.xml$/.test(f)),
            files.join('\n')
        );
        const packageXml = fs.readFileSync(path.join(out, 'manifest', 'package.xml'), 'utf8');
        for (const type of [
            'ServiceChannel',
            'QueueRoutingConfig',
            'Queue',
            'ServicePresenceStatus',
            'PresenceUserConfig',
            'Profile',
        ])
            assert.match(packageXml, new RegExp(`<name>${type}</name>`));
        // The package's flow is managed: left out, and the warning says why (row 48).
        assert.doesNotMatch(packageXml, /<name>FlowDefinition<\/name>/);
        assert.match(result.out + result.err, /WINP__\w+ is not exported: it comes from a managed package/);
        assert.match(
            fs.readFileSync(path.join(out, 'README.md'), 'utf8'),
            /- The flow WINP__\w+ and its activation \(item 11\): it comes from a managed package/
        );
        assert.ok(!files.some((f) => /flowDefinitions?\//i.test(f)), files.join('\n'));
        assert.equal(h.fake.writes, 0, 'export writes nothing to the org');

        // Deploy into an empty org, as `sf project deploy start` does (same library, same connection).
        const full = fullySetUpOrg();
        h.reset(omniOrg({}, { scSetup: full.scSetup }));
        const { Org } = await import('@salesforce/core');
        const connection = (await Org.create({ aliasOrUsername: 'fake' })).getConnection();
        const deploy = await ComponentSet.fromSource(path.join(out, 'force-app')).deploy({
            usernameOrConnection: connection,
        });
        const deployed = await deploy.pollStatus({
            frequency: Duration.milliseconds(50),
            timeout: Duration.seconds(30),
        });
        assert.equal(deployed.response.status, RequestStatus.Succeeded);
        // Everything but the managed flow, which fix activates in the target org.
        const check = await h.run(['check', '-o', 'fake', AGENTS]);
        assert.equal(marks(check.out).get(ITEM_IDS.indexOf('flow') + 1), 'FAIL', check.out);
        const fixed = await h.run(['fix', '-o', 'fake', AGENTS, '--yes']);
        assert.match(fixed.out, /flow/i);
        assertSetUp(await h.run(['check', '-o', 'fake', AGENTS]));
    });

    it('refuses a folder that is not empty (exit 2, nothing written)', async () => {
        const out = path.join(h.cwd, 'export-2');
        fs.mkdirSync(out);
        fs.writeFileSync(path.join(out, 'keep.txt'), 'mine');
        const result = await h.run(['export', '-o', 'fake', '--output-dir', out]);
        assert.equal(result.code, 2);
        assert.match(result.err, /is not empty/);
        assert.deepEqual(fs.readdirSync(out), ['keep.txt']);
    });
});

describe('simplychat-setup (the thin alias, its own process)', () => {
    const env = { ...process.env, NODE_OPTIONS: '' };
    it('shows help with flags and examples (exit 0)', () => {
        const result = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'run.js'), 'fix', '--help'], {
            env,
            encoding: 'utf8',
        });
        assert.equal(result.status, 0, result.stderr);
        assert.match(result.stdout, /FLAGS/);
        assert.match(result.stdout, /--enable-omni-channel/);
        assert.match(result.stdout, /EXAMPLES/);
    });

    it('suggests the nearest command for a mistyped one (exit 2)', () => {
        const result = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'run.js'), 'simplychat', 'setup', 'chek'], {
            env,
            encoding: 'utf8',
        });
        assert.equal(result.status, 2, result.stderr);
        assert.match(result.stderr.replace(/\s*›\s*/g, ' '), /Did you mean "simplychat setup check"\?/);
    });
});

describe('sf simplychat setup in real orgs', () => {
    beforeEach(() => h.reset(fullySetUpOrg()));

    /** The org's Connection as the commands get it, for the executor on its own. */
    async function orgApi(): Promise<OrgApi> {
        const { Org } = await import('@salesforce/core');
        const org = await Org.create({ aliasOrUsername: 'fake' });
        return new OrgApi(org.getConnection());
    }

    it("reads the user's effective permissions, not session-based sets that are not active in this session", async () => {
        h.reset({ ...fullySetUpOrg(), user: { id: fullySetUpOrg().user.id, permissions: NO_PERMISSIONS } });
        h.fake.inactiveSessionPermissions = { viewSetup: true, customizeApplication: true, modifyAllData: true };
        const result = await h.run(['check', '-o', 'fake', '--json', AGENTS]);
        const items = json<{ items: Item[] }>(result.out).result?.items ?? [];
        assert.notEqual(items.find((i) => i.id === 'permissions')?.status, 'pass');
        assert.ok(
            h.fake.received.some((r) => r.soql.includes('FROM UserPermissionAccess')),
            'one UserPermissionAccess row'
        );
    });

    it('reads a protected SC Setup setting as not writable: item 12 is a manual step, not a fix', async () => {
        const org = fullySetUpOrg();
        const setting = org.scSetup.status === 'read' ? org.scSetup.records[0] : undefined;
        assert.ok(setting);
        h.reset({ ...org, scSetup: { status: 'read', records: [{ ...setting, orgDefault: null, writable: false }] } });
        const check = await h.run(['check', '-o', 'fake', '--json', AGENTS]);
        const item = json<{ items: Item[] }>(check.out).result?.items.find((i) => i.id === 'scSetup');
        assert.equal(item?.status, 'fail');
        const dry = await h.run(['fix', '-o', 'fake', '--json', AGENTS, '--dry-run']);
        const plan = json<{ plan: { kind: string }[] }>(dry.out).result?.plan ?? [];
        assert.ok(!plan.some((p) => p.kind === 'setScSetupDefaults'), JSON.stringify(plan));
        assert.equal(h.fake.writes, 0);
    });

    it('in an org where Omni-Channel serves other teams, joins their Online status and leaves their setup alone', async () => {
        h.reset(sharedOmniOrg());
        const check = await h.run(['check', '-o', 'fake', '--json', AGENTS]);
        const items = json<{ items: Item[] }>(check.out).result?.items ?? [];
        assert.equal(items.find((i) => i.id === 'onlineStatus')?.reason.key, 'item.onlineStatus.notOnAgentStatuses');
        const dry = await h.run(['fix', '-o', 'fake', '--json', AGENTS, '--capacity', '2', '--dry-run']);
        const kinds = (json<{ plan: { kind: string }[] }>(dry.out).result?.plan ?? []).map((o) => o.kind);
        // No new status, no change to Sales Chat, no profile rewrite: the agents have access through Omni Agents.
        assert.deepEqual(kinds, ['addChannelToStatus', 'createPresenceConfig', 'activateFlow', 'setScSetupDefaults']);
        const separate = await h.run(['fix', '-o', 'fake', '--json', AGENTS, '--dry-run', '--separate-online-status']);
        const created = json<{ plan: { operation: { kind: string; label?: string } }[] }>(separate.out).result?.plan[0]
            .operation;
        assert.deepEqual([created?.kind, created?.label], ['createPresenceStatus', 'Online (SimplyChat)']);
        assert.equal(h.fake.writes, 0);
    });

    it('--move-direct-users plans the move of agents assigned directly to another configuration', async () => {
        const org = sharedOmniOrg();
        const direct = org.presenceConfigUsers.status === 'read' ? org.presenceConfigUsers.records : [];
        const agents = new Set([PROFILE.agent.Id, PROFILE.support.Id]);
        const ours = direct.filter((d) => agents.has(d.ProfileId));
        assert.ok(ours.length > 0, 'the sample has agents assigned directly elsewhere');
        h.reset(org);
        const without = await h.run(['fix', '-o', 'fake', '--json', AGENTS, '--dry-run']);
        const kindsWithout = (json<{ plan: { kind: string }[] }>(without.out).result?.plan ?? []).map((o) => o.kind);
        assert.ok(!kindsWithout.includes('moveUsersToConfig'));
        const moved = await h.run(['fix', '-o', 'fake', '--json', AGENTS, '--dry-run', '--move-direct-users']);
        const kinds = (json<{ plan: { kind: string }[] }>(moved.out).result?.plan ?? []).map((o) => o.kind);
        assert.ok(kinds.includes('moveUsersToConfig'), JSON.stringify(kinds));
    });

    it('reads profile full names from the org (listMetadata), encoded as listed, never built from names', async () => {
        const org = partlySetUpOrg();
        const renamed = { ...PROFILE.support, Name: 'Custom: Support Profile' };
        const profiles = org.profiles.status === 'read' ? org.profiles.records : [];
        h.reset({ ...org, profiles: read(profiles.map((p) => (p.Id === renamed.Id ? renamed : p))) });
        const result = await h.run([
            'fix',
            '-o',
            'fake',
            '--json',
            '--profiles=SimplyChat Agent,Custom: Support Profile',
            '--yes',
        ]);
        assertSetUpJson(result.code, json<{ after: Item[] | null }>(result.out).result?.after);
        const lists = h.fake.soapCalls.filter((c) => c.startsWith('listMetadata'));
        assert.equal(lists.length, 2, 'one listMetadata call per read (before and after the fix)');
        const created = h.fake.received
            .filter((r) => r.path.includes('/services/Soap/m/') && r.body.includes('createMetadata'))
            .map((r) => r.body)
            .join(' ');
        assert.match(created, /Custom%3A Support Profile/, 'the new configuration names the profile as listed');
        assert.doesNotMatch(created, /Custom: Support Profile/);
        assert.ok(
            h.fake.soapCalls.every((c) => !c.startsWith('updateMetadata') && !c.startsWith('upsertMetadata')),
            `no component is rewritten: ${h.fake.soapCalls.join(' ')}`
        );
    });

    /** Profile i of `sources` in configuration Source_i; the target is Agents_Config. */
    function twelveSources(): { org: OrgSnapshot; op: Operation } {
        const configs = Array.from({ length: 12 }, (_, i) => ({
            Id: `0Nd5g0000Src${String(i).padStart(3, '0')}AAA`,
            DeveloperName: `Source_${i}`,
            MasterLabel: `Source ${i}`,
            Capacity: 2,
        }));
        const profiles = configs.map((_c, i) => ({
            Id: `00e5g0000Mv${String(i).padStart(4, '0')}AAA`,
            Name: `Moved ${i}`,
            UserCount: 1,
            ServiceCloudUserCount: 1,
        }));
        const org = omniOrg(
            {
                presenceConfigs: [HAND.agentsConfig, ...configs],
                presenceConfigProfiles: configs.map((c, i) => ({
                    Id: `0Nf5g0000Mv${String(i).padStart(4, '0')}AAA`,
                    PresenceUserConfigId: c.Id,
                    ProfileId: profiles[i].Id,
                })),
            },
            { profiles: read(profiles) }
        );
        const op: Operation = {
            kind: 'moveProfilesToConfig',
            itemId: 'presenceConfig',
            configId: HAND.agentsConfig.Id,
            configDeveloperName: HAND.agentsConfig.DeveloperName,
            moves: configs.map((c, i) => ({
                profileId: profiles[i].Id,
                profileName: profiles[i].Name,
                fromConfigId: c.Id,
                fromConfigDeveloperName: c.DeveloperName,
            })),
        };
        return { org, op };
    }

    const assignments = (): string[] =>
        (h.fake.snapshot.presenceConfigProfiles.status === 'read' ? h.fake.snapshot.presenceConfigProfiles.records : [])
            .map((a) => `${a.ProfileId}@${a.PresenceUserConfigId}`)
            .sort();

    it('moves a profile out of 12 configurations as one all-or-none change: a refused target moves nothing', async () => {
        const { org, op } = twelveSources();
        h.reset(org);
        h.fake.refuseRecords = 'insert PresenceUserConfigProfile';
        const before = assignments();
        const [outcome] = await new Executor(await orgApi(), new Map(), org.orgId).run([op]);
        assert.equal(outcome.status, 'failed', JSON.stringify(outcome));
        assert.equal(outcome.error?.code, 'FIELD_INTEGRITY_EXCEPTION');
        assert.deepEqual(outcome.changed, [], 'nothing reported as changed');
        assert.deepEqual(assignments(), before, 'every profile is still in its own configuration');
        assert.equal(h.fake.received.filter((r) => r.path === '/composite').length, 1, 'one request');
        assert.deepEqual(h.fake.soapCalls, [], 'no configuration goes through the Metadata API');
    });

    it('moves a profile out of 12 configurations in one request: rows deleted, then inserted', async () => {
        const { org, op } = twelveSources();
        h.reset(org);
        const [outcome] = await new Executor(await orgApi(), new Map(), org.orgId).run([op]);
        assert.equal(outcome.status, 'done', JSON.stringify(outcome));
        assert.equal(outcome.changed.length, 24, 'twelve rows left, twelve arrived');
        assert.ok(
            assignments().every((a) => a.endsWith(`@${HAND.agentsConfig.Id}`)),
            assignments().join(' ')
        );
        const [request] = h.fake.received.filter((r) => r.path === '/composite');
        const body = JSON.parse(request.body) as { allOrNone: boolean; compositeRequest: { method: string }[] };
        assert.equal(body.allOrNone, true);
        assert.deepEqual(
            body.compositeRequest.map((r) => r.method),
            ['DELETE', 'POST']
        );
        assert.deepEqual(h.fake.soapCalls, []);
    });

    it('removes pausedCapacityPercentage together with capacityPercentage when capacity becomes units', async () => {
        const saved: Record<string, unknown>[] = [];
        const fake = {
            read: () =>
                Promise.resolve([
                    { fullName: 'SimplyChat', capacityPercentage: 40, pausedCapacityPercentage: 20, label: 'SC' },
                ]),
            save: (_op: string, _type: string, components: Record<string, unknown>[]) => {
                saved.push(...components);
                return Promise.resolve(components.map((c) => ({ fullName: c.fullName, success: true, errors: [] })));
            },
        } as unknown as OrgApi;
        const [outcome] = await new Executor(fake, new Map(), 'org').run([
            {
                kind: 'upsertRoutingConfig',
                itemId: 'routingConfig',
                existingId: '0K95g000000Abc1AAA',
                developerName: 'SimplyChat',
                label: 'SC',
                routingModel: 'MostAvailable',
                routingPriority: 1,
                capacityWeight: 1,
                changes: [],
            },
        ]);
        assert.equal(outcome.status, 'done', JSON.stringify(outcome));
        assert.ok(!('capacityPercentage' in saved[0]) && !('pausedCapacityPercentage' in saved[0]));
        assert.equal(saved[0].routingModel, 'MOST_AVAILABLE');
    });

    it('names the manual step when Salesforce refuses to activate the flow', async () => {
        h.reset(partlySetUpOrg());
        h.fake.routes.push((r) =>
            r.method === 'PATCH' && r.path.includes('/tooling/sobjects/FlowDefinition/')
                ? {
                      status: 400,
                      body: [{ errorCode: 'CANNOT_MODIFY_MANAGED_OBJECT', message: 'Cannot modify managed object' }],
                  }
                : undefined
        );
        const result = await h.run(['fix', '-o', 'fake', '--json', AGENTS, '--yes']);
        assert.equal(result.code, 1, result.out + result.err);
        const failed = json<{ results: { kind: string; status: string; error: { code: string; message: string } }[] }>(
            result.out
        ).result?.results.find((r) => r.status === 'failed');
        assert.equal(failed?.kind, 'activateFlow');
        assert.equal(failed?.error.code, 'FLOW_ACTIVATION_REFUSED');
        assert.match(failed?.error.message ?? '', /Cannot modify managed object/);
        // Setup > Flows and the version to activate: Flow Builder cannot open a managed flow (row 36).
        assert.ok(
            (failed?.error.message ?? '').includes(`open ${h.url}/lightning/setup/Flows/home`),
            failed?.error.message
        );
        assert.ok(!(failed?.error.message ?? '').includes('flowBuilder.app'), failed?.error.message);
        assert.match(failed?.error.message ?? '', /click Activate next to version \d+/);
    });
});

describe('npm run bench:plugin', () => {
    it('measures check and a many-profile fix (small sizes here; the figures come from the script)', async () => {
        const figures = await benchPlugin({ latencyMs: 0, profiles: 15, agents: 50 });
        // 0 or 1: items 13 and 14 decide with the others (see AGENT_ITEMS); never a usage or network error.
        assert.ok(
            figures.every((f) => f.code < 2),
            JSON.stringify(figures)
        );
        assert.ok((figures.find((f) => f.name.startsWith('fix'))?.largestMetadataCall ?? 99) <= 10);
        assert.match(formatFigures(figures, 0), /check \(fleet of 5 orgs\)/);
        assert.match(formatFigures(figures, 0), /fix \(15 agent profiles\)/);
        assert.match(formatFigures(figures, 0), /agents \(50 agent users\)/);
    });
});
