/**
 * The installer CLI end to end against a fake Salesforce org on 127.0.0.1 (REST, Tooling and Metadata SOAP,
 * backed by the engine's simulate()): check, dry run, fix, fix twice, authentication and API failures, bad input.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, afterEach, beforeEach, describe, it } from 'node:test';
import { evaluate, type OrgSnapshot } from '../../force-app/main/default/lwc/setupEngine/setupEngine';
import { run, type Io } from '../cli/main';
import { SalesforceApi } from '../cli/api';
import { Executor, profileFullNames } from '../cli/executor';
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
import { FakeSalesforce } from './fakeSalesforce';

interface Captured {
    code: number;
    out: string;
    err: string;
}

let fake: FakeSalesforce;
let url: string;

async function start(snapshot: OrgSnapshot): Promise<void> {
    fake = new FakeSalesforce(snapshot);
    url = await fake.start();
}

async function cli(args: string[], env: Record<string, string | undefined> = {}, ask?: Io['ask']): Promise<Captured> {
    const out: string[] = [];
    const err: string[] = [];
    const code = await run(
        args,
        { SF_ACCESS_TOKEN: fake?.token, ...env },
        { out: (t) => out.push(t), err: (t) => err.push(t), color: false, ask }
    );
    return { code, out: out.join('\n'), err: err.join('\n') };
}

const AGENTS = '--profiles=SimplyChat Agent,Support';

describe('simplychat-setup check', () => {
    afterEach(() => fake?.stop());

    it('passes on a fully set up org: exit 0 and a readable table', async () => {
        await start(fullySetUpOrg());
        const result = await cli(['check', '--instance-url', url, AGENTS]);
        assert.equal(result.code, 0, result.err);
        assert.match(
            result.out,
            / 4 {2}PASS {2}SimplyChat service channel +The service channel Chat Sessions routes WINP__Talk_Session__c\./
        );
        assert.match(result.out, /12 of 12 ready/);
        assert.equal(fake.writes, 0);
    });

    it('fails on a partly set up org (exit 1) and reports JSON items with reasons', async () => {
        await start(partlySetUpOrg());
        const result = await cli(['check', '--instance-url', url, '--json', AGENTS]);
        assert.equal(result.code, 1);
        const report = JSON.parse(result.out) as {
            org: { id: string };
            items: { id: string; status: string; reason: { key: string } }[];
        };
        assert.equal(report.items.length, 12);
        assert.deepEqual(
            report.items.find((i) => i.id === 'busyStatus'),
            { ...report.items.find((i) => i.id === 'busyStatus'), status: 'fail' }
        );
        assert.equal(report.items.find((i) => i.id === 'busyStatus')?.reason.key, 'item.busyStatus.missing');
        assert.equal(report.org.id, partlySetUpOrg().orgId);
    });

    it('works as a pre-flight check before the SimplyChat package is installed', async () => {
        await start({
            ...omniDisabledOrg(),
            chatObject: { apiName: 'WINP__Talk_Session__c', exists: false, label: null },
            flows: { status: 'read', records: [] },
            scSetup: {
                status: 'read',
                records: [{ objectApiName: null, fields: [], orgDefault: null, writable: false }],
            },
        });
        const result = await cli(['check', '--instance-url', url, '--json']);
        assert.equal(result.code, 1);
        const items = (JSON.parse(result.out) as { items: { id: string; status: string; reason: { key: string } }[] })
            .items;
        const byId = Object.fromEntries(items.map((i) => [i.id, `${i.status} ${i.reason.key}`]));
        assert.equal(byId.omniChannel, 'fail item.omniChannel.disabled');
        assert.equal(byId.flow, 'fail item.flow.missing');
        assert.equal(byId.scSetup, 'unknown item.scSetup.notInstalled');
    });

    it("reads the user's effective permissions, not session-based sets that are not active in this session", async () => {
        await start({ ...fullySetUpOrg(), user: { id: fullySetUpOrg().user.id, permissions: NO_PERMISSIONS } });
        fake.inactiveSessionPermissions = { viewSetup: true, customizeApplication: true, modifyAllData: true };
        const result = await cli(['check', '--instance-url', url, '--json', AGENTS]);
        const items = (JSON.parse(result.out) as { items: { id: string; status: string }[] }).items;
        assert.notEqual(items.find((i) => i.id === 'permissions')?.status, 'pass');
    });

    it('reads a protected SC Setup setting as not writable: item 12 is a manual step, not a fix', async () => {
        const org = fullySetUpOrg();
        assert.equal(org.scSetup.status, 'read');
        const setting = org.scSetup.status === 'read' ? org.scSetup.records[0] : undefined;
        assert.ok(setting);
        await start({
            ...org,
            scSetup: { status: 'read', records: [{ ...setting, orgDefault: null, writable: false }] },
        });
        const result = await cli(['check', '--instance-url', url, '--json', AGENTS]);
        const items = (
            JSON.parse(result.out) as {
                items: { id: string; status: string; fix: { available: boolean; reason?: { key: string } } }[];
            }
        ).items;
        const item = items.find((i) => i.id === 'scSetup');
        assert.equal(item?.status, 'fail');
        assert.deepEqual([item?.fix.available, item?.fix.reason?.key], [false, 'fix.scSetupManual']);
    });

    it('warns loudly about a production org', async () => {
        await start(fullySetUpOrg());
        fake.organization = {
            Name: 'Acme',
            IsSandbox: false,
            OrganizationType: 'Enterprise Edition',
            TrialExpirationDate: null,
        };
        const result = await cli(['check', '--instance-url', url, AGENTS]);
        assert.match(result.err, /WARNING: Acme \(00D5g000000OrgAAAA\) is a PRODUCTION org\./);
    });
});

describe('simplychat-setup fix', () => {
    afterEach(() => fake?.stop());

    it('in an org where Omni-Channel serves other teams, joins their Online status and leaves their setup alone', async () => {
        await start(sharedOmniOrg());
        const check = await cli(['check', '--instance-url', url, '--json', AGENTS]);
        const items = (JSON.parse(check.out) as { items: { id: string; reason: { key: string } }[] }).items;
        assert.equal(items.find((i) => i.id === 'onlineStatus')?.reason.key, 'item.onlineStatus.notOnAgentStatuses');
        const dry = await cli(['fix', '--instance-url', url, '--json', AGENTS, '--capacity', '2', '--dry-run']);
        const kinds = (JSON.parse(dry.out) as { plan: { kind: string }[] }).plan.map((o) => o.kind);
        // No new status, no change to Sales Chat, no profile rewrite: the agents have access through Omni Agents.
        assert.deepEqual(kinds, ['addChannelToStatus', 'createPresenceConfig', 'activateFlow', 'setScSetupDefaults']);
        const separate = await cli([
            'fix',
            '--instance-url',
            url,
            '--json',
            AGENTS,
            '--dry-run',
            '--separate-online-status',
        ]);
        const created = (JSON.parse(separate.out) as { plan: { kind: string; label?: string }[] }).plan[0];
        assert.deepEqual([created.kind, created.label], ['createPresenceStatus', 'Online (SimplyChat)']);
        assert.equal(fake.writes, 0);
    });

    it('--dry-run prints the plan and writes nothing', async () => {
        await start(partlySetUpOrg());
        const result = await cli(['fix', '--instance-url', url, AGENTS, '--dry-run']);
        assert.equal(result.code, 1);
        assert.match(
            result.out,
            /Planned changes \(7\):\n {2}1\. Create the routing configuration SimplyChat: priority 1, MostAvailable, 1 unit of capacity/
        );
        assert.equal(fake.writes, 0);
    });

    it('fixes a partly set up org through the APIs, then a second run has nothing to do', async () => {
        await start(partlySetUpOrg());
        const first = await cli(['fix', '--instance-url', url, AGENTS, '--capacity', '3', '--yes']);
        assert.equal(first.code, 0, first.err + first.out);
        assert.match(first.out, /\[1\/7\] done {2}Create the routing configuration SimplyChat/);
        assert.match(first.out, /12 of 12 ready/);
        const fixed = evaluate({ ...fake.snapshot, choices: choices() });
        assert.deepEqual(
            fixed.filter((i) => i.status !== 'pass').map((i) => i.id),
            []
        );
        const config =
            fake.snapshot.presenceConfigs.status === 'read' ? fake.snapshot.presenceConfigs.records[0] : undefined;
        assert.equal(config?.Capacity, 3, 'the capacity chosen on the command line');
        const writes = fake.writes;
        assert.ok(writes >= 7);

        const second = await cli(['fix', '--instance-url', url, AGENTS, '--capacity', '3', '--yes', '--json']);
        assert.equal(second.code, 0);
        assert.deepEqual((JSON.parse(second.out) as { plan: unknown[] }).plan, []);
        assert.equal(fake.writes, writes, 'the second run writes nothing');
    });

    it('enables Omni-Channel only with --enable-omni-channel, then fixes everything', async () => {
        await start(omniDisabledOrg());
        const refused = await cli(['fix', '--instance-url', url, AGENTS, '--yes']);
        assert.equal(refused.code, 2);
        assert.match(refused.err, /add --enable-omni-channel/);
        assert.equal(fake.writes, 0);
        const result = await cli(['fix', '--instance-url', url, AGENTS, '--yes', '--enable-omni-channel']);
        assert.equal(result.code, 0, result.err);
        assert.ok(fake.snapshot.omniEnabled);
    });

    it('reports an API error on one component, stops, and says what was not run (exit 1)', async () => {
        await start(partlySetUpOrg());
        fake.refuse.add('SimplyChat_Busy');
        const result = await cli(['fix', '--instance-url', url, AGENTS, '--yes', '--json']);
        assert.equal(result.code, 1);
        const report = JSON.parse(result.out) as {
            results: { kind: string; status: string; error: { code: string; message: string } | null }[];
        };
        const statuses = report.results.map((r) => r.status);
        assert.deepEqual(statuses.slice(0, 3), ['done', 'done', 'failed']);
        assert.ok(statuses.slice(3).every((s) => s === 'notRun'));
        assert.deepEqual(report.results[2].error, {
            code: 'FIELD_INTEGRITY_EXCEPTION',
            message: 'SimplyChat_Busy: The fake org refused SimplyChat_Busy.',
        });
        const busy =
            fake.snapshot.presenceStatuses.status === 'read'
                ? fake.snapshot.presenceStatuses.records.map((s) => s.DeveloperName)
                : [];
        assert.ok(!busy.includes('SimplyChat_Busy'), 'nothing of the refused call was written');
    });

    it('asks before changing the org, and changes nothing on "no"', async () => {
        await start(partlySetUpOrg());
        const questions: string[] = [];
        const result = await cli(['fix', '--instance-url', url, AGENTS], {}, async (q) => (questions.push(q), 'n'));
        assert.equal(result.code, 1);
        assert.match(questions[0], /^Apply 7 change\(s\) to Fake Org \(00D5g000000OrgAAAA\)\? \[y\/N\] $/);
        assert.match(result.err, /Nothing was changed\./);
        assert.equal(fake.writes, 0);
    });

    it('moves an agent profile and keeps the rest of each configuration', async () => {
        await start(fullySetUpOrg());
        const result = await cli([
            'fix',
            '--instance-url',
            url,
            '--profiles',
            'SimplyChat Agent,Support,Sales',
            '--yes',
        ]);
        assert.equal(result.code, 0, result.err + result.out);
        const assigned =
            fake.snapshot.presenceConfigProfiles.status === 'read' ? fake.snapshot.presenceConfigProfiles.records : [];
        assert.ok(
            assigned.some((a) => a.ProfileId === PROFILE.sales.Id),
            'the unassigned agent profile was added'
        );
        assert.ok(
            assigned.some((a) => a.ProfileId === PROFILE.agent.Id),
            'the others stayed'
        );
    });
});

describe('simplychat-setup authentication and arguments', () => {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'simplychat-cli-home-'));
    after(() => fs.rmSync(home, { recursive: true, force: true }));
    beforeEach(async () => start(partlySetUpOrg()));
    afterEach(() => fake?.stop());

    it('says authentication failed when the token is refused (exit 2)', async () => {
        const result = await cli(['check', '--instance-url', url], { SF_ACCESS_TOKEN: 'wrong' });
        assert.equal(result.code, 2);
        assert.match(result.err, /^Authentication failed \(INVALID_SESSION_ID\): log in again/);
    });

    it('says when the Salesforce CLI has no login for the alias (exit 2)', async () => {
        const saved = { HOME: process.env.HOME, SF_DATA_DIR: process.env.SF_DATA_DIR };
        process.env.HOME = home;
        try {
            const result = await cli(['check', '--target-org', 'no-such-org']);
            assert.equal(result.code, 2);
            assert.match(result.err, /No usable Salesforce CLI login for "no-such-org"/);
        } finally {
            process.env.HOME = saved.HOME;
        }
    });

    const bad: [string, string[], Record<string, string | undefined>, RegExp][] = [
        ['no command', [], {}, /^Missing command: use check or fix\./],
        ['an unknown command', ['deploy'], {}, /^Unknown command "deploy": use check or fix\./],
        ['an unknown flag', ['check', '--org', 'x'], {}, /^Unknown flag "--org"\./],
        ['a flag without its value', ['check', '--target-org'], {}, /^The flag --target-org needs a value\./],
        ['no org', ['check'], {}, /^Say which org: --target-org <alias>/],
        [
            'two ways to the org',
            ['check', '--target-org', 'a', '--instance-url', 'https://x.my.salesforce.com'],
            {},
            /^Use either --target-org or --instance-url, not both\./,
        ],
        [
            'a capacity that is not a number',
            ['fix', '--target-org', 'a', '--capacity', 'five'],
            {},
            /^--capacity must be a whole number from 1 to 9999, not "five"\./,
        ],
        [
            'a capacity of zero',
            ['fix', '--target-org', 'a', '--capacity', '0'],
            {},
            /^--capacity must be a whole number from 1 to 9999, not "0"\./,
        ],
        [
            'fix flags on check',
            ['check', '--target-org', 'a', '--yes'],
            {},
            /^check does not take --yes: those are for fix\./,
        ],
        [
            'an instance URL without a token',
            ['check', '--instance-url', 'https://x.my.salesforce.com'],
            { SF_ACCESS_TOKEN: undefined },
            /^--instance-url needs the access token in SF_ACCESS_TOKEN\./,
        ],
        [
            'an instance URL that is not https',
            ['check', '--instance-url', 'http://x.my.salesforce.com'],
            {},
            /^--instance-url must be an https:\/\/ URL\./,
        ],
        [
            'an empty profile list',
            ['fix', '--target-org', 'a', '--profiles', ' , '],
            {},
            /^--profiles needs at least one profile name\./,
        ],
    ];
    for (const [name, args, env, message] of bad) {
        it(`refuses ${name} with a clear message and the usage (exit 2)`, async () => {
            const result = await cli(args, env);
            assert.equal(result.code, 2);
            assert.match(result.err, message);
            assert.match(result.err, /Usage:/);
            assert.equal(fake.writes, 0);
        });
    }

    it('prints the usage on --help (exit 0)', async () => {
        const result = await cli(['--help']);
        assert.equal(result.code, 0);
        assert.match(result.out, /^Usage:\n {2}simplychat-setup check/);
    });

    it('refuses a profile name the org does not have (exit 2)', async () => {
        const result = await cli(['check', '--instance-url', url, '--profiles', 'Agents,Nobody']);
        assert.equal(result.code, 2);
        assert.equal(result.err, 'No active profile named "Agents", "Nobody" in this org.');
    });

    it('refuses to change the org without --yes in a non-interactive shell (exit 2)', async () => {
        const result = await cli(['fix', '--instance-url', url, AGENTS]);
        assert.equal(result.code, 2);
        assert.match(result.err, /Refusing to change the org without --yes in a non-interactive shell\./);
        assert.equal(fake.writes, 0);
    });
});

describe('simplychat-setup writes safe in real orgs', () => {
    afterEach(() => fake?.stop());

    it('reads profile full names from the org (listMetadata), encoded as listed, never built from names', async () => {
        const org = fullySetUpOrg();
        const renamed = { ...PROFILE.support, Name: 'Custom: Support Profile' };
        await start({ ...org, profiles: read([PROFILE.agent, renamed]) });
        const api = new SalesforceApi(url, fake.token);
        const names = await profileFullNames(api, [PROFILE.agent.Id, renamed.Id]);
        assert.equal(names.get(renamed.Id), 'Custom%3A Support Profile');
        assert.equal(names.get(PROFILE.agent.Id), 'SimplyChat Agent');
        assert.deepEqual(fake.soapCalls, ['listMetadata:'], 'one listMetadata call for every profile');
    });

    it('writes the configurations a profile leaves before the one it joins', async () => {
        const org = fullySetUpOrg();
        await start(
            omniOrg(
                {
                    presenceConfigs: [HAND.agentsConfig, HAND.salesConfig],
                    presenceConfigProfiles: [
                        {
                            Id: '0Nf5g000000PcpSaAA',
                            PresenceUserConfigId: HAND.salesConfig.Id,
                            ProfileId: PROFILE.sales.Id,
                        },
                    ],
                },
                { profiles: org.profiles }
            )
        );
        const api = new SalesforceApi(url, fake.token);
        const executor = new Executor(api, await profileFullNames(api, [PROFILE.sales.Id]), org.orgId);
        const [outcome] = await executor.run([
            {
                kind: 'moveProfilesToConfig',
                itemId: 'presenceConfig',
                configId: HAND.agentsConfig.Id,
                configDeveloperName: HAND.agentsConfig.DeveloperName,
                moves: [
                    {
                        profileId: PROFILE.sales.Id,
                        profileName: PROFILE.sales.Name,
                        fromConfigId: HAND.salesConfig.Id,
                        fromConfigDeveloperName: HAND.salesConfig.DeveloperName,
                    },
                ],
            },
        ]);
        assert.equal(outcome.status, 'done', JSON.stringify(outcome));
        assert.equal(
            fake.soapCalls.find((c) => c.startsWith('updateMetadata')),
            'updateMetadata:Sales_Config,Agents_Config',
            'the source first, the target last'
        );
    });
});
