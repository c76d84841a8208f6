/**
 * npm test — runs every offline quality gate in order, stops at the first failure, and prints a summary.
 * Each gate is an npm script of its own, so any one can be run alone (see README, "How the gates work").
 */
import { spawnSync } from 'node:child_process';
import { runMain } from './lib/files';

export interface Gate {
    /** The npm script that runs the gate. */
    script: string;
    /** What it proves, for the summary. */
    purpose: string;
}

export const GATES: readonly Gate[] = [
    { script: 'build', purpose: 'LWC TypeScript compiles to .js (Babel)' },
    { script: 'typecheck', purpose: 'tsc strict over LWC, tests and scripts' },
    { script: 'lint', purpose: 'ESLint (LWC + typescript-eslint), zero warnings' },
    { script: 'format:check', purpose: 'Prettier (TS, HTML, CSS, Apex, XML, Markdown)' },
    { script: 'test:unit', purpose: 'Jest (sfdx-lwc-jest) with coverage thresholds' },
    { script: 'test:scripts', purpose: 'check scripts against planted defects' },
    { script: 'bench', purpose: 'engine figures at 1,000 profiles, printed (never a limit)' },
    { script: 'check:apex', purpose: 'Apex syntax, apex-ls semantics (self-tested), PMD rules' },
    { script: 'check:metadata', purpose: 'SDR convert + pairing + XML schema' },
    { script: 'check:workflows', purpose: 'GitHub Actions workflows: schema, npm scripts' },
    { script: 'test:e2e', purpose: 'the tab in Chromium on the simulated org (preview)' },
    { script: 'test:sf', purpose: 'the plugin in the real sf (npm, Node 22), linked and packed' },
];

export interface GateOutcome {
    gate: Gate;
    status: 'passed' | 'failed' | 'skipped';
    seconds: number;
}

/** Runs the gates in order with `run` (exit code of one gate); after a failure the rest are skipped. */
export function runGates(gates: readonly Gate[], run: (gate: Gate) => number, now = () => Date.now()): GateOutcome[] {
    const outcomes: GateOutcome[] = [];
    let failed = false;
    for (const gate of gates) {
        if (failed) {
            outcomes.push({ gate, status: 'skipped', seconds: 0 });
            continue;
        }
        const start = now();
        const code = run(gate);
        failed = code !== 0;
        outcomes.push({ gate, status: failed ? 'failed' : 'passed', seconds: (now() - start) / 1000 });
    }
    return outcomes;
}

export function formatSummary(outcomes: readonly GateOutcome[]): string {
    const mark = { passed: 'ok  ', failed: 'FAIL', skipped: 'skip' } as const;
    const count = (status: GateOutcome['status']): number => outcomes.filter((o) => o.status === status).length;
    const total = outcomes.reduce((sum, o) => sum + o.seconds, 0);
    const lines = ['', 'SimplyChat Setup — quality gates'];
    for (const o of outcomes) {
        const time = o.status === 'skipped' ? '     -' : `${o.seconds.toFixed(1).padStart(5)}s`;
        lines.push(`  ${mark[o.status]} ${o.gate.script.padEnd(15)} ${time}  ${o.gate.purpose}`);
    }
    lines.push(`  total ${total.toFixed(1)}s`);
    const skipped = count('skipped');
    lines.push(`gates: ${count('passed')} passed, ${count('failed')} failed${skipped ? `, ${skipped} skipped` : ''}`);
    return lines.join('\n');
}

export function runNpmScript(gate: Gate): number {
    console.log(`\n▶ npm run ${gate.script}`);
    const result = spawnSync('npm', ['run', '-s', gate.script], { stdio: 'inherit' });
    return result.status ?? 1;
}

if (require.main === module) {
    runMain(async () => {
        const outcomes = runGates(GATES, runNpmScript);
        console.log(formatSummary(outcomes));
        return outcomes.every((o) => o.status === 'passed') ? 0 : 1;
    });
}
