/**
 * Comments say what code is and why, not which issue or session added it: a tracker reference goes stale as soon
 * as the code moves on, and the history is in git. This gate reads every source file of the project.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { listFiles } from '../lib/files';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const SOURCE = /\.(?:ts|js|mjs|cjs|cls|trigger|html|sh)$/;

/** An LWC's .js beside its .ts is compiled by `npm run build` (git-ignored): the .ts is what is read. */
function isBuildOutput(file: string): boolean {
    return file.endsWith('.js') && fs.existsSync(file.replace(/\.js$/, '.ts'));
}

/** The lines of `text` that name a tracker issue ("issue 15", "issues 14 and 15", "issue #3"). */
export function historyMentions(text: string): number[] {
    const lines: number[] = [];
    text.split('\n').forEach((line, index) => {
        if (/\bissues?\s*#?\d+/i.test(line)) lines.push(index + 1);
    });
    return lines;
}

describe('source comments', () => {
    it('name no tracker issue in any source file', () => {
        const files = ['force-app', 'src', 'test', 'scripts', 'samples', 'preview', 'bin', 'types'].flatMap((dir) =>
            listFiles(
                path.join(ROOT, dir),
                (f) => SOURCE.test(f) && !f.includes(`${path.sep}__fixtures__${path.sep}`) && !isBuildOutput(f)
            )
        );
        assert.ok(files.length > 100, `only ${files.length} source files found`);
        const found = files.flatMap((file) =>
            file === __filename.replace(/\.js$/, '.ts') || file.endsWith('source-comments.test.ts')
                ? []
                : historyMentions(fs.readFileSync(file, 'utf8')).map((line) => `${path.relative(ROOT, file)}:${line}`)
        );
        assert.deepEqual(found, []);
    });

    it('planted defect: a comment naming an issue is found, a plain comment is not', () => {
        assert.deepEqual(
            historyMentions('/** The Agents view (issue 15). */\nconst a = 1;\n// issues 14 and #3\n'),
            [1, 3]
        );
        assert.deepEqual(historyMentions('// Item 13: who is in the queue; tissue 5 is not an issue\n'), []);
    });
});
