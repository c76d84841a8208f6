/**
 * check:apex — offline Apex gate.
 *  1. Every .cls/.trigger parses with @apexdevtools/apex-parser (any syntax error fails).
 *  2. apex-ls (scripts/lib/apex-ls.ts), a semantic analyzer that knows Salesforce's standard library and SObject
 *     types, reports what a deploy would refuse: unknown names, type clashes, wrong return types, locals hiding
 *     fields, unused code. Any such diagnostic fails, and so does its self-test (planted errors it must report).
 *  3. PMD (through Salesforce Code Analyzer core + its PMD engine) with the security and performance rules;
 *     any violation fails, and so does any engine error (PMD processing error, Java missing, crash).
 *
 * Usage: node build/scripts/check-apex.js [sourceDir=force-app]
 * Env:   SC_JAVA_COMMAND  the java executable (default: java)
 */
import fs from 'node:fs';
import path from 'node:path';
import { ApexErrorListener, ApexParserFactory } from '@apexdevtools/apex-parser';
import * as core from '@salesforce/code-analyzer-core';
import * as pmdEngine from '@salesforce/code-analyzer-pmd-engine';
import { checkWithApexLs, defaultApexLsRunner, type ApexLsResult, type ApexLsRunner } from './lib/apex-ls';
import { displayPath, listFiles, runMain } from './lib/files';

export interface SyntaxProblem {
    file: string;
    line: number;
    column: number;
    message: string;
}

export interface RuleViolation {
    rule: string;
    file: string;
    line: number;
    message: string;
}

export interface PmdResult {
    violations: RuleViolation[];
    /** Engine errors: PMD processing errors, a missing Java, an engine crash. Never a silent pass. */
    engineErrors: string[];
    filesScanned: number;
}

/**
 * Rules that must hold. The PMD Security and Performance categories are selected as a whole as well;
 * these are named so the run fails loudly if any of them is ever renamed or dropped from the engine.
 */
export const REQUIRED_RULES = [
    'ApexCRUDViolation',
    'ApexSharingViolations',
    'ApexSOQLInjection',
    'ApexInsecureEndpoint',
    'ApexSuggestUsingNamedCred',
    'OperationWithLimitsInLoop',
    'ApexUnitTestClassShouldHaveAsserts',
    'ApexUnitTestShouldNotUseSeeAllDataTrue',
] as const;

/** Project rules (config/pmd/simplychat-ruleset.xml) for what PMD's own rules miss. */
export const PROJECT_RULES = ['CalloutInLoop'] as const;
const PROJECT_RULESET = path.resolve(__dirname, '..', '..', 'config', 'pmd', 'simplychat-ruleset.xml');

const RULE_SELECTORS = [
    'pmd:Security',
    'pmd:Performance',
    ...[...REQUIRED_RULES, ...PROJECT_RULES].map((rule) => `pmd:${rule}`),
];

export function isApexSource(file: string): boolean {
    return file.endsWith('.cls') || file.endsWith('.trigger');
}

class CollectingListener extends ApexErrorListener {
    readonly errors: { line: number; column: number; message: string }[] = [];
    apexSyntaxError(line: number, column: number, msg: string): void {
        this.errors.push({ line, column, message: msg });
    }
}

/** Parses one Apex source text; returns its syntax errors (empty when it parses). */
export function parseApex(source: string, kind: 'class' | 'trigger'): Omit<SyntaxProblem, 'file'>[] {
    const listener = new CollectingListener();
    const { parser } = ApexParserFactory.createLexerAndParser(source, listener);
    if (kind === 'trigger') parser.triggerUnit();
    else parser.compilationUnit();
    return listener.errors.map((e) => ({ ...e, column: e.column + 1, message: shortenExpecting(e.message) }));
}

/** ANTLR lists every token it expected; keep the message readable. */
export function shortenExpecting(message: string): string {
    return message.replace(/expecting \{(.*)\}/, (_all, tokens: string) => {
        const list = tokens.split(', ');
        return list.length > 6
            ? `expecting one of ${list.length} tokens (${list.slice(0, 4).join(', ')}, …)`
            : `expecting {${tokens}}`;
    });
}

function firstLines(text: string, count = 3): string {
    return shortenExpecting(text.trim().split('\n').slice(0, count).join('\n'));
}

export function checkApexSyntax(files: string[]): SyntaxProblem[] {
    return files.flatMap((file) =>
        parseApex(fs.readFileSync(file, 'utf8'), file.endsWith('.trigger') ? 'trigger' : 'class').map((e) => ({
            file,
            ...e,
        }))
    );
}

