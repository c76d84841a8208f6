/**
 * npm run verify:org against the fake Salesforce on 127.0.0.1: each probe's holds and does-not-hold paths (and
 * could-not-tell where the org lacks what it needs), the clean-up of what a probe writes, the table, --json and
 * the exit codes.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, it } from 'node:test';
import { RECORD_OBJECTS, type OrgSnapshot } from '../../force-app/main/default/lwc/setupEngine/setupEngine';
import { fullySetUpOrg, omniDisabledOrg, packageFlow, SC_SETUP_FIELDS } from '../../samples/orgs';
import { labelName, readLabels } from '../labels';
import { run } from '../verify-org/main';
import { XSI_TYPE_APEX } from '../verify-org/probes';
import { FakeSalesforce, type FakeAnswer, type FakeRequest } from '../../test/fakeOrg/fakeSalesforce';

let fake: FakeSalesforce;
let url: string;

async function start(snapshot: OrgSnapshot = fullySetUpOrg()): Promise<void> {
    fake = new FakeSalesforce(snapshot);
    url = await fake.start();
}

interface Report {
    id: string;
    verdict: string;
    evidence: string;
}

async function verify(...only: string[]): Promise<{ code: number; reports: Report[]; err: string }> {
    const out: string[] = [];
    const err: string[] = [];
    const code = await run(
        ['--instance-url', url, '--json', ...(only.length ? ['--only', only.join(',')] : [])],
        { SF_ACCESS_TOKEN: fake.token },
        { out: (t) => out.push(t), err: (t) => err.push(t) }
    );
    const reports = out.length ? (JSON.parse(out.join('\n')) as { probes: Report[] }).probes : [];
    return { code, reports, err: err.join('\n') };
}

async function one(id: string): Promise<Report> {
    const { reports } = await verify(id);
    assert.equal(reports.length, 1);
    return reports[0];
}

/** A route answering queries whose SOQL contains `fragment`. */
function onQuery(fragment: string, answer: FakeAnswer | Record<string, unknown>[]): void {
    fake.routes.push((r: FakeRequest) =>
        r.soql.includes(fragment)
            ? Array.isArray(answer)
                ? { status: 200, body: { totalSize: answer.length, done: true, records: answer } }
                : answer
            : undefined
    );
}

function refused(code: string, message = 'refused'): FakeAnswer {
    return { status: 400, body: [{ errorCode: code, message }] };
}

function withScSetup(state: { objectApiName: string | null; writable: boolean }, base = fullySetUpOrg()): OrgSnapshot {
    return {
        ...base,
        scSetup: {
            status: 'read',
            records: [
                {
                    objectApiName: state.objectApiName,
                    fields: state.objectApiName ? SC_SETUP_FIELDS : [],
                    orgDefault: null,
                    writable: state.writable,
                },
            ],
        },
    };
}

