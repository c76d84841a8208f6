/**
 * The agents' parts in the sf plugin, end to end against the fake org through oclif: the reader's new parts (queue
 * membership three levels deep, apps, utility bars through the Metadata API), `fix --queue-members` (item 13, the
 * Queue metadata read-modify-write keeping every member), and `sf simplychat setup agents` (table, --json,
 * --not-ready, exit codes).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { AgentReadiness, OrgSnapshot } from '../../force-app/main/default/lwc/setupEngine/setupEngine';
import { OMNI_CHANNEL_UTILITY } from '../../force-app/main/default/lwc/setupEngine/facts';
import { AGENTS, agentsOrg } from '../../samples/agents';
import { Duration } from '@salesforce/kit';
import { ComponentSet, RequestStatus } from '@salesforce/source-deploy-retrieve';
import { fullySetUpOrg, HAND, omniOrg, PROFILE, read } from '../../samples/orgs';
import { PUBLIC_GROUPS } from '../../samples/queueMembers';
import { Executor } from '../../src/lib/executor';
import { OrgApi } from '../../src/lib/orgApi';
import { readBase, readDependent, readQueueMembership, readUtilityBars, utilityItems } from '../../src/lib/reader';
import { settle } from '../../force-app/main/default/lwc/setupEngine/setupEngine';
import { READ_CAPS } from '../../force-app/main/default/lwc/setupEngine/contract';
import { PluginHarness, ROOT, type Envelope, type Item } from './pluginHarness';

const h = new PluginHarness();
const AGENT_PROFILES = '--profiles=SimplyChat Agent,Support';

interface AgentsJson {
    counts: { total: number; ready: number; notReady: number; unknown: number };
    agents: AgentReadiness[];
}

function json<T>(text: string): Envelope<T> {
    return JSON.parse(text) as Envelope<T>;
}

async function item(id: string): Promise<Item | undefined> {
    const check = await h.run(['check', '-o', 'fake', '--json', AGENT_PROFILES]);
    return json<{ items: Item[] }>(check.out).result?.items.find((i) => i.id === id);
}

/**
 * The fully set up org, with a console app holding the Omni-Channel utility for both agent profiles and every
 * Support user a Service Cloud User: every agent is ready. `withoutSupportChat` takes the group "Support Chat" (the
 * 12 Support users) out of "Chat Agents", the queue's only member: those 12 agents are not in the queue.
 */
function readyOrg(): OrgSnapshot {
    const org = fullySetUpOrg();
    return {
        ...org,
        profiles: read([
            PROFILE.admin,
            PROFILE.agent,
            { ...PROFILE.support, ServiceCloudUserCount: PROFILE.support.UserCount },
            PROFILE.sales,
        ]),
        apps: read([AGENTS.serviceConsole]),
        appMenuItems: read([AGENTS.serviceConsoleItem]),
        // Access rows carry the app's 02u… Id (18 characters), never AppDefinition's 06m… DurableId.
        appAccess: read([
            { ProfileId: PROFILE.agent.Id, SetupEntityId: AGENTS.serviceConsoleAccessId },
            { ProfileId: PROFILE.support.Id, SetupEntityId: AGENTS.serviceConsoleAccessId },
        ]),
        utilityBars: read([
            { Name: AGENTS.serviceConsole.UtilityBar, ComponentNames: ['console:history', OMNI_CHANNEL_UTILITY] },
        ]),
    };
}

function withoutSupportChat(): void {
    h.fake.people.members = h.fake.people.members.filter(
        (m) => !(m.GroupId === PUBLIC_GROUPS.chatAgents.Id && m.UserOrGroupId === PUBLIC_GROUPS.supportChat.Id)
    );
}

async function orgApi(): Promise<OrgApi> {
    const { Org } = await import('@salesforce/core');
    return new OrgApi((await Org.create({ aliasOrUsername: 'fake' })).getConnection());
}

before(() => h.start(readyOrg()));
after(() => h.stop());

