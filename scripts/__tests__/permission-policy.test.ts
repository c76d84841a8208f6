/**
 * Who may fix what is data (config/contract/setup-contract.json `permissions` and each kind's `permissions`): the
 * engine's plan() and fix availability, the Apex controller's refusal (SetupContract.PERMISSIONS, tested in
 * SetupOperationsControllerTest.everyKindIsRefusedWithoutItsPermissionsFromTheContract) and the CLI's pre-flight
 * read it. Here the server's gate is modelled from the contract's JSON alone, and plan() is run over the sample
 * orgs that together plan every kind, for every combination of the six permissions: nothing planned is refused.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { evaluate, plan, simulate } from '../../force-app/main/default/lwc/setupEngine/setupEngine';
import type {
    ItemId,
    Operation,
    OrgSnapshot,
    SetupChoices,
    UserPermissions,
} from '../../force-app/main/default/lwc/setupEngine/types';
import { FIXTURE_CASES, readContract } from '../contract';
import { choices } from '../../samples/orgs';
import { refusedOperations } from '../../src/lib/policy.js';

const contract = readContract();
const NAMES: (keyof UserPermissions)[] = [
    'viewSetup',
    'customizeApplication',
    'modifyMetadata',
    'modifyAllData',
    'manageUsers',
    'manageProfilesPermissionsets',
];

/** The server's answer to these operations from this user, from the contract's data only: null = accepted. */
function serverRefusal(ops: readonly Operation[], p: UserPermissions): string | null {
    if (ops.length === 0) return null;
    if (!contract.permissions.fix.every((anyOf) => anyOf.some((name) => p[name as keyof UserPermissions])))
        return 'error.noFixPermission';
    for (const op of ops) {
        const missing = contract.operations[op.kind].permissions.find((name) => !p[name as keyof UserPermissions]);
        if (missing) return `error.${contract.permissions.refusals[missing]}`;
    }
    return null;
}

function everyCombination(): UserPermissions[] {
    return Array.from({ length: 1 << NAMES.length }, (_, bits) =>
        Object.fromEntries(NAMES.map((name, i) => [name, (bits & (1 << i)) !== 0]))
    ) as unknown as UserPermissions[];
}

const ALL: UserPermissions = Object.fromEntries(NAMES.map((n) => [n, true])) as unknown as UserPermissions;

function caseWith(
    c: (typeof FIXTURE_CASES)[number],
    permissions: UserPermissions
): { org: OrgSnapshot; chosen: SetupChoices } {
    const base = c.snapshot();
    const chosen = c.choices ? choices({ ...base.choices, ...c.choices }) : base.choices;
    return { org: { ...base, user: { ...base.user, permissions }, choices: chosen }, chosen };
}

function planFor(c: (typeof FIXTURE_CASES)[number], permissions: UserPermissions): Operation[] {
    const { org, chosen } = caseWith(c, permissions);
    return plan(org, 'all', chosen);
}

const kinds = Object.keys(contract.operations) as Operation['kind'][];

describe('who may fix what comes from the contract', () => {
    it('the contract names the permissions the server checks: Manage Users for queues, Manage Profiles for status access', () => {
        assert.deepEqual(contract.operations.upsertQueue.permissions, ['manageUsers']);
        assert.deepEqual(contract.operations.addQueueMembers.permissions, ['manageUsers']);
        assert.deepEqual(contract.operations.grantStatusAccess.permissions, ['manageProfilesPermissionsets']);
        for (const kind of kinds)
            for (const name of contract.operations[kind].permissions) {
                assert.ok(NAMES.includes(name as keyof UserPermissions), `${kind}: ${name} is a permission`);
                assert.ok(contract.permissions.refusals[name], `${kind}: ${name} has a refusal label`);
            }
    });

    it('plan() never offers an operation the server refuses, for every kind and every combination of permissions', () => {
        let plans = 0;
        for (const c of FIXTURE_CASES) {
            for (const permissions of everyCombination()) {
                const ops = planFor(c, permissions);
                plans++;
                assert.equal(serverRefusal(ops, permissions), null, `${c.name} with ${JSON.stringify(permissions)}`);
                assert.deepEqual(refusedOperations(ops, permissions), [], `the CLI's pre-flight agrees (${c.name})`);
            }
        }
        assert.equal(plans, FIXTURE_CASES.length * 64);
    });

    it('each kind is planned with every permission, and left out without each permission it needs', () => {
        const plannedWithAll = new Set(FIXTURE_CASES.flatMap((c) => planFor(c, ALL).map((op) => op.kind)));
        assert.deepEqual([...plannedWithAll].sort(), [...kinds].sort(), 'the sample orgs plan every kind');
        for (const kind of kinds) {
            for (const name of contract.operations[kind].permissions) {
                const without = { ...ALL, [name]: false };
                for (const c of FIXTURE_CASES) {
                    assert.ok(
                        !planFor(c, without).some((op) => op.kind === kind),
                        `${kind} is not planned without ${name} (${c.name})`
                    );
                }
            }
        }
    });

    it('kinds that need no permission of their own stay planned without Manage Users and Manage Profiles', () => {
        const limited = { ...ALL, manageUsers: false, manageProfilesPermissionsets: false };
        const planned = new Set(FIXTURE_CASES.flatMap((c) => planFor(c, limited).map((op) => op.kind)));
        const own = kinds.filter((k) => contract.operations[k].permissions.length === 0);
        // addChannelToStatus and the presence configuration's kinds need no permission of their own; the ones left
        // out here are only those whose item waits on a queue this user may not create.
        const missing = own.filter((k) => !planned.has(k));
        assert.deepEqual(missing, [], `planned: ${[...planned].sort().join(', ')}`);
    });

    it('item 10 without Manage Profiles and item 13 without Manage Users: no Fix, and the reason says which permission', () => {
        const cases: { item: ItemId; without: keyof UserPermissions; key: string }[] = [
            { item: 'profileAccess', without: 'manageProfilesPermissionsets', key: 'fix.needsManageProfiles' },
            { item: 'queueMembers', without: 'manageUsers', key: 'fix.needsManageUsers' },
            { item: 'queue', without: 'manageUsers', key: 'fix.needsManageUsers' },
        ];
        for (const { item, without, key } of cases) {
            // A sample org that plans the item, with everything else of its plan done: the item's prerequisites pass.
            const c = FIXTURE_CASES.find((f) => planFor(f, ALL).some((op) => op.itemId === item));
            assert.ok(c, `a sample org plans item ${item}`);
            const { org, chosen } = caseWith(c, ALL);
            const rest = simulate(
                org,
                plan(org, 'all', chosen).filter((op) => op.itemId !== item)
            );
            const withAll = evaluate(rest, chosen).find((i) => i.id === item);
            assert.equal(withAll?.fix.available, true, `${item} can be fixed with every permission`);
            const limited = { ...rest, user: { ...rest.user, permissions: { ...ALL, [without]: false } } };
            const fix = evaluate(limited, chosen).find((i) => i.id === item)?.fix;
            assert.deepEqual(fix, { available: false, reason: { key, params: {} } }, `${item} without ${without}`);
        }
    });
});