describe('verify:org probes', () => {
    afterEach(() => fake?.stop());

    it('effectivePermissions: holds with one UserPermissionAccess row, not when the object is refused', async () => {
        await start();
        assert.equal((await one('effectivePermissions')).verdict, 'holds');
        onQuery(
            'FROM UserPermissionAccess',
            refused('INVALID_TYPE', "sObject type 'UserPermissionAccess' is not supported")
        );
        const report = await one('effectivePermissions');
        assert.equal(report.verdict, 'doesNotHold');
        assert.match(report.evidence, /INVALID_TYPE/);
    });

    it('supportUserGroupable: holds when the aggregate runs, not when SOQL refuses the grouping', async () => {
        await start();
        onQuery('GROUP BY ProfileId, UserPermissionsSupportUser', [
            { profileId: '00e1', serviceCloud: true, userCount: 2 },
        ]);
        assert.equal((await one('supportUserGroupable')).verdict, 'holds');
        fake.routes.length = 0;
        onQuery(
            'GROUP BY ProfileId, UserPermissionsSupportUser',
            refused('MALFORMED_QUERY', 'field cannot be grouped')
        );
        assert.equal((await one('supportUserGroupable')).verdict, 'doesNotHold');
    });

    it('appIdJoin: holds when access rows come by the AppMenuItem Id only, not when the DurableId finds them', async () => {
        await start();
        onQuery('FROM AppMenuItem', [
            { ApplicationId: '02u5g00000SvcCo', Name: 'LightningService', NamespacePrefix: 'standard' },
        ]);
        onQuery('FROM AppDefinition', [
            { DurableId: '06m5g00000SvcCoAAJ', DeveloperName: 'LightningService', NamespacePrefix: 'standard' },
        ]);
        onQuery("SetupEntityId IN ('02u5g00000SvcCo')", [{ SetupEntityId: '02u5g00000SvcCoAAJ' }]);
        onQuery("SetupEntityId IN ('06m5g00000SvcCoAAJ')", []);
        const report = await one('appIdJoin');
        assert.equal(report.verdict, 'holds', report.evidence);
        assert.match(report.evidence, /1 access rows by AppMenuItem Id \(prefixes 02u\), 0 by DurableId; 1 of 1/);
        fake.routes.length = 0;
        onQuery('FROM AppMenuItem', [
            { ApplicationId: '02u5g00000SvcCo', Name: 'LightningService', NamespacePrefix: 'standard' },
        ]);
        onQuery('FROM AppDefinition', [
            { DurableId: '06m5g00000SvcCoAAJ', DeveloperName: 'LightningService', NamespacePrefix: 'standard' },
        ]);
        onQuery("SetupEntityId IN ('02u5g00000SvcCo')", []);
        onQuery("SetupEntityId IN ('06m5g00000SvcCoAAJ')", [{ SetupEntityId: '06m5g00000SvcCoAAJ' }]);
        assert.equal((await one('appIdJoin')).verdict, 'doesNotHold');
    });

    it('presenceVisibility: holds when the share object is queryable; not when it does not exist', async () => {
        await start();
        onQuery('FROM UserServicePresenceShare', []);
        onQuery("SobjectType = 'UserServicePresence'", [{ Id: '110000000000001AAA' }]);
        onQuery('FROM UserServicePresence WHERE', []);
        const report = await one('presenceVisibility');
        assert.equal(report.verdict, 'holds', report.evidence);
        assert.match(report.evidence, /View All on UserServicePresence: true/);
        fake.routes.length = 0;
        onQuery(
            'FROM UserServicePresenceShare',
            refused('INVALID_TYPE', "sObject type 'UserServicePresenceShare' is not supported")
        );
        assert.equal((await one('presenceVisibility')).verdict, 'doesNotHold');
    });

    it('agentProfiles: holds for internal licences, not when Chatter or community users count as Standard', async () => {
        await start();
        onQuery('GROUP BY Profile.UserLicense.Name', [{ licence: 'Salesforce', users: 12 }]);
        assert.equal((await one('agentProfiles')).verdict, 'holds');
        fake.routes.length = 0;
        onQuery('GROUP BY Profile.UserLicense.Name', [
            { licence: 'Salesforce', users: 12 },
            { licence: 'Chatter Only', users: 3 },
        ]);
        const report = await one('agentProfiles');
        assert.equal(report.verdict, 'doesNotHold');
        assert.match(report.evidence, /Chatter Only/);
    });

    it('flowApiName: holds for the expected name, not for another, and cannot tell without the package', async () => {
        await start();
        assert.equal((await one('flowApiName')).verdict, 'holds');
        onQuery('FROM FlowDefinitionView', [{ ...packageFlow(true), ApiName: 'SC_talkSession_status_update' }]);
        const other = await one('flowApiName');
        assert.equal(other.verdict, 'doesNotHold');
        assert.match(other.evidence, /SC_talkSession_status_update/);
        fake.routes.length = 0;
        onQuery('FROM FlowDefinitionView', []);
        assert.equal((await one('flowApiName')).verdict, 'couldNotTell');
    });

    it('flowActivation: re-sets the active version, and reports a refusal; an inactive flow is left alone', async () => {
        await start();
        onQuery('FROM Flow WHERE Id', [
            { Id: '3015g000000FlowV2A', VersionNumber: 2, DefinitionId: '3005g000000FlowDAA' },
        ]);
        const patches: FakeRequest[] = [];
        fake.routes.push((r) => (r.method === 'PATCH' ? (patches.push(r), { status: 204 }) : undefined));
        assert.equal((await one('flowActivation')).verdict, 'holds');
        assert.equal(patches[0].path, '/tooling/sobjects/FlowDefinition/3005g000000FlowDAA');
        assert.deepEqual(JSON.parse(patches[0].body), { Metadata: { activeVersionNumber: 2 } });

        fake.routes.pop();
        fake.routes.push((r) =>
            r.method === 'PATCH' ? refused('INSUFFICIENT_ACCESS_OR_READONLY', 'managed flow') : undefined
        );
        const report = await one('flowActivation');
        assert.equal(report.verdict, 'doesNotHold');
        assert.match(report.evidence, /INSUFFICIENT_ACCESS_OR_READONLY: managed flow: item 11 stays a manual step/);

        await fake.stop();
        await start({ ...fullySetUpOrg(), flows: { status: 'read', records: [packageFlow(false)] } });
        assert.equal((await one('flowActivation')).verdict, 'couldNotTell');
        assert.equal(fake.received.filter((r) => r.method !== 'GET').length, 0);
    });

    it('scSetupWritable: holds when describe says writable; not when read-only or invisible (protected)', async () => {
        await start(withScSetup({ objectApiName: 'WINP__SC_Setup__c', writable: true }));
        assert.equal((await one('scSetupWritable')).verdict, 'holds');
        await fake.stop();
        await start(withScSetup({ objectApiName: 'WINP__SC_Setup__c', writable: false }));
        assert.equal((await one('scSetupWritable')).verdict, 'doesNotHold');
        await fake.stop();
        await start(withScSetup({ objectApiName: null, writable: false }));
        const hidden = await one('scSetupWritable');
        assert.equal(hidden.verdict, 'doesNotHold');
        assert.match(hidden.evidence, /protected/);
        await fake.stop();
        await start({
            ...withScSetup({ objectApiName: null, writable: false }),
            chatObject: { apiName: 'WINP__Talk_Session__c', exists: false, label: null },
        });
        assert.equal((await one('scSetupWritable')).verdict, 'couldNotTell');
    });

    it('scSetupFields: holds when every prescribed label has a fitting field, not when one is missing', async () => {
        await start();
        const report = await one('scSetupFields');
        assert.equal(report.verdict, 'holds');
        assert.match(report.evidence, /Server URL=WINP__Server_URL__c/);
        await fake.stop();
        const base = fullySetUpOrg();
        await start({
            ...base,
            scSetup: {
                status: 'read',
                records: [
                    {
                        objectApiName: 'WINP__SC_Setup__c',
                        fields: SC_SETUP_FIELDS.filter((f) => f.label !== 'Server URL'),
                        orgDefault: null,
                        writable: true,
                    },
                ],
            },
        });
        const missing = await one('scSetupFields');
        assert.equal(missing.verdict, 'doesNotHold');
        assert.match(missing.evidence, /no fitting field for Server URL/);
    });

    it('koreanLabels: holds when every label and its Korean translation deployed as written, not otherwise', async () => {
        await start();
        const entries = readLabels();
        const deployed = entries.map((e, i) => ({ Id: `1010000000${i}`, Name: labelName(e.key), Value: e.en }));
        const korean = entries.map((e, i) => ({ ExternalStringId: `1010000000${i}`, Value: e.ko }));
        onQuery('FROM ExternalString WHERE', deployed);
        onQuery('FROM ExternalStringLocalization', korean);
        const report = await one('koreanLabels');
        assert.equal(report.verdict, 'holds', report.evidence);
        assert.match(report.evidence, new RegExp(`${entries.length} labels`));

        korean[0] = { ...korean[0], Value: '' };
        const broken = await one('koreanLabels');
        assert.equal(broken.verdict, 'doesNotHold');
        assert.match(broken.evidence, new RegExp(`${labelName(entries[0].key)} Korean missing or differs`));

        fake.routes.length = 0;
        onQuery('FROM ExternalString WHERE', []);
        assert.equal((await one('koreanLabels')).verdict, 'couldNotTell');
    });

    it('domXsiType: runs the Apex that writes xsi:type, holds on success and not when the attribute is missing', async () => {
        await start();
        const bodies: string[] = [];
        let answer = { compiled: true, success: true, compileProblem: null, exceptionMessage: null } as Record<
            string,
            unknown
        >;
        fake.routes.push((r) =>
            r.path === '/tooling/executeAnonymous/'
                ? (bodies.push(r.url.searchParams.get('anonymousBody') ?? ''), { status: 200, body: answer })
                : undefined
        );
        assert.equal((await one('domXsiType')).verdict, 'holds');
        assert.equal(bodies[0], XSI_TYPE_APEX);
        answer = { compiled: true, success: false, compileProblem: null, exceptionMessage: 'NO_XSI_TYPE <metadata/>' };
        assert.equal((await one('domXsiType')).verdict, 'doesNotHold');
        answer = { compiled: false, success: false, compileProblem: 'Unexpected token', exceptionMessage: null };
        assert.equal((await one('domXsiType')).verdict, 'couldNotTell');
    });
});