describe('the reader: queue membership, apps and utility bars', () => {
    beforeEach(() => h.reset(readyOrg()));

    it("reads the queue's members with the contract's queries, level by level, and resolves them (item 13 passes)", async () => {
        const found = await item('queueMembers');
        assert.equal(found?.status, 'pass', JSON.stringify(found));
        const soql = h.fake.received.map((r) => r.soql).filter((q) => q);
        const levels = soql.filter((q) => q.startsWith('SELECT GroupId, UserOrGroupId FROM GroupMember'));
        // The queue, then Chat Agents, then Support Chat and the role group: three levels.
        assert.equal(levels.length, 3, levels.join('\n'));
        assert.ok(levels[0].includes(`('${HAND.queue.Id}')`));
        assert.ok(
            soql.some((q) => q.startsWith('SELECT Id, Type, RelatedId, Related.Name, DeveloperName, Name FROM Group'))
        );
        assert.ok(soql.some((q) => q.startsWith('SELECT Id, ProfileId, UserRoleId FROM User WHERE Id IN')));
        assert.ok(!soql.some((q) => q.includes('FROM UserRole')), 'no role hierarchy without a subordinates member');
    });

    it('reports public groups nested below the levels read as unresolved, never guessed', async () => {
        // The queue ▸ Chat Agents ▸ Support Chat ▸ All Service, whose own rows would be a fourth level.
        h.fake.people.members.push(
            { GroupId: PUBLIC_GROUPS.supportChat.Id, UserOrGroupId: PUBLIC_GROUPS.allService.Id },
            { GroupId: PUBLIC_GROUPS.allService.Id, UserOrGroupId: h.fake.people.users[0].Id }
        );
        const api = await orgApi();
        const state = await readQueueMembership(api, HAND.queue.Id, [PROFILE.agent.Id, PROFILE.support.Id], []);
        assert.deepEqual(state.unresolvedGroupIds, [PUBLIC_GROUPS.allService.Id]);
        assert.ok(state.groups.some((g) => g.Id === PUBLIC_GROUPS.allService.Id && g.Type === 'Regular'));
        assert.ok(
            !state.members.some((m) => m.GroupId === PUBLIC_GROUPS.allService.Id),
            'the fourth level is not read'
        );
    });

    it('reads the role hierarchy only when a role-and-subordinates member needs it', async () => {
        const role = { Id: '00E5g00000TopRolAA', Name: 'Top', ParentRoleId: null, DeveloperName: 'Top' };
        h.fake.people.roles.push(role);
        h.fake.people.groups.push({
            Id: '00G5g00000RsTopAAA',
            Type: 'RoleAndSubordinates',
            RelatedId: role.Id,
            DeveloperName: null,
            Name: 'Top',
        });
        h.fake.people.members.push({ GroupId: HAND.queue.Id, UserOrGroupId: '00G5g00000RsTopAAA' });
        const state = await readQueueMembership(await orgApi(), HAND.queue.Id, [PROFILE.agent.Id], []);
        assert.deepEqual(
            state.roles.map((r) => r.Id),
            [role.Id]
        );
    });

    it('reads utility bars through the Metadata API in calls of at most 10 FlexiPages', async () => {
        const bars = Array.from({ length: 23 }, (_, i) => ({
            Name: `Bar_${i}`,
            ComponentNames: i === 7 ? ['console:history', 'omnichannel_widget'] : ['force:notes'],
        }));
        h.fake.people.utilityBars = bars;
        const api = await orgApi();
        const read = await readUtilityBars(
            api,
            bars.map((b) => b.Name)
        );
        assert.deepEqual(read, bars);
        const calls = h.fake.soapCalls.filter((c) => c.startsWith('readMetadata'));
        assert.equal(calls.length, 3);
        assert.ok(h.fake.largestMetadataCall <= 10);
    });

    it("takes the utilityItems region's component names, new (itemInstances) and old (componentInstances) forms", () => {
        assert.deepEqual(
            utilityItems({
                flexiPageRegions: [
                    { name: 'backgroundComponents', itemInstances: { componentInstance: { componentName: 'x:bg' } } },
                    {
                        name: 'utilityItems',
                        itemInstances: [
                            { componentInstance: { componentName: 'console:history' } },
                            { componentInstance: { componentName: 'omnichannel_widget' } },
                        ],
                        componentInstances: { componentName: 'old:item' },
                    },
                ],
            }),
            ['console:history', 'omnichannel_widget', 'old:item']
        );
        assert.deepEqual(utilityItems({ flexiPageRegions: { name: 'main' } }), []);
    });

    it('item 14 passes with the console app read from the org; fails when its utility bar lacks Omni-Channel', async () => {
        assert.equal((await item('agentApps'))?.status, 'pass');
        h.fake.people.utilityBars = [{ Name: AGENTS.serviceConsole.UtilityBar, ComponentNames: ['console:history'] }];
        assert.equal((await item('agentApps'))?.status, 'fail');
        assert.ok(h.fake.soapCalls.some((c) => c.startsWith('readMetadata')));
    });

    it("item 14 joins access to apps by AppMenuItem's 02u… Id and asks SetupEntityAccess for those Ids only", async () => {
        await item('agentApps');
        const access = h.fake.received
            .map((r) => r.soql)
            .filter((q) => q?.includes('FROM SetupEntityAccessItems') && q.includes("'02u"));
        assert.ok(access.length > 0, access.join('\n'));
        assert.ok(access.every((q) => q.includes(`'${AGENTS.serviceConsoleItem.ApplicationId}'`)));
        assert.ok(access.every((q) => !q.includes(AGENTS.serviceConsole.DurableId)));
        // Without its menu item the console app cannot be joined: its access is not read, item 14 is not "pass".
        h.fake.people.appMenuItems = [];
        assert.notEqual((await item('agentApps'))?.status, 'pass');
    });

    it('item 14 counts the app given through a permission set (or a group) assigned to the agents', async () => {
        // Support loses the console app from its profile; a permission set gives it to some of its users.
        const support = h.fake.people.users.filter((u) => u.ProfileId === PROFILE.support.Id);
        h.fake.people.appAccess = h.fake.people.appAccess.filter((a) => a.ProfileId !== PROFILE.support.Id);
        assert.equal((await item('agentApps'))?.reason.key, 'item.agentApps.missing');
        const assignees = support.map((u) => ({ AssigneeId: u.Id, ProfileId: u.ProfileId }));
        const set = {
            Id: '0PS5g000000OmniCoA',
            Label: 'Omni Console Access',
            PermissionSetGroupId: null,
            AppIds: [AGENTS.serviceConsoleAccessId],
            Assignees: assignees.slice(0, 5),
        };
        h.fake.people.appSets = [set];
        const some = await item('agentApps');
        assert.equal(some?.status, 'fail');
        assert.equal(some?.reason.key, 'item.agentApps.someUsers');
        assert.equal(some?.reason.params?.profiles, `Support (5/${support.length})`);
        // Through a permission set group's own set, to every Support user: ready.
        h.fake.people.appSets = [
            { ...set, Id: '0PS5g000000SvcGrpA', PermissionSetGroupId: '0PG5g000000SvcGrpA', Assignees: assignees },
        ];
        assert.equal((await item('agentApps'))?.status, 'pass');
        // A session-based set, or a group that needs activation, is left out by the query: not counted.
        h.fake.people.appSets = [{ ...set, Assignees: assignees, HasActivationRequired: true }];
        assert.equal((await item('agentApps'))?.reason.key, 'item.agentApps.missing');
        h.fake.people.appSets = [
            {
                ...set,
                PermissionSetGroupId: '0PG5g000000SvcGrpA',
                Assignees: assignees,
                GroupHasActivationRequired: true,
            },
        ];
        assert.equal((await item('agentApps'))?.reason.key, 'item.agentApps.missing');
    });

    it('item 14 is "cannot be checked" when the app access read is full, never "no" (refused, not cut)', async () => {
        const support = h.fake.people.users.filter((u) => u.ProfileId === PROFILE.support.Id);
        h.fake.people.appAccess = h.fake.people.appAccess.filter((a) => a.ProfileId !== PROFILE.support.Id);
        h.fake.people.appSets = [
            {
                Id: '0PS5g000000OmniCoA',
                Label: 'Omni Console Access',
                PermissionSetGroupId: null,
                AppIds: [AGENTS.serviceConsoleAccessId],
                Assignees: Array.from({ length: READ_CAPS.appAccessRows }, (_, n) => ({
                    AssigneeId: `0055g${String(n).padStart(12, '0')}A`,
                    ProfileId: support[0].ProfileId,
                })),
            },
        ];
        const i = await item('agentApps');
        assert.equal(i?.status, 'unknown');
        assert.equal(i?.reason.key, 'item.unreadable');
    });

    it('item 14 cannot check a profile whose app the installer cannot access (AppDefinition omits it)', async () => {
        h.fake.people.apps = [];
        const i = await item('agentApps');
        assert.equal(i?.status, 'unknown');
        assert.equal(i?.reason.key, 'item.agentApps.appsHidden');
    });
});

