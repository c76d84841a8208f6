import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import JSZip from 'jszip';
import {
    apexlinkJarsDir,
    checkWithApexLs,
    defaultApexLsRunner,
    isKeptUnused,
    lowerClassVersions,
    parseApexLsJson,
    preparePatchedJars,
    SELF_TEST_CLASSES,
    type ApexLsDiagnostic,
} from '../lib/apex-ls';
import { CLASS_META, makeTree, removeTree } from './fixture';

const trees: string[] = [];
after(() => trees.forEach(removeTree));
function tree(files: Record<string, string>): string {
    const root = makeTree(files);
    trees.push(root);
    return root;
}

/** A class file header with the given major version, then a few body bytes. */
function classBytes(major: number): Uint8Array {
    return Uint8Array.from([0xca, 0xfe, 0xba, 0xbe, 0, 0, major >> 8, major & 0xff, 1, 2, 3]);
}

async function jarOf(entries: Record<string, Uint8Array | string>): Promise<Buffer> {
    const zip = new JSZip();
    for (const [name, content] of Object.entries(entries)) zip.file(name, content);
    return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

describe('apex-ls on Java 17: lowering class-file versions', () => {
    it('lowers only classes above Java 17 and only their version bytes', async () => {
        const jar = await jarOf({
            'META-INF/MANIFEST.MF': 'Manifest-Version: 1.0\n',
            'a/Java21.class': classBytes(65),
            'a/Java8.class': classBytes(52),
            'a/NotAClass.class': 'plain text',
        });
        const { jar: out, patched } = await lowerClassVersions(jar);
        assert.deepEqual(patched, ['a/Java21.class']);
        const zip = await JSZip.loadAsync(out);
        assert.deepEqual([...(await zip.file('a/Java21.class')!.async('uint8array'))], [...classBytes(61)]);
        assert.deepEqual([...(await zip.file('a/Java8.class')!.async('uint8array'))], [...classBytes(52)]);
        assert.equal(await zip.file('a/NotAClass.class')!.async('string'), 'plain text');
        assert.equal(await zip.file('META-INF/MANIFEST.MF')!.async('string'), 'Manifest-Version: 1.0\n');
    });

    it('returns a jar without such classes unchanged', async () => {
        const jar = await jarOf({ 'a/Old.class': classBytes(52) });
        const result = await lowerClassVersions(jar);
        assert.deepEqual(result.patched, []);
        assert.equal(result.jar, jar);
    });

    it('prepares a cached copy once per set of jars', async () => {
        const source = tree({});
        fs.writeFileSync(path.join(source, 'tool.jar'), await jarOf({ 'a/New.class': classBytes(65) }));
        fs.writeFileSync(path.join(source, 'README.txt'), 'not a jar');
        const cache = tree({});
        const first = await preparePatchedJars(source, cache);
        assert.deepEqual(fs.readdirSync(first).sort(), ['.prepared', 'tool.jar']);
        const zip = await JSZip.loadAsync(fs.readFileSync(path.join(first, 'tool.jar')));
        assert.equal((await zip.file('a/New.class')!.async('uint8array'))[7], 61);
        const stamp = fs.readFileSync(path.join(first, '.prepared'), 'utf8');
        assert.equal(await preparePatchedJars(source, cache), first, 'same jars, same folder');
        assert.equal(fs.readFileSync(path.join(first, '.prepared'), 'utf8'), stamp, 'not prepared twice');
        await assert.rejects(preparePatchedJars(tree({}), cache), /no jars/);
    });

    it('finds Java 21 classes in the shipped apex-ls jar, which is why the copy exists', async () => {
        const jarName = fs.readdirSync(apexlinkJarsDir()).find((name) => name.startsWith('apex-ls'));
        assert.ok(jarName, 'apexlink ships an apex-ls jar');
        const { patched } = await lowerClassVersions(fs.readFileSync(path.join(apexlinkJarsDir(), jarName)));
        assert.ok(patched.length > 0, 'if this fails, apex-ls no longer needs the workaround: remove it');
    });
});

describe('apex-ls output and markers', () => {
    it('reads the JSON report', () => {
        const json = `{ "files": [
{ "path": "/p/A.cls", "messages": [
{"start": {"line": 3, "offset": 8 }, "end": {"line": 3, "offset": 9 }, "category": "Missing", "message": "Unknown field"}
]}]}`;
        assert.deepEqual(parseApexLsJson(json), [
            { file: '/p/A.cls', line: 3, column: 9, category: 'Missing', message: 'Unknown field' },
        ]);
        assert.deepEqual(parseApexLsJson(''), []);
    });

    it('keeps unused code only under a "Kept unused:" comment with a reason', () => {
        const source = [
            'public class A {',
            '    // Kept unused: called by the vendor flow through Apex actions',
            '    @TestVisible',
            '    public static void kept() {}',
            '    // Kept unused:',
            '    public static void noReason() {}',
            '    public static void plain() {}',
            '}',
        ].join('\n');
        assert.equal(isKeptUnused(source, 4), true);
        assert.equal(isKeptUnused(source, 6), false);
        assert.equal(isKeptUnused(source, 7), false);
    });
});

describe('apex-ls self-test', () => {
    const source = (): string =>
        tree({ 'classes/Clean.cls': 'public with sharing class Clean {}', 'classes/Clean.cls-meta.xml': CLASS_META });

    function report(diagnostics: ApexLsDiagnostic[]): string {
        return JSON.stringify({
            files: diagnostics.map((d) => ({
                path: d.file,
                messages: [{ start: { line: d.line, offset: 0 }, category: d.category, message: d.message }],
            })),
        });
    }

    it('fails when the analyzer reports none of the planted errors', async () => {
        const result = await checkWithApexLs(source(), () => Promise.resolve('{ "files": [] }'));
        assert.deepEqual(result.diagnostics, []);
        assert.equal(result.engineErrors.length, Object.keys(SELF_TEST_CLASSES).length);
        assert.match(result.engineErrors[0], /self-test: the planted error in ScApexLs\w+ was not reported/);
    });

    it('fails when one planted error is missing or reported on another line', async () => {
        const result = await checkWithApexLs(source(), (workspace) => {
            const planted = Object.entries(SELF_TEST_CLASSES).map(([name, { line }], index) => ({
                file: path.join(workspace, 'sc-apex-ls-self-test', 'classes', `${name}.cls`),
                line: index === 0 ? line + 1 : line,
                column: 1,
                category: 'Error',
                message: 'planted',
            }));
            return Promise.resolve(report(planted));
        });
        assert.deepEqual(result.engineErrors, [
            'apex-ls self-test: the planted error in ScApexLsSelfTestUnknownMethod was not reported; the analyzer cannot be trusted',
        ]);
    });

    it('turns a crash of the analyzer into an engine error', async () => {
        const result = await checkWithApexLs(source(), () => Promise.reject(new Error('exited 1: no java')));
        assert.deepEqual(result.engineErrors, ['apex-ls: exited 1: no java']);
    });

    it('maps paths back to the checked folder', async () => {
        const dir = source();
        const result = await checkWithApexLs(dir, (workspace) =>
            Promise.resolve(
                report([
                    ...Object.entries(SELF_TEST_CLASSES).map(([name, { line }]) => ({
                        file: path.join(workspace, 'sc-apex-ls-self-test', 'classes', `${name}.cls`),
                        line,
                        column: 1,
                        category: 'Missing',
                        message: 'planted',
                    })),
                    {
                        file: path.join(workspace, 'source', 'classes', 'Clean.cls'),
                        line: 1,
                        column: 1,
                        category: 'Warning',
                        message: 'w',
                    },
                ])
            )
        );
        assert.deepEqual(result.engineErrors, []);
        assert.deepEqual(
            result.diagnostics.map((d) => d.file),
            [path.join(dir, 'classes', 'Clean.cls')]
        );
    });

    it('the real analyzer reports the planted errors, a case-insensitive clash and a hiding local, and keeps marked unused code', async () => {
        const dir = tree({
            'classes/Roster.cls': `public with sharing class Roster {
    private static final String AGENT = 'Agent';
    private static Integer total = 0;
    @AuraEnabled
    public static List<String> names(Integer agent) {
        Integer total = agent;
        return new List<String>{ AGENT + total };
    }
}`,
            'classes/Roster.cls-meta.xml': CLASS_META,
            'classes/Keeper.cls': `public with sharing class Keeper {
    @AuraEnabled
    public static Integer used() {
        return 1;
    }
    // Kept unused: the vendor calls it by name
    public static Integer kept() {
        return 1;
    }
    public static Integer dropped() {
        return 2;
    }
}`,
            'classes/Keeper.cls-meta.xml': CLASS_META,
        });
        const result = await checkWithApexLs(dir, await defaultApexLsRunner());
        assert.deepEqual(result.engineErrors, [], 'the self-test passes on the real analyzer');
        const found = result.diagnostics.map((d) => `${d.line} ${d.category}`).sort();
        assert.ok(found.includes('6 Warning'), `a local hiding a field: ${found.join(', ')}`);
        assert.ok(found.includes('7 Error'), `AGENT is the Integer parameter: ${found.join(', ')}`);
        assert.deepEqual(
            result.keptUnused.map((d) => `${path.basename(d.file)}:${d.line}`),
            ['Keeper.cls:7']
        );
        assert.ok(found.includes('10 Unused'), `an unused method without a reason fails: ${found.join(', ')}`);
    });
});