describe('verify:org presence configuration probe (writes, cleans up)', () => {
    afterEach(() => fake?.stop());

    function soapAnswer(results: { success: boolean; code?: string; message?: string }[]): FakeAnswer {
        const xml = results
            .map(
                (r, i) =>
                    `<result><fullName>SC_Verify_Probe_x${i ? '_invalid' : ''}</fullName><success>${r.success}</success>` +
                    (r.code
                        ? `<errors><message>${r.message ?? ''}</message><statusCode>${r.code}</statusCode></errors>`
                        : '') +
                    '</result>'
            )
            .join('');
        return {
            status: 200,
            type: 'text/xml',
            body: `<?xml version="1.0"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><createMetadataResponse xmlns="http://soap.sforce.com/2006/04/metadata">${xml}</createMetadataResponse></soapenv:Body></soapenv:Envelope>`,
        };
    }

    function onSoap(answer: FakeAnswer): FakeRequest[] {
        const calls: FakeRequest[] = [];
        fake.routes.push((r) => (r.path.includes('/services/Soap/m/') ? (calls.push(r), answer) : undefined));
        return calls;
    }

    it('holds when 9,999 is rolled back with the invalid component and nothing is saved', async () => {
        await start();
        const calls = onSoap(
            soapAnswer([
                { success: false, code: 'ALL_OR_NONE_OPERATION_ROLLED_BACK', message: 'rolled back' },
                { success: false, code: 'REQUIRED_FIELD_MISSING', message: 'label' },
            ])
        );
        onQuery('FROM PresenceUserConfig WHERE DeveloperName LIKE', []);
        const { reports } = await verify('capacityMax', 'allOrNone');
        assert.deepEqual(
            reports.map((r) => `${r.id} ${r.verdict}`),
            ['capacityMax holds', 'allOrNone holds']
        );
        assert.equal(calls.length, 1, 'one createMetadata call answers both facts');
        assert.match(calls[0].body, /<met:AllOrNoneHeader><met:allOrNone>true<\/met:allOrNone>/);
        assert.match(
            calls[0].body,
            /<met:metadata xsi:type="met:PresenceUserConfig"><met:fullName>SC_Verify_Probe_\w+<\/met:fullName><met:capacity>9999<\/met:capacity>/
        );
    });

    it('does not hold when a component is saved despite the header, and deletes it', async () => {
        await start();
        onSoap(soapAnswer([{ success: true }, { success: false, code: 'REQUIRED_FIELD_MISSING', message: 'label' }]));
        onQuery('FROM PresenceUserConfig WHERE DeveloperName LIKE', [
            { Id: '0Nd000000000001AAA', DeveloperName: 'SC_Verify_Probe_x' },
        ]);
        const deletes: string[] = [];
        fake.routes.push((r) => (r.method === 'DELETE' ? (deletes.push(r.path), { status: 204 }) : undefined));
        const { reports, code } = await verify('capacityMax', 'allOrNone');
        assert.equal(reports[1].verdict, 'doesNotHold');
        assert.match(reports[1].evidence, /deleted SC_Verify_Probe_x/);
        assert.deepEqual(deletes, ['/tooling/sobjects/PresenceUserConfig/0Nd000000000001AAA']);
        assert.equal(code, 1, 'a contradicted fact fails the run');
    });

    it('capacity does not hold when the API refuses 9,999; a failed clean-up says what to delete by hand', async () => {
        await start();
        onSoap(
            soapAnswer([
                {
                    success: false,
                    code: 'FIELD_INTEGRITY_EXCEPTION',
                    message: 'Capacity: value outside of valid range',
                },
                { success: false, code: 'REQUIRED_FIELD_MISSING', message: 'label' },
            ])
        );
        onQuery('FROM PresenceUserConfig WHERE DeveloperName LIKE', refused('INVALID_TYPE', 'no'));
        const { reports } = await verify('capacityMax', 'allOrNone');
        assert.equal(reports[0].verdict, 'doesNotHold');
        assert.match(
            reports[0].evidence,
            /FIELD_INTEGRITY_EXCEPTION: Capacity: value outside of valid range; CLEAN UP BY HAND/
        );
        assert.equal(reports[1].verdict, 'couldNotTell');
    });

    it('cannot tell when Omni-Channel is off or the SOAP call faults', async () => {
        await start(omniDisabledOrg());
        const { reports } = await verify('capacityMax', 'allOrNone');
        assert.deepEqual(
            reports.map((r) => r.verdict),
            ['couldNotTell', 'couldNotTell']
        );
        assert.equal(fake.received.filter((r) => r.method !== 'GET').length, 0, 'nothing was sent');
        await fake.stop();
        await start();
        onSoap({
            status: 500,
            type: 'text/xml',
            body: '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><soapenv:Fault><faultcode>sf:INVALID_SESSION_ID</faultcode><faultstring>Invalid Session ID</faultstring></soapenv:Fault></soapenv:Body></soapenv:Envelope>',
        });
        const faulted = await verify('capacityMax');
        assert.equal(faulted.reports[0].verdict, 'couldNotTell');
        assert.match(faulted.reports[0].evidence, /INVALID_SESSION_ID: Invalid Session ID/);
    });
});

