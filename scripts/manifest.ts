/**
 * Writes oclif.manifest.json at the package root (run by `npm pack` through prepack): the commands' flags, help and
 * ids, as oclif's own `oclif manifest` builds them with @oclif/core's Plugin. With it, `sf` starts without importing
 * the plugin's command modules (`sf --version`, other plugins' commands); each command's module is imported only when
 * it runs. `postpack` removes it again, so a linked working copy always reads the commands themselves.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Plugin } from '@oclif/core';
import { runMain } from './lib/files';

export const MANIFEST = 'oclif.manifest.json';

/** The manifest of the package at `root`, as oclif writes it; throws when a command cannot be loaded. */
export async function buildManifest(root: string): Promise<{ version: string; commands: Record<string, unknown> }> {
    const plugin = new Plugin({ root, type: 'core', ignoreManifest: true, errorOnManifestCreate: true });
    await plugin.load();
    return plugin.manifest as { version: string; commands: Record<string, unknown> };
}

if (require.main === module) {
    runMain(async () => {
        const root = path.resolve(__dirname, '..', '..');
        if (process.argv.includes('--remove')) {
            fs.rmSync(path.join(root, MANIFEST), { force: true });
            return 0;
        }
        const manifest = await buildManifest(root);
        fs.writeFileSync(path.join(root, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
        console.log(`${MANIFEST}: ${Object.keys(manifest.commands).length} commands, version ${manifest.version}`);
        return 0;
    });
}