describe('sf simplychat setup fix --queue-members (item 13)', () => {
    beforeEach(() => {
        h.reset(readyOrg());
        withoutSupportChat();
    });

    it('check shows item 13 failing; the dry run without the flag points to --queue-members and writes nothing', async () => {
        const found = await item('queueMembers');
        assert.equal(found?.status, 'fail', JSON.stringify(found));
        assert.ok(found?.needs.includes('queueMembers'));
        const check = await h.run(['check', '-o', 'fake', AGENT_PROFILES]);
        assert.match(check.out + check.err, /fix --queue-members agent-users/);
        const dry = await h.run(['fix', '-o', 'fake', AGENT_PROFILES, '--dry-run', '--json']);
        const envelope = json<{ plan: { kind: string }[] }>(dry.out);
        assert.ok(
            envelope.warnings?.some((w) => /--queue-members agent-users/.test(w) && /group:<DeveloperName>/.test(w)),
            JSON.stringify(envelope.warnings)
        );
        assert.ok(!envelope.result?.plan.some((p) => p.kind === 'addQueueMembers'));
        assert.equal(h.fake.writes, 0);
    });

    it('--dry-run shows the operation and writes nothing', async () => {
        const dry = await h.run(['fix', '-o', 'fake', AGENT_PROFILES, '--queue-members', 'agent-users', '--dry-run']);
        assert.equal(dry.code, 1, dry.err + dry.out);
        assert.match(dry.out, /Planned changes \(1\):\n {2}1\. .*Chat_Queue|Planned changes \(1\):\n {2}1\. /);
        assert.match(dry.out, /queue/i);
        assert.equal(h.fake.writes, 0);
    });

    it('agent-users: adds the missing agents by username, keeps every member; re-check passes; a rerun writes nothing', async () => {
        const result = await h.run([
            'fix',
            '-o',
            'fake',
            AGENT_PROFILES,
            '--queue-members',
            'agent-users',
            '--yes',
            '--json',
        ]);
        const envelope = json<{ results: { kind: string; status: string; changed: string[] }[]; after: Item[] }>(
            result.out
        );
        assert.equal(result.code, 0, result.out + result.err);
        assert.deepEqual(
            envelope.result?.results.map((r) => [r.kind, r.status]),
            [['addQueueMembers', 'done']]
        );
        assert.equal(envelope.result?.after.find((i) => i.id === 'queueMembers')?.status, 'pass');
        const queueRows = h.fake.people.members.filter((m) => m.GroupId === HAND.queue.Id);
        assert.ok(
            queueRows.some((m) => m.UserOrGroupId === PUBLIC_GROUPS.chatAgents.Id),
            'the public group already in the queue is kept'
        );
        const supportUsers = h.fake.people.users.filter((u) => u.ProfileId === PROFILE.support.Id).map((u) => u.Id);
        assert.ok(supportUsers.every((id) => queueRows.some((m) => m.UserOrGroupId === id)));
        assert.equal((await item('queueMembers'))?.status, 'pass');
        const writes = h.fake.writes;
        const again = await h.run([
            'fix',
            '-o',
            'fake',
            AGENT_PROFILES,
            '--queue-members',
            'agent-users',
            '--yes',
            '--json',
        ]);
        assert.equal(again.code, 0);
        assert.deepEqual(json<{ plan: unknown[] }>(again.out).result?.plan, []);
        assert.equal(h.fake.writes, writes, 'the rerun writes nothing');
    });

    it('group:<DeveloperName>: adds the public group to the queue, keeping its members', async () => {
        const result = await h.run([
            'fix',
            '-o',
            'fake',
            AGENT_PROFILES,
            '--queue-members',
            'group:Support_Chat',
            '--yes',
        ]);
        assert.equal(result.code, 0, result.out + result.err);
        const queueRows = h.fake.people.members.filter((m) => m.GroupId === HAND.queue.Id).map((m) => m.UserOrGroupId);
        assert.deepEqual(queueRows.sort(), [PUBLIC_GROUPS.chatAgents.Id, PUBLIC_GROUPS.supportChat.Id].sort());
        assert.deepEqual(
            h.fake.soapCalls.filter((c) => /^(update|upsert)Metadata/.test(c)),
            [],
            'the queue is never rewritten'
        );
        assert.equal(h.fake.received.filter((r) => r.path === '/composite').length, 1, 'one GroupMember row, added');
    });

    const bad: [string, string[], RegExp][] = [
        [
            'a value that is neither',
            ['--queue-members', 'everyone'],
            /--queue-members takes "agent-users" or "group:<DeveloperName of a public group>", not "everyone"/,
        ],
        ['an empty group name', ['--queue-members', 'group:'], /not "group:"/],
        ['a group name that is not an API name', ['--queue-members', 'group:Support Chat'], /not "group:Support Chat"/],
        [
            'a public group the org does not have',
            ['--queue-members', 'group:Suport_Chat'],
            /No public group with the API name "Suport_Chat"[\s\S]*Did you mean --queue-members group:Support_Chat\?/,
        ],
    ];
    for (const [name, argv, message] of bad) {
        it(`refuses ${name} (exit 2, nothing written)`, async () => {
            const result = await h.run(['fix', '-o', 'fake', AGENT_PROFILES, '--yes', ...argv]);
            assert.equal(result.code, 2, result.err + result.out);
            assert.match(result.err.replace(/\s*›\s*/g, ' '), message);
            assert.equal(h.fake.writes, 0);
        });
    }

    it('the executor adds nothing and writes nothing when every agent user is listed already (idempotent)', async () => {
        const api = await orgApi();
        const op = {
            kind: 'addQueueMembers' as const,
            itemId: 'queueMembers' as const,
            queueId: HAND.queue.Id,
            queueDeveloperName: HAND.queue.DeveloperName,
            profiles: [{ profileId: PROFILE.support.Id, profileName: PROFILE.support.Name, userCount: 12 }],
            publicGroupDeveloperName: null,
        };
        const executor = new Executor(api, new Map(), h.fake.snapshot.orgId);
        const [first] = await executor.run([op]);
        assert.equal(first.status, 'done', JSON.stringify(first));
        assert.equal(first.changed.length, 12, 'one GroupMember row per agent who was not a member');
        assert.ok(first.changed.every((c) => c.startsWith('GroupMember:insert')));
        const writes = h.fake.writes;
        const [second] = await executor.run([op]);
        assert.deepEqual([second.status, second.changed], ['done', []]);
        assert.equal(h.fake.writes, writes, 'nothing written the second time');
        assert.deepEqual(
            h.fake.soapCalls.filter((c) => /^(update|upsert)Metadata/.test(c)),
            []
        );
    });

    it('stops, changing nothing, when the rows do not fit one all-or-none request', async () => {
        let composites = 0;
        const fake = {
            version: '65.0',
            query: (soql: string) =>
                Promise.resolve(
                    soql.startsWith('SELECT Id, ProfileId FROM User')
                        ? Array.from({ length: 10001 }, (_, i) => ({
                              Id: `0055g${String(i).padStart(10, '0')}`,
                              ProfileId: PROFILE.agent.Id,
                          }))
                        : []
                ),
            composite: () => {
                composites++;
                return Promise.resolve({ compositeResponse: [] });
            },
        } as unknown as OrgApi;
        const [outcome] = await new Executor(fake, new Map(), 'org').run([
            {
                kind: 'addQueueMembers',
                itemId: 'queueMembers',
                queueId: HAND.queue.Id,
                queueDeveloperName: 'Chat_Queue',
                profiles: [{ profileId: PROFILE.agent.Id, profileName: 'Agent', userCount: 10001 }],
                publicGroupDeveloperName: null,
            },
        ]);
        assert.equal(outcome.error?.code, 'TOO_MANY_ROWS');
        assert.equal(composites, 0);
    });

    it('keeps a member no queue metadata can name (all internal users): members are added as rows', async () => {
        h.fake.people.groups.push({
            Id: '00G5g00000OrgAllAA',
            Type: 'Organization',
            RelatedId: null,
            DeveloperName: null,
            Name: null,
        });
        h.fake.people.members.push({ GroupId: HAND.queue.Id, UserOrGroupId: '00G5g00000OrgAllAA' });
        const [outcome] = await new Executor(await orgApi(), new Map(), h.fake.snapshot.orgId).run([
            {
                kind: 'addQueueMembers',
                itemId: 'queueMembers',
                queueId: HAND.queue.Id,
                queueDeveloperName: HAND.queue.DeveloperName,
                profiles: [],
                publicGroupDeveloperName: 'Support_Chat',
            },
        ]);
        assert.equal(outcome.status, 'done', JSON.stringify(outcome));
        const queueRows = h.fake.people.members.filter((m) => m.GroupId === HAND.queue.Id).map((m) => m.UserOrGroupId);
        assert.ok(queueRows.includes('00G5g00000OrgAllAA'), 'all internal users stay in the queue');
        assert.ok(queueRows.includes(PUBLIC_GROUPS.supportChat.Id), 'the group joined');
        assert.ok(!h.fake.soapCalls.some((c) => /^(update|upsert)Metadata/.test(c)));
    });
});

