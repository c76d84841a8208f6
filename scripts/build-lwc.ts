/**
 * build — compiles every LWC TypeScript source (force-app/**\/lwc/**\/*.ts, not tests, not .d.ts) to the .js
 * beside it, with the Babel recipe of Salesforce's own LWC compiler (babel.lwc.config.json): types stripped,
 * decorators and declared fields kept. A generated .js whose .ts is gone is removed. Then every bundle's .js,
 * .html and .css goes through the LWC compiler (@lwc/compiler), so a template or decorator error fails here,
 * offline, instead of at deploy time.
 *
 * Usage: node build/scripts/build-lwc.js [sourceDir=force-app]
 */
import fs from 'node:fs';
import path from 'node:path';
import { transformFileAsync } from '@babel/core';
import { transformSync } from '@lwc/compiler';
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
    /** Bundle files the LWC compiler accepted. */
    checked: string[];
    errors: { file: string; message: string }[];
}

/** Runs the LWC compiler over each file of each bundle under `sourceDir`; returns the files it refused. */
export function compileBundles(sourceDir: string, result: BuildResult): void {
    const files = listFiles(
        sourceDir,
        (f) =>
            /\.(js|html|css)$/.test(f) &&
            f.split(path.sep).includes('lwc') &&
            !f.split(path.sep).some((part) => part.startsWith('__'))
    );
    for (const file of files) {
        const bundle = path.basename(path.dirname(file));
        try {
            transformSync(fs.readFileSync(file, 'utf8'), path.basename(file), { namespace: 'c', name: bundle });
            result.checked.push(file);
        } catch (error) {
            result.errors.push({ file, message: `LWC compiler: ${(error as Error).message}` });
        }
    }
}

export async function buildLwc(sourceDir: string): Promise<BuildResult> {
    const result: BuildResult = { compiled: [], removed: [], checked: [], errors: [] };
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
    if (result.errors.length === 0) compileBundles(sourceDir, result);
    return result;
}

if (require.main === module) {
    runMain(async () => {
        const result = await buildLwc(process.argv[2] ?? 'force-app');
        for (const e of result.errors) console.error(`error  ${displayPath(e.file)}: ${e.message}`);
        for (const f of result.removed) console.log(`removed stale ${displayPath(f)}`);
        console.log(
            `build ${result.errors.length ? 'FAILED' : 'passed'}: ${result.compiled.length} LWC TypeScript file(s) compiled, ` +
                `${result.checked.length} bundle file(s) accepted by the LWC compiler, ${result.errors.length} error(s)`
        );
        return result.errors.length ? 1 : 0;
    });
}
