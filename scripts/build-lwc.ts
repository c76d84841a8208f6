/**
 * build — compiles every LWC TypeScript source (force-app/**\/lwc/**\/*.ts, not tests, not .d.ts) to the .js
 * beside it, with the Babel recipe of Salesforce's own LWC compiler (babel.lwc.config.json): types stripped,
 * decorators and declared fields kept. A generated .js whose .ts is gone is removed.
 *
 * Usage: node build/scripts/build-lwc.js [sourceDir=force-app]
 */
import fs from 'node:fs';
import path from 'node:path';
import { transformFileAsync } from '@babel/core';
import { displayPath, listFiles, runMain } from './lib/files';

export const GENERATED_HEADER = '// Generated from TypeScript by `npm run build`: edit the .ts file beside this one.';
const BABEL_CONFIG = path.resolve(__dirname, '..', '..', 'babel.lwc.config.json');

export function isLwcTypeScriptSource(file: string): boolean {
    const parts = file.split(path.sep);
    return (
        file.endsWith('.ts') &&
        !file.endsWith('.d.ts') &&
        parts.includes('lwc') &&
        !parts.includes('__tests__') &&
        !parts.includes('__mocks__')
    );
}

export interface BuildResult {
    compiled: string[];
    removed: string[];
    errors: { file: string; message: string }[];
}

export async function buildLwc(sourceDir: string): Promise<BuildResult> {
    const result: BuildResult = { compiled: [], removed: [], errors: [] };
    for (const file of listFiles(sourceDir, isLwcTypeScriptSource)) {
        try {
            const output = await transformFileAsync(file, {
                configFile: BABEL_CONFIG,
                babelrc: false,
                sourceMaps: false,
            });
            if (!output?.code) throw new Error('Babel returned no code');
            fs.writeFileSync(file.replace(/\.ts$/, '.js'), `${GENERATED_HEADER}\n${output.code}\n`);
            result.compiled.push(file);
        } catch (error) {
            result.errors.push({ file, message: (error as Error).message });
        }
    }
    const orphans = listFiles(
        sourceDir,
        (f) => f.endsWith('.js') && f.split(path.sep).includes('lwc') && !fs.existsSync(f.replace(/\.js$/, '.ts'))
    );
    for (const file of orphans) {
        if (fs.readFileSync(file, 'utf8').startsWith(GENERATED_HEADER)) {
            fs.rmSync(file);
            result.removed.push(file);
        }
    }
    return result;
}

if (require.main === module) {
    runMain(async () => {
        const result = await buildLwc(process.argv[2] ?? 'force-app');
        for (const e of result.errors) console.error(`error  ${displayPath(e.file)}: ${e.message}`);
        for (const f of result.removed) console.log(`removed stale ${displayPath(f)}`);
        console.log(
            `build ${result.errors.length ? 'FAILED' : 'passed'}: ${result.compiled.length} LWC TypeScript file(s) compiled, ` +
                `${result.errors.length} error(s)`
        );
        return result.errors.length ? 1 : 0;
    });
}
