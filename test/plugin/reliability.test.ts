/**
 * The CLI's side of the reliability table (docs/reliability.md): a setting filled in between load and fix is kept,
 * Metadata read results are paired by their fullName, and the pre-flight refuses what the user's permissions do not
 * allow, all before or without a half write.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Operation, UserPermissions } from '../../force-app/main/default/lwc/setupEngine/setupEngine';
import { Executor } from '../../src/lib/executor';
import { pairByFullName, type OrgApi } from '../../src/lib/orgApi';
import { refusedOperations } from '../../src/lib/policy';

const ORG = '00D5g0000000OrgAAA';

/** A fake org API that records every call; `rows` answers every query. */
function fakeApi(rows: Record<string, unknown>[]): { api: OrgApi; calls: string[] } {
    const calls: string[] = [];
    const api = {
        query: (soql: string) => {
            calls.push(`query ${soql}`);
            return Promise.resolve(rows);
        },
        createRecord: (type: string, values: Record<string, unknown>) => {
            calls.push(`create ${type} ${JSON.stringify(values)}`);
            return Promise.resolve({});
        },
        updateRecord: (type: string, id: string, values: Record<string, unknown>) => {
            calls.push(`update ${type} ${id} ${JSON.stringify(values)}`);
            return Promise.resolve({});
        },
        read: (type: string, names: readonly string[]) => {
            calls.push(`read ${type} ${names.join(',')}`);
            return Promise.resolve(names.map(() => undefined));
        },
        save: (op: string, type: string) => {
            calls.push(`save ${op} ${type}`);
            return Promise.resolve([]);
        },
    } as unknown as OrgApi;
    return { api, calls };
}

const setting = (mode: 'create' | 'fillBlanks'): Operation => ({
    kind: 'setScSetupDefaults',
    itemId: 'scSetup',
    objectApiName: 'WINP__SC_Setup__c',
    mode,
    values: { WINP__Server_URL__c: 'https://chat.example.com', WINP__Enabled__c: true },
});

describe('reliability of the CLI', () => {
    it('fillBlanks keeps a value filled in between load and fix and writes only what is still blank', async () => {
        const { api, calls } = fakeApi([
            { Id: 'a005g00000000001', WINP__Server_URL__c: 'https://filled.meanwhile.example', WINP__Enabled__c: null },
        ]);
        const [outcome] = await new Executor(api, new Map(), ORG).run([setting('fillBlanks')]);
        assert.equal(outcome.status, 'done', JSON.stringify(outcome));
        assert.match(calls[0], /^query SELECT Id, WINP__Server_URL__c, WINP__Enabled__c FROM WINP__SC_Setup__c WHERE/);
        assert.deepEqual(calls.slice(1), ['update WINP__SC_Setup__c a005g00000000001 {"WINP__Enabled__c":true}']);
        assert.deepEqual(outcome.changed, [
            'WINP__SC_Setup__c:WINP__Enabled__c filled',
            'WINP__SC_Setup__c:WINP__Server_URL__c kept (filled in meanwhile)',
        ]);
    });

    it('nothing blank any more: nothing is written', async () => {
        const { api, calls } = fakeApi([
            { Id: 'a005g00000000001', WINP__Server_URL__c: 'https://x.example', WINP__Enabled__c: false },
        ]);
        const [outcome] = await new Executor(api, new Map(), ORG).run([setting('fillBlanks')]);
        assert.equal(outcome.status, 'done');
        assert.equal(calls.filter((c) => c.startsWith('update') || c.startsWith('create')).length, 0);
    });

    it('create finds the org default created meanwhile and fills it instead of creating a second', async () => {
        const { api, calls } = fakeApi([{ Id: 'a005g00000000001', WINP__Server_URL__c: ' ', WINP__Enabled__c: true }]);
        const [outcome] = await new Executor(api, new Map(), ORG).run([setting('create')]);
        assert.equal(outcome.status, 'done');
        assert.deepEqual(calls.slice(1), [
            'update WINP__SC_Setup__c a005g00000000001 {"WINP__Server_URL__c":"https://chat.example.com"}',
        ]);
    });

    it('create with no org default creates it, owned by the org as the org default', async () => {
        const { api, calls } = fakeApi([]);
        const [outcome] = await new Executor(api, new Map(), ORG).run([setting('create')]);
        assert.equal(outcome.status, 'done');
        assert.match(calls[1], /^create WINP__SC_Setup__c /);
        assert.equal(JSON.parse(calls[1].replace(/^create WINP__SC_Setup__c /, '')).SetupOwnerId, ORG);
    });

    it('pairs Metadata read results with the names asked by fullName, ignoring case, never by place', () => {
        const paired = pairByFullName(
            ['Agents', 'Missing', 'Custom%3A Support Profile'],
            [{ fullName: 'custom%3a support profile', label: 'S' }, null, { fullName: 'AGENTS', label: 'A' }]
        );
        assert.deepEqual(
            paired.map((r) => r?.label),
            ['A', undefined, 'S']
        );
        assert.deepEqual(pairByFullName(['A'], [{ fullName: '' }, { label: 'no name' }]), [undefined]);
    });

    it("the pre-flight refuses what the user's permissions do not allow, with the tab's reason", () => {
        const all: UserPermissions = {
            viewSetup: true,
            customizeApplication: true,
            modifyMetadata: true,
            modifyAllData: false,
            manageUsers: true,
            manageProfilesPermissionsets: false,
        };
        const grant: Operation = { kind: 'grantStatusAccess', itemId: 'profileAccess', grants: [] };
        assert.deepEqual(refusedOperations([setting('create'), grant], all), [
            { index: 1, kind: 'grantStatusAccess', reason: { key: 'fix.needsManageProfiles', params: {} } },
        ]);
        const readOnly = { ...all, customizeApplication: false };
        assert.deepEqual(
            refusedOperations([setting('create')], readOnly).map((r) => r.reason.key),
            ['fix.readOnly']
        );
    });
});