describe('verify:org record-change probe', () => {
    afterEach(() => fake?.stop());

    /** Every describe of the write law's objects answers these flags; `refuse` says which object lacks which. */
    function describes(refuse: Record<string, string> = {}, globalSays: Record<string, string> = refuse): void {
        const flagsOf = (name: string, refused: Record<string, string>): Record<string, boolean> => {
            const flags: Record<string, boolean> = { createable: true, deletable: true, updateable: true };
            if (refused[name]) flags[refused[name]] = false;
            return flags;
        };
        fake.routes.push((r: FakeRequest) => {
            if (r.path === '/sobjects/')
                return {
                    status: 200,
                    body: { sobjects: RECORD_OBJECTS.map((name) => ({ name, ...flagsOf(name, globalSays) })) },
                };
            const match = /^\/sobjects\/(\w+)\/describe$/.exec(r.path);
            if (!match) return undefined;
            return { status: 200, body: { name: match[1], fields: [], ...flagsOf(match[1], refuse) } };
        });
    }

    it('dmlDescribe: holds when every object allows the writes, not when one refuses, cannot tell without Omni', async () => {
        await start();
        describes();
        assert.equal((await one('dmlDescribe')).verdict, 'holds');
        fake.routes.length = 0;
        describes({ PresenceUserConfigUser: 'deletable' });
        const report = await one('dmlDescribe');
        assert.equal(report.verdict, 'doesNotHold');
        assert.match(report.evidence, /PresenceUserConfigUser: not deletable/);
        fake.routes.length = 0;
        describes({}, { SetupEntityAccess: 'createable' });
        const drift = await one('dmlDescribe');
        assert.equal(drift.verdict, 'doesNotHold', 'the CLI reads describeGlobal: it must say what describe says');
        assert.match(drift.evidence, /SetupEntityAccess\.createable: global false, describe true/);
        fake.routes.length = 0;
        fake.routes.push((r: FakeRequest) =>
            r.path.endsWith('/describe') ? refused('NOT_FOUND', 'The requested resource does not exist') : undefined
        );
        assert.equal((await one('dmlDescribe')).verdict, 'couldNotTell');
    });
});