describe('sf simplychat setup export: the queue with its members', () => {
    beforeEach(() => h.reset(readyOrg()));

    it('exports the queue with its members and the public groups it names; warns about usernames', async () => {
        withoutSupportChat();
        const fixed = await h.run(['fix', '-o', 'fake', AGENT_PROFILES, '--queue-members', 'agent-users', '--yes']);
        assert.equal(fixed.code, 0, fixed.out + fixed.err);
        const out = path.join(h.cwd, 'export-queue');
        const result = await h.run(['export', '-o', 'fake', AGENT_PROFILES, '--output-dir', out, '--json']);
        assert.equal(result.code, 0, result.out + result.err);
        const envelope = json<{ files: string[]; members: { type: string; fullName: string }[] }>(result.out);
        assert.ok(envelope.result?.members.some((m) => m.type === 'Group' && m.fullName === 'Chat_Agents'));
        const queueFile = envelope.result?.files.find((f) => f.endsWith('.queue-meta.xml'));
        assert.ok(queueFile, envelope.result?.files.join('\n'));
        const xml = fs.readFileSync(path.join(out, queueFile), 'utf8');
        assert.match(xml, /<queueMembers><publicGroups><publicGroup>Chat_Agents<\/publicGroup><\/publicGroups><users>/);
        assert.equal([...xml.matchAll(/<user>/g)].length, 12);
        assert.ok(
            envelope.warnings?.some((w) => /lists 12 user\(s\) by username/.test(w)),
            JSON.stringify(envelope.warnings)
        );
        assert.match(
            fs.readFileSync(path.join(out, 'manifest', 'package.xml'), 'utf8'),
            /<members>Chat_Agents<\/members>\s*<name>Group<\/name>/
        );

        // Deployed into an org without the group: the group is created, the queue gets its members.
        const full = readyOrg();
        h.reset(omniOrg({}, { scSetup: full.scSetup, publicGroups: read([]), profiles: full.profiles }));
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
        const queue = h.fake.snapshot.queues.status === 'read' ? h.fake.snapshot.queues.records[0] : undefined;
        const group = h.fake.people.groups.find((g) => g.DeveloperName === 'Chat_Agents');
        assert.ok(queue && group);
        const rows = h.fake.people.members.filter((m) => m.GroupId === queue.Id);
        assert.equal(rows.length, 13, 'the group and the 12 users');
        assert.ok(rows.some((m) => m.UserOrGroupId === group.Id));
    });
});

