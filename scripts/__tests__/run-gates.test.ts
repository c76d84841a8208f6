import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatSummary, GATES, runGates, type Gate } from '../run-gates';

const gates: Gate[] = [
    { script: 'build', purpose: 'compile' },
    { script: 'lint', purpose: 'lint' },
    { script: 'check:apex', purpose: 'apex' },
];

/** A clock that advances one second per reading. */
function clock(): () => number {
    let t = 0;
    return () => (t += 1000);
}

describe('npm test (run-gates)', () => {
    it('runs every gate in order when all pass', () => {
        const ran: string[] = [];
        const outcomes = runGates(gates, (g) => (ran.push(g.script), 0), clock());
        assert.deepEqual(ran, ['build', 'lint', 'check:apex']);
        assert.deepEqual(
            outcomes.map((o) => o.status),
            ['passed', 'passed', 'passed']
        );
        assert.match(formatSummary(outcomes), /\ngates: 3 passed, 0 failed$/);
    });

    it('stops at the first failure and skips the rest', () => {
        const ran: string[] = [];
        const outcomes = runGates(gates, (g) => (ran.push(g.script), g.script === 'lint' ? 1 : 0), clock());
        assert.deepEqual(ran, ['build', 'lint']);
        assert.deepEqual(
            outcomes.map((o) => o.status),
            ['passed', 'failed', 'skipped']
        );
        const summary = formatSummary(outcomes);
        assert.match(summary, /FAIL lint/);
        assert.match(summary, /skip check:apex/);
        assert.match(summary, /\ngates: 1 passed, 1 failed, 1 skipped$/);
    });

    it('covers every required gate, in the documented order', () => {
        assert.deepEqual(
            GATES.map((g) => g.script),
            [
                'build',
                'typecheck',
                'lint',
                'format:check',
                'test:unit',
                'test:scripts',
                'bench',
                'check:apex',
                'check:metadata',
                'check:workflows',
                'test:e2e',
                'test:sf',
            ]
        );
    });
});
