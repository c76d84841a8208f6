/**
 * check:workflows — offline gate for .github/workflows/*.yml, which cannot run here (they need GitHub and a Dev
 * Hub):
 *  1. each workflow is valid against the GitHub Actions workflow schema (@action-validator/core: SchemaStore's
 *     schema, compiled to WebAssembly, plus its path-glob checks);
 *  2. every `npm run <script>` a workflow calls exists in package.json, so a renamed script fails here and not
 *     at night in CI.
 *
 * Usage: node build/scripts/check-workflows.js [projectRoot=.]
 */
import fs from 'node:fs';
import path from 'node:path';
import { validateWorkflow } from '@action-validator/core';
import { displayPath, listFiles, runMain } from './lib/files';

export interface WorkflowProblem {
    file: string;
    message: string;
}

/** Schema problems of one workflow's YAML text. */
export function schemaProblems(source: string): string[] {
    const state = validateWorkflow(source);
    return state.errors.map((e) => {
        const where = 'path' in e && e.path ? `${e.path}: ` : '';
        return `${where}${e.title}${e.detail ? ` (${e.detail})` : ''}`;
    });
}

/** `npm run <script>` calls naming a script package.json does not have. */
export function unknownScripts(source: string, scripts: Readonly<Record<string, string>>): string[] {
    const problems: string[] = [];
    for (const match of source.matchAll(/\bnpm run(?: -s| --silent)? ([\w:.-]+)/g)) {
        if (!(match[1] in scripts)) problems.push(`npm run ${match[1]}: package.json has no such script`);
    }
    return problems;
}

export function checkWorkflows(root: string): { files: number; problems: WorkflowProblem[] } {
    const scripts = (
        JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
            scripts: Record<string, string>;
        }
    ).scripts;
    const files = listFiles(path.join(root, '.github', 'workflows'), (f) => /\.ya?ml$/.test(f));
    const problems: WorkflowProblem[] = [];
    for (const file of files) {
        const source = fs.readFileSync(file, 'utf8');
        for (const message of [...schemaProblems(source), ...unknownScripts(source, scripts)])
            problems.push({ file: displayPath(file), message });
    }
    return { files: files.length, problems };
}

if (require.main === module) {
    runMain(async () => {
        const { files, problems } = checkWorkflows(path.resolve(process.argv[2] ?? '.'));
        for (const p of problems) console.error(`${p.file}: ${p.message}`);
        console.log(`check:workflows: ${files} workflow(s), ${problems.length} problem(s)`);
        return problems.length === 0 ? 0 : 1;
    });
}