describe('sf simplychat setup agents', () => {
    beforeEach(() => h.reset(readyOrg()));
    const ALL = '--profiles=SimplyChat Agent,Support,Chat Trainees';

    it('prints every agent with the first reason; exit 1 when one is not ready', async () => {
        h.reset(agentsOrg());
        const result = await h.run(['agents', '-o', 'fake', ALL]);
        assert.equal(result.code, 1, result.err + result.out);
        const lines = result.out.split('\n');
        assert.match(
            lines[0],
            /^Name +Profile +Presence configuration +Online status with SimplyChat +Chat queue +App with Omni-Channel +Current presence +Ready +Reason$/
        );
        assert.match(result.out, /Not a member/);
        assert.match(result.out, /Through the public group SimplyChat Agents/);
        assert.match(result.out, /\d+ of 43 agents ready \(\d+ not ready, \d+ cannot be checked\)/);
        assert.match(result.out, /without the Service Cloud User feature licence/, 'a warning, with its reason');
        assert.equal(h.fake.writes, 0);
    });

    it('--json: the sf envelope with the counts and the engine rows; --not-ready keeps the agents who are not', async () => {
        h.reset(agentsOrg());
        const all = json<AgentsJson>((await h.run(['agents', '-o', 'fake', ALL, '--json'])).out);
        assert.equal(all.status, 1);
        const counts = all.result?.counts;
        assert.equal(counts?.total, 43);
        assert.equal(all.result?.agents.length, 43);
        const row = all.result?.agents.find((a) => a.status === 'notReady' && a.blockers[0] === 'notInQueue');
        assert.ok(row, 'an agent not in the queue');
        assert.deepEqual(Object.keys(row).sort(), [
            'blockers',
            'config',
            'name',
            'omniApp',
            'omniAppThrough',
            'onlineStatuses',
            'presence',
            'profileId',
            'profileName',
            'queue',
            'reason',
            'serviceCloudUser',
            'status',
            'unknowns',
            'userId',
            'username',
            'warnings',
        ]);
        assert.equal(row.queue, null);
        // Half of the trainees have the console app only through the permission set "Omni Console Access".
        const trainees = all.result?.agents.filter((a) => a.profileId === AGENTS.trainees.Id) ?? [];
        assert.deepEqual(
            trainees.map((a) => a.omniAppThrough),
            [['Omni Console Access'], ['Omni Console Access'], ['Omni Console Access'], [], [], []]
        );
        const blockers = new Set(all.result?.agents.flatMap((a) => a.blockers));
        for (const b of ['notInQueue', 'noCapacity', 'noOnlineStatus', 'noOmniApp'])
            assert.ok(blockers.has(b as never), `${b} in ${[...blockers].join(', ')}`);
        // No Service Cloud User is a warning (row 77), never a blocker.
        assert.ok(!blockers.has('noServiceCloudUser' as never));
        assert.ok(all.result?.agents.some((a) => a.warnings.includes('noServiceCloudUser')));
        const notReady = json<AgentsJson>((await h.run(['agents', '-o', 'fake', ALL, '--json', '--not-ready'])).out);
        assert.deepEqual(notReady.result?.counts, counts);
        assert.equal(notReady.result?.agents.length, counts?.notReady);
        assert.ok(notReady.result?.agents.every((a) => a.status === 'notReady'));
    });

    it('shows presence as unknown, never offline, when the installer cannot see every presence row (row 70)', async () => {
        h.reset(agentsOrg());
        const seen = json<AgentsJson>((await h.run(['agents', '-o', 'fake', ALL, '--json'])).out);
        assert.ok(seen.result?.agents.some((a) => a.presence === 'offline'));
        h.fake.presenceSeesAll = false;
        try {
            const unseen = json<AgentsJson>((await h.run(['agents', '-o', 'fake', ALL, '--json'])).out);
            assert.ok(!unseen.result?.agents.some((a) => a.presence === 'offline'));
            assert.ok(unseen.result?.agents.some((a) => a.presence === 'unknown'));
            assert.ok(
                h.fake.received.some((r) =>
                    r.soql.startsWith(
                        'SELECT PermissionsViewAllData, PermissionsModifyAllData FROM UserPermissionAccess'
                    )
                )
            );
        } finally {
            h.fake.presenceSeesAll = true;
        }
    });

    it('exit 1 with agents missing from the queue, 0 once fix --queue-members agent-users has added them', async () => {
        withoutSupportChat();
        const before = await h.run(['agents', '-o', 'fake', AGENT_PROFILES, '--json']);
        assert.equal(before.code, 1, before.out);
        assert.equal(json<AgentsJson>(before.out).result?.counts.notReady, 12);
        const fixed = await h.run(['fix', '-o', 'fake', AGENT_PROFILES, '--queue-members', 'agent-users', '--yes']);
        assert.equal(fixed.code, 0, fixed.out + fixed.err);
        const afterFix = await h.run(['agents', '-o', 'fake', AGENT_PROFILES]);
        assert.equal(afterFix.code, 0, afterFix.out + afterFix.err);
        assert.match(afterFix.out, /37 of 37 agents ready/);
    });

    it('reads the users page by page (2,000 a page) with the contract queries, and each page in queries of 200 Ids', async () => {
        const many = { ...PROFILE.agent, UserCount: 4500, ServiceCloudUserCount: 4500 };
        const org = readyOrg();
        h.reset({ ...org, profiles: read([PROFILE.admin, many, PROFILE.support, PROFILE.sales]) });
        const result = await h.run(['agents', '-o', 'fake', '--profiles=SimplyChat Agent', '--json']);
        assert.ok(result.code < 2, result.err);
        assert.equal(json<AgentsJson>(result.out).result?.counts.total, 4500);
        const soql = h.fake.received.map((r) => r.soql);
        assert.equal(
            soql.filter((q) => q.includes('UserPermissionsSupportUser FROM User') && !q.includes(' > ')).length,
            1
        );
        assert.equal(
            soql.filter((q) => q.includes('UserPermissionsSupportUser FROM User') && q.includes('Id > ')).length,
            2
        );
        const presence = soql.filter((q) => q.includes('FROM UserServicePresence'));
        assert.equal(presence.length, Math.ceil(4500 / 200));
    });

    it('without agents it says so and exits 1; an unknown flag is a usage error', async () => {
        const none = await h.run(['agents', '-o', 'fake', '--json']);
        assert.equal(none.code, 1);
        assert.ok(json(none.out).warnings?.some((w) => /No active user is on the agent profiles/.test(w)));
        const bad = await h.run(['agents', '-o', 'fake', '--not-redy']);
        assert.equal(bad.code, 2);
        assert.match(bad.err, /Did you mean --not-ready instead of --not-redy\?/);
    });

    it('the simplychat-setup alias runs agents too (help with --not-ready)', () => {
        const result = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'run.js'), 'agents', '--help'], {
            env: { ...process.env, NODE_OPTIONS: '' },
            encoding: 'utf8',
        });
        assert.equal(result.status, 0, result.stderr);
        assert.match(result.stdout, /--not-ready/);
        assert.match(
            result.stdout.replace(/\s+/g, ' '),
            /Exit code 0 when every agent is ready, 1 when an agent is not ready/
        );
    });
});

