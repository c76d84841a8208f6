import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { checkMetadata, formatMetadataReport, type MetadataReport } from '../check-metadata';
import { CLASS_META, makeTree, removeTree, validProjectFiles } from './fixture';

const trees: string[] = [];
after(() => trees.forEach(removeTree));

async function check(changes: Record<string, string | null>): Promise<MetadataReport> {
    const files: Record<string, string> = validProjectFiles();
    for (const [rel, content] of Object.entries(changes)) {
        if (content === null) delete files[rel];
        else files[rel] = content;
    }
    const root = makeTree(files);
    trees.push(root);
    return checkMetadata(root);
}

function messages(report: MetadataReport): string[] {
    return report.problems.map((p) => `${p.check}: ${p.message}`);
}

const LABELS = 'force-app/main/default/labels/CustomLabels.labels-meta.xml';

describe('check:metadata', () => {
    it('passes a valid project and writes a package.xml listing every component', async () => {
        const report = await check({});
        assert.deepEqual(messages(report), []);
        assert.equal(report.ok, true);
        assert.equal(report.components, 3);
        assert.match(report.packageXml ?? '', /<members>Greeter<\/members>\s*<name>ApexClass<\/name>/);
        assert.match(report.packageXml ?? '', /<name>LightningComponentBundle<\/name>/);
        assert.match(report.packageXml ?? '', /<version>65\.0<\/version>/);
        assert.match(formatMetadataReport(report), /check:metadata passed: 3 component\(s\)/);
    });

    it('fails on an Apex class without its -meta.xml (which SDR would silently drop)', async () => {
        const report = await check({ 'force-app/main/default/classes/Greeter.cls-meta.xml': null });
        assert.equal(report.ok, false);
        assert.deepEqual(messages(report), [
            'pairing: missing Greeter.cls-meta.xml (the Metadata API would silently drop it)',
        ]);
    });

    it('fails on a trigger without its -meta.xml', async () => {
        const report = await check({
            'force-app/main/default/triggers/AccountTrigger.trigger':
                'trigger AccountTrigger on Account (before insert) {}\n',
        });
        assert.equal(report.ok, false);
        assert.ok(
            messages(report).includes(
                'pairing: missing AccountTrigger.trigger-meta.xml (the Metadata API would silently drop it)'
            )
        );
    });

    it('fails on malformed XML', async () => {
        const report = await check({
            'force-app/main/default/classes/Greeter.cls-meta.xml': CLASS_META.replace('</ApexClass>', ''),
        });
        assert.equal(report.ok, false);
        const xml = report.problems.filter((p) => p.check === 'xml');
        assert.equal(xml.length, 1);
        assert.match(xml[0].message, /^not well-formed: .*ApexClass/);
        assert.match(xml[0].file, /Greeter\.cls-meta\.xml$/);
    });

    it('fails on an element the Metadata API does not know', async () => {
        const report = await check({
            [LABELS]: validProjectFiles()[LABELS].replace(
                '<value>Hello</value>',
                '<value>Hello</value><colour>red</colour>'
            ),
        });
        assert.equal(report.ok, false);
        assert.deepEqual(messages(report), ['schema: CustomLabels/labels: unknown element <colour> for CustomLabel']);
    });

    it('fails on a misspelt element, naming the unknown one and the missing required one', async () => {
        const report = await check({
            [LABELS]: validProjectFiles()[LABELS].replace('<protected>true</protected>', '<protekted>true</protekted>'),
        });
        assert.deepEqual(messages(report), [
            'schema: CustomLabels/labels: unknown element <protekted> for CustomLabel',
            'schema: CustomLabels/labels: missing required <protected>',
        ]);
    });

    it('fails on a value of the wrong type and on a repeated single element', async () => {
        const report = await check({
            'force-app/main/default/classes/Greeter.cls-meta.xml': CLASS_META.replace('65.0', 'sixty-five').replace(
                '<status>Active</status>',
                '<status>Active</status><status>Deleted</status>'
            ),
        });
        assert.deepEqual(messages(report), [
            'schema: ApexClass/apiVersion: "sixty-five" is not a number',
            'schema: ApexClass/status: appears 2 times but is not a list',
        ]);
    });

    it('fails when the root element does not match the file suffix or lacks the metadata namespace', async () => {
        const report = await check({
            'force-app/main/default/classes/Greeter.cls-meta.xml':
                '<?xml version="1.0" encoding="UTF-8"?>\n<ApexTrigger><apiVersion>65.0</apiVersion><status>Active</status></ApexTrigger>\n',
        });
        assert.deepEqual(messages(report), [
            'schema: root <ApexTrigger> has xmlns "undefined", expected http://soap.sforce.com/2006/04/metadata',
            'schema: root <ApexTrigger> but the suffix .cls means ApexClass',
        ]);
    });

    it('fails on a type that has no schema until it is described in metadata-schema.ts', async () => {
        const report = await check({
            'force-app/main/default/messagingChannels/Kakao.messagingChannel-meta.xml':
                '<?xml version="1.0" encoding="UTF-8"?>\n<MessagingChannel xmlns="http://soap.sforce.com/2006/04/metadata"><masterLabel>Kakao</masterLabel></MessagingChannel>\n',
        });
        assert.ok(
            messages(report).some((m) => m.startsWith('schema: no schema for <MessagingChannel>')),
            messages(report).join('; ')
        );
    });

    it('checks newer types from the allow-list too (an External Credential without its protocol)', async () => {
        const report = await check({
            'force-app/main/default/externalCredentials/Api.externalCredential-meta.xml':
                '<?xml version="1.0" encoding="UTF-8"?>\n<ExternalCredential xmlns="http://soap.sforce.com/2006/04/metadata"><label>Api</label></ExternalCredential>\n',
        });
        assert.deepEqual(messages(report), ['schema: ExternalCredential: missing required <authenticationProtocol>']);
    });

    it('accepts a documented element newer than the jsforce schema (allow-list)', async () => {
        const report = await check({
            'force-app/main/default/lwc/hello/hello.js-meta.xml': validProjectFiles()[
                'force-app/main/default/lwc/hello/hello.js-meta.xml'
            ].replace(
                '</targets>',
                '</targets><targetConfigs><targetConfig targets="lightning__Tab"></targetConfig></targetConfigs>'
            ),
        });
        assert.deepEqual(messages(report), []);
    });

    it('fails on a metadata file whose suffix no type has', async () => {
        const report = await check({
            'force-app/main/default/classes/Greeter.cls-meta.xml': null,
            'force-app/main/default/classes/Greeter.klass-meta.xml': CLASS_META,
        });
        assert.equal(report.ok, false);
        assert.ok(report.problems.some((p) => p.check === 'convert' && /TypeInferenceError/.test(p.message)));
    });

    it('fails on an LWC bundle that was not built or has no js-meta.xml', async () => {
        const report = await check({
            'force-app/main/default/lwc/hello/hello.js': null,
            'force-app/main/default/lwc/hello/hello.js-meta.xml': null,
        });
        assert.ok(messages(report).includes('pairing: LWC bundle has no hello.js-meta.xml'));
        assert.ok(messages(report).includes('pairing: LWC bundle has no hello.js (run `npm run build`)'));
    });

    it('fails when TypeScript sources or tests would be deployed (.forceignore missing them)', async () => {
        const report = await check({ '.forceignore': '' });
        const leaks = report.problems.filter((p) => p.check === 'convert').map((p) => p.file);
        assert.ok(
            leaks.some((f) => f.endsWith('hello.ts')),
            `expected hello.ts to leak, got ${leaks.join(', ')}`
        );
        assert.ok(leaks.some((f) => f.includes('__tests__')));
    });
});
