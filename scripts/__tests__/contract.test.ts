import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import {
    apexString,
    checkContract,
    checkReaders,
    readReaders,
    fixturePlans,
    caseSafeId,
    inlineSoql,
    withCaseSafeIds,
    outOfDate,
    readContract,
    readSources,
    type Contract,
} from '../contract';
import { changeRequests } from '../../force-app/main/default/lwc/setupEngine/setupEngine';
import { apexClassFile } from '../lib/files';
import { bindSoql, NO_ID, SOQL } from '../../src/lib/soql';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const contract = readContract();
const sources = readSources();

describe('the setup contract (config/contract/setup-contract.json)', () => {
    it('generated files are up to date', async () => {
        assert.deepEqual(await outOfDate(), []);
    });

    it('a change of the source makes the generated files stale (planted drift)', async () => {
        const renamed: Contract = JSON.parse(JSON.stringify(contract)) as Contract;
        renamed.operations.setCapacity.fields = {
            configId: 'id PresenceUserConfig.configDeveloperName',
            configDeveloperName: 'name',
            from: 'int:0:1000000',
            newCapacity: 'capacity',
        };
        renamed.soql.PROFILES = renamed.soql.PROFILES.replace('LIMIT 2000', 'LIMIT 1000');
        const stale = await outOfDate(renamed);
        assert.deepEqual(stale.sort(), [
            'force-app/main/default/classes/contract/SetupContract.cls',
            'force-app/main/default/classes/contract/SoqlQueries.cls',
            'force-app/main/default/lwc/setupEngine/contract.ts',
            'src/lib/soql.generated.ts',
        ]);
    });

    it('the hand-written TypeScript types, OperationResult and the Apex parser agree with it', () => {
        assert.deepEqual(checkContract(contract, sources), []);
    });

    it('fails on a field renamed in types.ts (planted drift)', () => {
        const drifted = {
            ...sources,
            types: sources.types.replace('readonly statusDeveloperName: string;', 'readonly statusName: string;'),
        };
        assert.deepEqual(checkContract(contract, drifted), [
            'types.ts addChannelToStatus has fields statusId, statusName, channelDeveloperName; the contract says statusId, statusDeveloperName, channelDeveloperName',
        ]);
    });

    it('fails on a kind the engine plans that Apex does not allow, and on a kind it lost', () => {
        const extra = {
            ...sources,
            types: `${sources.types}\nexport interface RenameOp { readonly kind: 'renameQueue'; readonly itemId: string; }\n`,
        };
        assert.deepEqual(checkContract(contract, extra), [
            'types.ts plans renameQueue, which the contract does not allow',
        ]);
        const lost = { ...sources, types: sources.types.replace("readonly kind: 'activateFlow';", '') };
        assert.deepEqual(checkContract(contract, lost), ['types.ts has no operation of kind activateFlow']);
    });

    it('fails when the Apex parser no longer knows a field type, or an Id is named by no name beside it (planted)', () => {
        const drifted = {
            ...sources,
            setupOperation: sources.setupOperation.replace("when 'capacity'", "when 'capacityValue'"),
        };
        assert.deepEqual(checkContract(contract, drifted), [
            "SetupOperation.cls knows no field type 'capacity' (createPresenceConfig.capacity)",
            "SetupOperation.cls knows no field type 'capacity' (setCapacity.capacity)",
        ]);
        const renamed: Contract = JSON.parse(JSON.stringify(contract)) as Contract;
        renamed.operations.setCapacity.fields.configId = 'id PresenceUserConfig.configName';
        assert.deepEqual(checkContract(renamed, sources), [
            "setCapacity.configId is named by 'configName', which is not a developer name beside it",
        ]);
    });

    it('fails when OperationResult drifts in TypeScript or in Apex', () => {
        const ts = {
            ...sources,
            planView: sources.planView.replace(
                /(interface OperationResult \{[\s\S]*?)readonly changed/,
                '$1readonly written'
            ),
        };
        assert.equal(checkContract(contract, ts).length, 1);
        assert.match(checkContract(contract, ts)[0], /^planView\.ts OperationResult has .*written/);
        const apex = {
            ...sources,
            executor: sources.executor.replace('public List<String> changed', 'public List<String> written'),
        };
        assert.equal(checkContract(contract, apex).length, 1);
        assert.match(checkContract(contract, apex)[0], /^SetupOperationExecutor\.Result has .*written/);
    });

    it('the Apex fixtures are the plans of the sample orgs, and together they plan every kind', () => {
        const kinds = new Set(fixturePlans().flatMap((p) => p.operations.map((op) => op.kind)));
        assert.deepEqual([...kinds].sort(), Object.keys(contract.operations).sort());
        const fixtures = fs.readFileSync(
            path.join(
                ROOT,
                'force-app',
                'main',
                'default',
                'classes',
                'tests',
                'generated',
                'SetupOperationFixtures.cls'
            ),
            'utf8'
        );
        for (const { name, operations } of fixturePlans())
            assert.ok(
                fixtures.includes(`${apexString(name)} =>`) &&
                    fixtures.includes(JSON.stringify(changeRequests(operations)).slice(0, 60)),
                name
            );
    });

    it('writes Apex string literals that survive quotes and backslashes', () => {
        assert.equal(apexString(`it's a \\ path\n`), "'it\\'s a \\\\ path\\n'");
    });
});

describe('one SOQL for Apex and the CLI', () => {
    const soqlIn = (file: string): string[] =>
        [...fs.readFileSync(file, 'utf8').matchAll(/'(SELECT [^']*)/g)].map((m) => m[1]);

    it('Apex reads the snapshot only through the generated SoqlQueries (the SC Setup query is built from describe)', () => {
        for (const name of [
            'SoqlSource.cls',
            'SetupSnapshotReader.cls',
            'SetupAgentsReader.cls',
            'SetupAgentsController.cls',
        ])
            assert.deepEqual(
                soqlIn(apexClassFile(name.replace(/\.cls$/, ''))).filter((q) => q !== 'SELECT '),
                [],
                name
            );
    });

    it('fails when a static SOQL for-loop in Apex drifts from the contract (planted drift)', () => {
        const drifted = {
            ...sources,
            soqlSource: sources.soqlSource.replace("UserType = 'Standard'", "UserType = 'PowerPartner'"),
        };
        assert.deepEqual(checkContract(contract, drifted), [
            'SoqlSource.cls and SetupOperationChecks.cls have no static SOQL equal to ACTIVE_USER_ROWS',
        ]);
    });

    it('fails when the status-access for-loop drifts from the contract, subqueries included (planted drift)', () => {
        const drifted = {
            ...sources,
            soqlSource: sources.soqlSource.replace('AND Assignee.IsActive = TRUE', ''),
        };
        assert.notEqual(drifted.soqlSource, sources.soqlSource, 'the planted drift applies');
        assert.deepEqual(checkContract(contract, drifted), [
            'SoqlSource.cls and SetupOperationChecks.cls have no static SOQL equal to SETUP_ENTITY_ACCESS',
        ]);
    });

    it('reads access to statuses and to apps with one query that leaves out session-based sets and groups', () => {
        const q = SOQL.SETUP_ENTITY_ACCESS;
        assert.ok(q.includes('HasActivationRequired = FALSE'), 'session-based permission sets left out');
        assert.ok(q.includes('PermissionSetGroup.HasActivationRequired = FALSE'), 'and groups that need activation');
        assert.ok(!('APP_ACCESS' in SOQL) && !('STATUS_ACCESS' in SOQL), 'no second copy of the access query');
        // Both readers bind it in one helper, for statuses and for apps alike.
        const reader = fs.readFileSync(path.join(ROOT, 'src', 'lib', 'reader.ts'), 'utf8');
        assert.equal(reader.match(/SOQL\.SETUP_ENTITY_ACCESS/g)?.length, 1, 'CLI: readEntityAccess');
        assert.equal(sources.soqlSource.match(/FROM SetupEntityAccessItems/g)?.length, 1, 'Apex: setupEntityAccess');
        const apex = fs.readFileSync(apexClassFile('SetupSnapshotReader'), 'utf8');
        assert.equal(apex.match(/dataSource\.setupEntityAccess\(/g)?.length, 1, 'Apex: readEntityAccess');
        assert.equal(apex.match(/readEntityAccess\(/g)?.length, 3, 'declared once, called for statuses and apps');
    });

    it('folds the parentheses prettier-plugin-apex puts around a subquery on its own lines', () => {
        assert.deepEqual(
            inlineSoql('[\n  SELECT Id, (\n  SELECT Id FROM Assignments\n  )\n  FROM PermissionSet WITH USER_MODE\n]'),
            ['SELECT Id, (SELECT Id FROM Assignments) FROM PermissionSet']
        );
    });

    it('the plugin reader writes no snapshot query of its own', () => {
        const own = soqlIn(path.join(ROOT, 'src', 'lib', 'reader.ts'));
        assert.deepEqual(own, [
            'SELECT Id, Name, IsSandbox, OrganizationType, TrialExpirationDate FROM Organization LIMIT 1',
            'SELECT PermissionsViewSetup, PermissionsCustomizeApplication, PermissionsModifyMetadata, PermissionsModifyAllData, PermissionsManageUsers, PermissionsManageProfilesPermissionsets FROM UserPermissionAccess LIMIT 1',
            // Name resolution of --profiles only: the snapshot's profiles come from the contract's PROFILES.
            'SELECT Id, Name FROM Profile ORDER BY Name LIMIT 10000',
        ]);
    });

    it('substitutes binds as Apex would bind them', () => {
        const bound = bindSoql(SOQL.SETUP_ENTITY_ACCESS, {
            entityIds: ['0N5A', '0N5B'],
            profileIds: new Set(['00eA']),
            maxRows: 20000,
        });
        assert.ok(bound.includes("SetupEntityId IN ('0N5A', '0N5B')"), bound);
        assert.ok(bound.includes("ProfileId IN ('00eA')"), bound);
        assert.ok(bound.endsWith('LIMIT 20000'), bound);
        assert.ok(!bound.includes(':'), 'every bind replaced');
        assert.match(
            bindSoql(SOQL.QUEUES, { queueName: 'SimplyChat', queueIds: [] }),
            new RegExp(`DeveloperName = 'SimplyChat' OR Id IN \\('${NO_ID}'\\)`)
        );
    });

    it('refuses a value that could change the query, a missing bind and a fraction', () => {
        assert.throws(() => bindSoql(SOQL.PROFILES, { ids: ["x' OR Name != '"] }), /Refusing/);
        assert.throws(() => bindSoql(SOQL.PROFILES, {}), /No value for the bind variable :ids/);
        assert.throws(
            () => bindSoql(SOQL.SETUP_ENTITY_ACCESS, { entityIds: [], profileIds: [], maxRows: 1.5 }),
            /Refusing/
        );
    });
});

describe('readers take the Ids the engine settles on', () => {
    const readers = readReaders();
    const drift = (file: string, from: string | RegExp, to: string): ReturnType<typeof readReaders> => {
        const side = file.endsWith('.cls') ? 'apex' : 'plugin';
        const text = readers[side][file];
        const changed = text.replace(from, to);
        assert.notEqual(changed, text, `the planted drift applies to ${file}`);
        return { ...readers, [side]: { ...readers[side], [file]: changed } };
    };

    it("no Apex or CLI reader decides which queue, configuration, status or app is SimplyChat's", () => {
        assert.deepEqual(checkReaders(contract, readers), []);
    });

    it('fails on a reader that finds the configuration by the name the admin chose (planted drift)', () => {
        const problems = checkReaders(
            contract,
            drift(
                'SetupAgentsReader.cls',
                'Set<String> userIds = new Set<String>();',
                "String configName = choices.names.presenceConfig.developerName; if (configName.equalsIgnoreCase(text(row, 'DeveloperName'))) {}"
            )
        );
        assert.equal(problems.length, 2, problems.join('\n'));
        assert.match(problems[0], /^SetupAgentsReader\.cls:\d+ looks a record up by the name the admin chose/);
        assert.match(problems[1], /compares developer names/);
    });

    it('fails on a CLI reader that runs the checklist, or picks console apps itself (planted drift)', () => {
        assert.match(
            checkReaders(contract, drift('reader.ts', 'settle(base.snapshot).ids', 'evaluate(base.snapshot)')).join(
                '\n'
            ),
            /reader\.ts:\d+ runs the engine's checklist[\s\S]*reader\.ts has no readDependent given settle\(base\)\.ids/
        );
        assert.match(
            checkReaders(
                contract,
                drift('reader.ts', /^/, "const consoles = apps.filter((a) => a.NavType === 'Console');\n")
            ).join('\n'),
            /reader\.ts:1 picks console apps/
        );
    });

    it('fails when a dependent read no longer takes the settled Id, or caps with a number of its own (planted drift)', () => {
        assert.deepEqual(
            checkReaders(
                contract,
                drift('SetupSnapshotController.cls', 'getSettledParts(String queueId)', 'getSettledParts()')
            ),
            ['SetupSnapshotController.cls has no getSettledParts(String queueId)']
        );
        assert.deepEqual(
            checkReaders(contract, drift('SetupSnapshotReader.cls', 'SetupContract.QUEUE_MEMBER_ROWS', '15000')),
            ['no Apex reader caps with SetupContract.QUEUE_MEMBER_ROWS']
        );
        assert.deepEqual(checkReaders(contract, drift('reader.ts', /READ_CAPS\.statusAccessRows/g, '20000')), [
            'no CLI reader caps with READ_CAPS.statusAccessRows',
        ]);
    });
});

describe('fixture Ids', () => {
    it('carry the case-safe suffix Salesforce computes, so Id.valueOf accepts them in an org', () => {
        // Known pairs: the 15-character Id and its 18-character form.
        assert.equal(caseSafeId('001000000000001AAA'), '001000000000001AAA');
        assert.equal(caseSafeId('00e5g00000AgentAAA'), '00e5g00000AgentAAB');
        assert.equal(caseSafeId('0N55g0000000OnlineAAA'), '0N55g0000000OnlineAAA', 'not an Id: unchanged');
        const fixed = withCaseSafeIds([
            { kind: 'activateFlow', itemId: 'flow', flowApiName: 'X', latestVersionId: '3015g000000FlowV2A' },
        ] as never) as { itemId: string; latestVersionId: string }[];
        assert.equal(fixed[0].itemId, 'flow', 'itemId is a name, not an Id');
        assert.equal(fixed[0].latestVersionId, caseSafeId('3015g000000FlowV2A'));
    });
});