describe('the reader in two phases: readBase, the engine settles, readDependent by its Ids', () => {
    beforeEach(() => h.reset(readyOrg()));
    const cli = { profiles: ['SimplyChat Agent', 'Support'] };
    const soqlSince = (from: number): string[] => h.fake.received.slice(from).map((r) => r.soql ?? '');

    it('reads no queue member and no utility bar in the base; the dependent read takes the settled queue', async () => {
        const api = await orgApi();
        const from = h.fake.received.length;
        const base = await readBase(api, cli);
        assert.equal(base.snapshot.queueMembership, undefined);
        assert.equal(base.snapshot.utilityBars, undefined);
        assert.ok(!soqlSince(from).some((q) => q.includes('FROM GroupMember')), 'no member read before settle');
        assert.ok(!h.fake.soapCalls.some((c) => c.startsWith('readMetadata')), 'no FlexiPage read before settle');
        const ids = settle(base.snapshot).ids;
        assert.equal(ids.queueId, HAND.queue.Id);
        const dependent = await readDependent(api, base.snapshot, ids);
        assert.equal(dependent.queueMembership?.status, 'read');
        assert.deepEqual(
            dependent.queueMembership?.status === 'read' && dependent.queueMembership.records.map((r) => r.queueId),
            [HAND.queue.Id]
        );
        assert.deepEqual(dependent.utilityBars?.status === 'read' && dependent.utilityBars.records.map((b) => b.Name), [
            AGENTS.serviceConsole.UtilityBar,
        ]);
    });

    it('reads the members of the queue it is given, whatever its name, and none without an Id', async () => {
        const api = await orgApi();
        const base = await readBase(api, cli);
        const ids = settle(base.snapshot).ids;
        const other = '00G5g000000OtherAA';
        const from = h.fake.received.length;
        const none = await readDependent(api, base.snapshot, { ...ids, queueId: null, utilityBarNames: [] });
        assert.deepEqual(none.queueMembership, { status: 'read', records: [] });
        assert.ok(!soqlSince(from).some((q) => q.includes('FROM GroupMember')), 'no queue: no member read');
        assert.ok(!h.fake.soapCalls.some((c) => c.startsWith('readMetadata')), 'no bar named: no FlexiPage read');
        await readDependent(api, base.snapshot, { ...ids, queueId: other });
        const levels = soqlSince(from).filter((q) => q.startsWith('SELECT GroupId, UserOrGroupId FROM GroupMember'));
        assert.ok(levels[0]?.includes(`('${other}')`), levels.join('\n'));
    });

    it("reports a membership past the contract's cap as unreadable, never a cut list", async () => {
        const api = await orgApi();
        const base = await readBase(api, cli);
        const ids = settle(base.snapshot).ids;
        for (let i = 0; i <= READ_CAPS.queueMemberRows; i++) {
            h.fake.people.members.push({ GroupId: HAND.queue.Id, UserOrGroupId: `005${String(i).padStart(12, '0')}` });
        }
        const dependent = await readDependent(api, base.snapshot, ids);
        assert.deepEqual(dependent.queueMembership, {
            status: 'unavailable',
            code: 'queryFailed',
            message: `More than ${READ_CAPS.queueMemberRows} rows of queue members: not read`,
        });
        const levels = h.fake.received.map((r) => r.soql ?? '').filter((q) => q.includes('FROM GroupMember'));
        assert.ok(levels[levels.length - 1].endsWith(`LIMIT ${READ_CAPS.queueMemberRows + 1}`), 'asks for one more');
    });
});