describe('verify:org command', () => {
    afterEach(() => fake?.stop());

    it('prints every probe as a table with the verdict and the evidence, and writes the JSON report', async () => {
        await start();
        const out: string[] = [];
        const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sc-verify-')), 'report.json');
        const code = await run(
            ['--instance-url', url, '--report', file],
            { SF_ACCESS_TOKEN: fake.token },
            {
                out: (t) => out.push(t),
                err: () => undefined,
            }
        );
        const text = out.join('\n');
        assert.match(text, /^effectivePermissions +holds +UserPermissionAccess gives/m);
        assert.match(text, /capacityMax +\S.* \[writes, cleans up\]/);
        assert.match(text, /\d+ hold, \d+ do not hold, \d+ could not tell\.$/);
        assert.ok([0, 1].includes(code));
        const report = JSON.parse(fs.readFileSync(file, 'utf8')) as { probes: { id: string }[] };
        assert.equal(report.probes.length, 14);
    });

    it('refuses bad usage with exit 2 and writes nothing', async () => {
        await start();
        const err: string[] = [];
        const io = { out: () => undefined, err: (t: string) => err.push(t) };
        assert.equal(await run([], {}, io), 2);
        assert.equal(await run(['--instance-url', url, '--only', 'nope'], {}, io), 2);
        assert.equal(await run(['--instance-url', url, '--api-version', 'x'], {}, io), 2);
        assert.equal(await run(['--instance-url', url, '--frobnicate'], {}, io), 2);
        assert.equal(await run(['--instance-url'], {}, io), 2);
        assert.match(err.join('\n'), /No probe nope\./);
        assert.equal(fake.received.length, 0);
    });

    it('says when the sf CLI has no login for the alias', async () => {
        const err: string[] = [];
        const code = await run(
            ['--target-org', 'sc-no-such-alias-for-tests'],
            {},
            {
                out: () => undefined,
                err: (t) => err.push(t),
            }
        );
        assert.equal(code, 2);
        assert.match(err.join('\n'), /No usable Salesforce CLI login for "sc-no-such-alias-for-tests"/);
    });
});