/** Runs PMD over `sourceDir` with the selected rules. */
export async function runPmd(
    sourceDir: string,
    javaCommand = process.env.SC_JAVA_COMMAND ?? 'java'
): Promise<PmdResult> {
    const engineErrors: string[] = [];
    const config = core.CodeAnalyzerConfig.fromObject(
        { log_level: 2, engines: { pmd: { java_command: javaCommand, custom_rulesets: [PROJECT_RULESET] } } },
        process.cwd()
    );
    const analyzer = new core.CodeAnalyzer(config);
    analyzer.onEvent<core.EngineLogEvent>(core.EventType.EngineLogEvent, (event) => {
        if (event.logLevel <= core.LogLevel.Error)
            engineErrors.push(`${event.engineName}: ${firstLines(event.message)}`);
    });
    analyzer.onEvent<core.LogEvent>(core.EventType.LogEvent, (event) => {
        if (event.logLevel <= core.LogLevel.Error) engineErrors.push(`code-analyzer: ${firstLines(event.message)}`);
    });
    await analyzer.addEnginePlugin(pmdEngine.createEnginePlugin());
    const workspace = await analyzer.createWorkspace([path.resolve(sourceDir)]);
    const selection = await analyzer.selectRules(RULE_SELECTORS, { workspace });
    const selectedNames = new Set(selection.getRulesFor('pmd').map((rule) => rule.getName()));
    for (const rule of [...REQUIRED_RULES, ...PROJECT_RULES]) {
        if (!selectedNames.has(rule)) engineErrors.push(`pmd: required rule ${rule} is not available in this engine`);
    }
    const results = await analyzer.run(selection, { workspace });
    const violations = results.getViolations().map((v) => {
        const location = v.getPrimaryLocation();
        return {
            rule: v.getRule().getName(),
            file: location.getFile() ?? '',
            line: location.getStartLine() ?? 0,
            message: v.getMessage().trim(),
        };
    });
    return { violations, engineErrors, filesScanned: listFiles(sourceDir, isApexSource).length };
}

export interface ApexCheckReport {
    files: string[];
    syntaxProblems: SyntaxProblem[];
    apexLs?: ApexLsResult;
    pmd?: PmdResult;
    ok: boolean;
}

export interface ApexCheckOptions {
    /** The java executable for PMD and apex-ls (default: SC_JAVA_COMMAND or java). */
    javaCommand?: string;
    /** How apex-ls runs (default: the cached Java 17 copy of the apexlink jars). */
    apexLs?: ApexLsRunner;
}

export async function checkApex(sourceDir: string, options: ApexCheckOptions = {}): Promise<ApexCheckReport> {
    const files = listFiles(sourceDir, isApexSource);
    const syntaxProblems = checkApexSyntax(files);
    if (files.length === 0) return { files, syntaxProblems, ok: syntaxProblems.length === 0 };
    const runner = options.apexLs ?? (await defaultApexLsRunner(options.javaCommand));
    const [apexLs, pmd] = await Promise.all([
        checkWithApexLs(sourceDir, runner),
        runPmd(sourceDir, options.javaCommand),
    ]);
    const ok =
        syntaxProblems.length === 0 &&
        apexLs.diagnostics.length === 0 &&
        apexLs.engineErrors.length === 0 &&
        pmd.violations.length === 0 &&
        pmd.engineErrors.length === 0;
    return { files, syntaxProblems, apexLs, pmd, ok };
}

export function formatApexReport(report: ApexCheckReport): string {
    const lines: string[] = [];
    for (const p of report.syntaxProblems)
        lines.push(`syntax  ${displayPath(p.file)}:${p.line}:${p.column} ${p.message}`);
    for (const d of report.apexLs?.diagnostics ?? [])
        lines.push(`apex-ls ${displayPath(d.file)}:${d.line}:${d.column} ${d.category}: ${d.message}`);
    for (const d of report.apexLs?.keptUnused ?? [])
        lines.push(`kept    ${displayPath(d.file)}:${d.line} ${d.message} (a "Kept unused" comment says why)`);
    for (const v of report.pmd?.violations ?? [])
        lines.push(`pmd     ${displayPath(v.file)}:${v.line} ${v.rule}: ${v.message}`);
    for (const e of [...(report.apexLs?.engineErrors ?? []), ...(report.pmd?.engineErrors ?? [])])
        lines.push(`engine  ${e}`);
    const analyzers =
        report.apexLs && report.pmd
            ? `${report.apexLs.diagnostics.length} apex-ls diagnostic(s), ` +
              `${report.pmd.violations.length} PMD violation(s), ` +
              `${report.apexLs.engineErrors.length + report.pmd.engineErrors.length} engine error(s)`
            : 'apex-ls and PMD skipped (no Apex files)';
    lines.push(
        `check:apex ${report.ok ? 'passed' : 'FAILED'}: ${report.files.length} Apex file(s), ` +
            `${report.syntaxProblems.length} syntax error(s), ${analyzers}`
    );
    return lines.join('\n');
}

if (require.main === module) {
    runMain(async () => {
        const report = await checkApex(process.argv[2] ?? 'force-app');
        console.log(formatApexReport(report));
        return report.ok ? 0 : 1;
    });
}
