/**
 * `fix` for a user without Manage Profiles and Permission Sets, or without Manage Users: the plan holds only what the
 * contract's permission policy (OPERATION_PERMISSIONS, the engine's operationRefusal) lets this user run, every
 * planned change is made, nothing is refused half-way by the org, and the items left say which permission they need,
 * in human output and in --json.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { OPERATION_PERMISSIONS } from '../../force-app/main/default/lwc/setupEngine/contract';
import type { OrgSnapshot, UserPermissions } from '../../force-app/main/default/lwc/setupEngine/setupEngine';
import { ADMIN, omniOrg } from '../../samples/orgs';
import { PluginHarness, type Envelope, type Item } from './pluginHarness';

const h = new PluginHarness();
const FLAGS = [
    '-o',
    'fake',
    '--profiles=SimplyChat Agent,Support',
    '--queue-members',
    'agent-users',
    '--capacity',
    '2',
];

type FixItem = Item & { fix: { available: boolean; reason: { key: string } | null; text: string | null } };

interface FixJson {
    plan: { kind: string }[];
    results: { kind: string; status: string }[];
    items: FixItem[];
    after: FixItem[] | null;
    withheld: { kind: string; itemId: string; reason: { key: string }; reasonText: string }[];
}

function orgWith(permissions: UserPermissions): OrgSnapshot {
    const org = omniOrg();
    return { ...org, user: { ...org.user, permissions } };
}

/** Kinds the contract says need this permission. */
function kindsNeeding(permission: keyof UserPermissions): string[] {
    return Object.entries(OPERATION_PERMISSIONS)
        .filter(([, needed]) => (needed as readonly string[]).includes(permission))
        .map(([kind]) => kind);
}

before(() => h.start(orgWith(ADMIN)));
after(() => h.stop());

const CASES = [
    {
        missing: 'manageProfilesPermissionsets',
        key: 'fix.needsManageProfiles',
        text: /Manage Profiles and Permission Sets/,
    },
    { missing: 'manageUsers', key: 'fix.needsManageUsers', text: /needs Manage Users/ },
] as const;

describe('fix without a permission some changes need', () => {
    for (const c of CASES) {
        it(`without ${c.missing}: plans and makes only what is allowed, and says which items need it`, async () => {
            const restricted = kindsNeeding(c.missing);
            assert.ok(restricted.length > 0);

            // With every permission the same org's plan holds changes that need it: the case is not empty.
            h.reset(orgWith(ADMIN));
            const full = JSON.parse((await h.run(['fix', ...FLAGS, '--dry-run', '--json'])).out) as Envelope<FixJson>;
            assert.ok(
                full.result?.plan.some((p) => restricted.includes(p.kind)),
                JSON.stringify(full.result?.plan.map((p) => p.kind))
            );

            h.reset(orgWith({ ...ADMIN, [c.missing]: false }));
            const run = await h.run(['fix', ...FLAGS, '--yes', '--json']);
            const result = (JSON.parse(run.out) as Envelope<FixJson>).result;
            assert.ok(result, run.out + run.err);
            const kinds = result.plan.map((p) => p.kind);
            assert.ok(kinds.length > 0, 'the allowed changes are still made');
            assert.deepEqual(
                kinds.filter((k) => restricted.includes(k)),
                [],
                'no planned change needs the missing permission'
            );
            assert.deepEqual(
                result.results.map((r) => r.status),
                kinds.map(() => 'done'),
                'every planned change is made: nothing refused half-way'
            );
            assert.ok(h.fake.writes > 0);
            // The changes left out are named with the permission they need; exactly those the full plan had more.
            const left = full.result?.plan.filter((p) => restricted.includes(p.kind)).map((p) => p.kind);
            assert.deepEqual(
                result.withheld.map((w) => w.kind),
                left
            );
            for (const w of result.withheld) {
                assert.equal(w.reason.key, c.key);
                assert.match(w.reasonText, c.text);
            }
            // Before: the permissions item says what this user cannot fix; after: the items left name the permission.
            const permissions = result.items.find((i) => i.id === 'permissions');
            assert.equal(permissions?.status, 'pass');
            assert.match(String(permissions?.reason.key), /^item\.permissions\.canFixExcept/);
            const needing = (result.after ?? []).filter((i) => i.fix.reason?.key === c.key);
            assert.ok(needing.length > 0, JSON.stringify(result.after?.map((i) => [i.id, i.fix.reason?.key])));
            for (const i of needing) {
                assert.equal(i.fix.available, false);
                assert.match(String(i.fix.text), c.text);
            }

            h.reset(orgWith({ ...ADMIN, [c.missing]: false }));
            const human = await h.run(['fix', ...FLAGS, '--yes']);
            assert.match(human.out, /Left out of the plan: your user lacks the permission these \d+ change\(s\) need/);
            const tail = human.out.slice(human.out.lastIndexOf('ready\n'));
            assert.match(tail, /Not fixed by this run \(\d+ item\(s\)\), and why:/);
            assert.match(tail, c.text);
            assert.doesNotMatch(human.out, /FAILED/);
        });
    }
});
