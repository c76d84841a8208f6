/**
 * What `sf plugins install` gets from `npm pack`: every module the plugin's commands and hooks load, and a "files"
 * list of paths that exist (sf's install check reads each entry as a path). test/real-sf installs the tarball into
 * the real sf; this is the fast check that runs with the other script tests.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { buildManifest, MANIFEST } from '../../scripts/manifest';
import { ROOT } from './pluginHarness';

/** Every module the plugin's commands and hooks load (relative imports of the built .js), from the package root. */
function pluginModules(root: string): string[] {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
        oclif: { commands: string; hooks?: Record<string, string> };
    };
    const entries: string[] = [];
    const walk = (dir: string): void => {
        for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
            const full = path.join(dir, entry.name);
            if (entry.isDirectory()) walk(full);
            else if (entry.name.endsWith('.js')) entries.push(full);
        }
    };
    walk(path.join(root, pkg.oclif.commands));
    for (const hook of Object.values(pkg.oclif.hooks ?? {})) entries.push(path.join(root, `${hook}.js`));
    const seen = new Set<string>();
    while (entries.length) {
        const file = entries.pop() as string;
        if (seen.has(file)) continue;
        seen.add(file);
        const source = fs.readFileSync(file, 'utf8');
        for (const m of source.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*)['"](\.{1,2}\/[^'"]+)['"]/g)) {
            let target = path.resolve(path.dirname(file), m[1]);
            if (!fs.existsSync(target) && fs.existsSync(`${target}.js`)) target = `${target}.js`;
            if (fs.existsSync(target) && fs.statSync(target).isDirectory()) target = path.join(target, 'index.js');
            entries.push(target);
        }
    }
    return [...seen].map((f) => path.relative(root, f).split(path.sep).join('/')).sort();
}

/** The plugin's modules that the packed file list lacks. */
function missingFromPack(modules: readonly string[], packed: readonly string[]): string[] {
    const inPack = new Set(packed);
    return modules.filter((m) => !inPack.has(m));
}

describe('the packed plugin (npm pack), what sf plugins install gets', () => {
    let packed: string[] = [];
    before(() => {
        const env = { ...process.env };
        delete env.NODE_V8_COVERAGE;
        const result = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
            cwd: ROOT,
            env,
            encoding: 'utf8',
        });
        assert.equal(result.status, 0, result.stderr);
        packed = (JSON.parse(result.stdout) as { files: { path: string }[] }[])[0].files.map((f) => f.path);
    });

    it('holds every module the commands and hooks load (the engine and src/lib/soql included)', () => {
        const modules = pluginModules(ROOT);
        assert.ok(modules.includes('build/src/lib/soql.js'), modules.join('\n'));
        assert.ok(modules.some((m) => m.startsWith('build/force-app/main/default/lwc/setupEngine/')));
        assert.deepEqual(missingFromPack(modules, packed), []);
        for (const file of ['bin/run.js', 'config/labels/setup-labels.json', 'messages/simplychat.setup.check.md'])
            assert.ok(packed.includes(file), file);
    });

    it('planted defect: a module left out of the pack is reported', () => {
        const modules = pluginModules(ROOT);
        const without = packed.filter((f) => f !== 'build/src/lib/soql.js');
        assert.deepEqual(missingFromPack(modules, without), ['build/src/lib/soql.js']);
    });

    it('lists "files" as paths that exist (sf plugins install warns about a glob as a missing file)', () => {
        const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { files: string[] };
        // The manifest is written by prepack and removed by postpack: it exists in the tarball, not in the tree.
        assert.deepEqual(
            pkg.files.filter((f) => f !== MANIFEST && !fs.existsSync(path.join(ROOT, f))),
            []
        );
    });
});

describe('the plugin source (src/)', () => {
    it('reaches the engine through src/lib/engine.ts only: no other plugin file names the engine folder', () => {
        const offenders: string[] = [];
        const walk = (dir: string): void => {
            for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
                const full = path.join(dir, entry.name);
                if (entry.isDirectory()) walk(full);
                else if (entry.name.endsWith('.ts') && full !== path.join(ROOT, 'src', 'lib', 'engine.ts')) {
                    if (/from\s+['"][^'"]*force-app\//.test(fs.readFileSync(full, 'utf8'))) offenders.push(full);
                }
            }
        };
        walk(path.join(ROOT, 'src'));
        assert.deepEqual(offenders, []);
    });
});

describe('oclif.manifest.json, written at pack time', () => {
    it('npm pack writes it first and removes it after; the tarball lists it', () => {
        const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
            files: string[];
            scripts: Record<string, string>;
        };
        assert.ok(pkg.files.includes(MANIFEST));
        assert.match(pkg.scripts.prepack, /build\/scripts\/manifest\.js$/);
        assert.match(pkg.scripts.postpack, /manifest\.js --remove$/);
    });

    it('holds every command with its flags and the ERROR CODES section, as sf reads them without importing them', async () => {
        const manifest = await buildManifest(ROOT);
        const commands = manifest.commands as Record<
            string,
            { flags: Record<string, unknown>; errorCodes?: { header: string; body: unknown[] } }
        >;
        assert.deepEqual(Object.keys(commands).sort(), [
            'simplychat:setup:agents',
            'simplychat:setup:check',
            'simplychat:setup:export',
            'simplychat:setup:fix',
            'simplychat:setup:live',
        ]);
        for (const [id, command] of Object.entries(commands)) {
            assert.ok('target-org' in command.flags && 'json' in command.flags, id);
            assert.equal(command.errorCodes?.header, 'ERROR CODES', id);
            assert.ok((command.errorCodes?.body.length ?? 0) >= 5, id);
        }
    });
});
