/**
 * The record-change probe in the CLI: describeGlobal (read with the load) says whether the installer may create,
 * update and delete each object the record changes write. A change whose rows are refused is left out of the plan
 * and named as a manual step with its Setup page, in `check --json` and `fix --dry-run`; with every right the plan
 * is the one of today.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
    evaluate,
    RECORD_OBJECTS,
    type OrgSnapshot,
    type RecordObject,
} from '../../force-app/main/default/lwc/setupEngine/setupEngine';
import { choices, partlySetUpOrg, sharedOmniOrg } from '../../samples/orgs';
import { PluginHarness, type Envelope, type Item } from './pluginHarness';

const h = new PluginHarness();
const CHECK = ['-o', 'fake', '--profiles=SimplyChat Agent,Support'];
const FLAGS = [...CHECK, '--queue-members', 'agent-users'];

type FixItem = Item & { fix: { available: boolean; reason: { key: string; params: object } | null } };

/** The org with every right on the record-change objects, less `refused` create rights. */
function refusing(org: OrgSnapshot, ...refused: RecordObject[]): OrgSnapshot {
    return {
        ...org,
        recordAccess: {
            status: 'read',
            records: RECORD_OBJECTS.map((name) => ({
                Name: name,
                Available: true,
                Createable: !refused.includes(name),
                Updateable: true,
                Deletable: true,
            })),
        },
    };
}

async function planKinds(): Promise<string[]> {
    const run = await h.run(['fix', ...FLAGS, '--dry-run', '--json']);
    const result = (JSON.parse(run.out) as Envelope<{ plan: { kind: string }[] }>).result;
    assert.ok(result, run.out + run.err);
    return result.plan.map((p) => p.kind);
}

before(() => h.start(sharedOmniOrg()));
after(() => h.stop());

describe('a change whose rows describe refuses is a manual step, never a run', () => {
    it('check --json: the item cannot be fixed here, naming the object and the right', async () => {
        h.reset(refusing(sharedOmniOrg(), 'ServiceChannelStatus'));
        const run = await h.run(['check', ...CHECK, '--json']);
        const items = (JSON.parse(run.out) as Envelope<{ items: FixItem[] }>).result?.items ?? [];
        const online = items.find((i) => i.id === 'onlineStatus');
        assert.deepEqual(online?.fix.reason, {
            key: 'fix.cannotCreateRecords',
            params: { object: 'ServiceChannelStatus' },
        });
        assert.equal(online?.fix.available, false);
    });

    it('fix --dry-run: the change is left out and its Setup page named; the rest is planned as before', async () => {
        h.reset(sharedOmniOrg());
        const today = await planKinds();
        assert.ok(today.includes('addChannelToStatus'), today.join());

        h.reset(refusing(sharedOmniOrg(), 'ServiceChannelStatus'));
        assert.deepEqual(
            await planKinds(),
            today.filter((k) => k !== 'addChannelToStatus')
        );
        const human = await h.run(['fix', ...FLAGS, '--dry-run']);
        assert.match(human.out, /Your user cannot create ServiceChannelStatus records/);
        assert.match(human.out, /Open in Setup: \S*\/lightning\/setup\/ServicePresenceStatusSettings\/home/);
    });

    it('a status grant refused on SetupEntityAccess goes through SimplyChat’s permission set, no Profile written', async () => {
        h.reset(partlySetUpOrg());
        assert.ok((await planKinds()).includes('grantStatusAccess'));
        h.reset(refusing(partlySetUpOrg(), 'SetupEntityAccess'));
        const kinds = await planKinds();
        assert.ok(!kinds.includes('grantStatusAccess'), kinds.join());
        assert.deepEqual(
            kinds.filter((k) => k.endsWith('AgentPermissionSet')),
            ['upsertAgentPermissionSet', 'assignAgentPermissionSet']
        );
        const human = await h.run(['fix', ...FLAGS, '--dry-run']);
        assert.match(human.out, /your user cannot create SetupEntityAccess records \(a status on a profile/);

        const run = await h.run(['fix', ...FLAGS, '--yes', '--json']);
        const result = (JSON.parse(run.out) as Envelope<{ results: { kind: string; status: string }[] }>).result;
        assert.ok(result, run.out + run.err);
        assert.deepEqual(
            result.results.filter((r) => r.kind.endsWith('AgentPermissionSet')).map((r) => r.status),
            ['done', 'done']
        );
        const set = h.fake.snapshot.agentPermissionSet;
        assert.equal(set?.status === 'read' && set.records[0]?.Name, 'SimplyChat_Agents');
        const access = evaluate({ ...h.fake.snapshot, choices: choices() }).find((i) => i.id === 'profileAccess');
        assert.equal(access?.status, 'pass', JSON.stringify(access?.reason));
    });

    it('a set of SimplyChat’s name that is another’s is never written: the manual step stays', async () => {
        h.reset({
            ...refusing(partlySetUpOrg(), 'SetupEntityAccess'),
            agentPermissionSet: {
                status: 'read',
                records: [
                    {
                        Id: '0PS5g00000OtherAAA',
                        Name: 'SimplyChat_Agents',
                        Label: 'Chat',
                        Description: 'Chat team',
                        HasActivationRequired: false,
                    },
                ],
            },
        });
        const kinds = await planKinds();
        assert.ok(!kinds.some((k) => k.endsWith('AgentPermissionSet') || k === 'grantStatusAccess'), kinds.join());
        const human = await h.run(['fix', ...FLAGS, '--dry-run']);
        assert.match(human.out, /Open in Setup: \S*\/lightning\/setup\/EnhancedProfiles\/home/);
        assert.match(human.out, /cannot create SetupEntityAccess records/);
    });

    it('with every right the plan is the one of an org read without the probe', async () => {
        h.reset(sharedOmniOrg());
        const today = await planKinds();
        h.reset(refusing(sharedOmniOrg()));
        assert.deepEqual(await planKinds(), today);
    });
});
