/**
 * npm run bench:plugin — figures for the sf plugin against the fake org with a slow network (100 ms per request):
 * `check` of a set-up org, `fix` of an org with 1,000 agent profiles, and `agents` with 10,000 agent users
 * (pages of 2,000 users, each page's configurations and presence 200 Ids a query). Prints wall-clock time of the command
 * (in process, oclif loaded; `sf` start-up not included), requests sent and the largest Metadata call.
 * Figures, not a pass/fail gate: record them in the README.
 */
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { agentsOrg } from '../samples/agents';
import { fullySetUpOrg, PROFILE, read } from '../samples/orgs';
import { runMain } from './lib/files';
import { PluginHarness, ROOT } from '../test/plugin/pluginHarness';
import { childEnv, installRealSf, RealSf, run } from '../test/real-sf/realSf';
import { buildManifest, MANIFEST } from './manifest';

export interface Figure {
    name: string;
    ms: number;
    requests: number;
    metadataCalls: number;
    largestMetadataCall: number;
    code: number;
}

/** An org set up by hand, with `count` more agent profiles that have no presence configuration or status access. */
function manyProfiles(count: number) {
    const base = fullySetUpOrg();
    const extra = Array.from({ length: count }, (_, i) => ({
        Id: `00e5g00B${String(i).padStart(6, '0')}AAAA`,
        Name: `Bench Agents ${i}`,
        UserCount: 2,
        ServiceCloudUserCount: 2,
    }));
    return {
        snapshot: { ...base, profiles: read([...Object.values(PROFILE), ...extra]) },
        names: extra.map((p) => p.Name),
    };
}

export async function benchPlugin(options: {
    latencyMs: number;
    profiles: number;
    /** Agent users of the `agents` figure (the agents scenario's three profiles share them). */
    agents?: number;
}): Promise<Figure[]> {
    const h = new PluginHarness();
    const figures: Figure[] = [];
    const measure = async (name: string, argv: string[]): Promise<void> => {
        h.fake.requests = [];
        h.fake.largestMetadataCall = 0;
        h.fake.latencyMs = options.latencyMs;
        const start = performance.now();
        const result = await h.run(argv);
        const ms = performance.now() - start;
        h.fake.latencyMs = 0;
        figures.push({
            name,
            ms,
            requests: h.fake.requests.length,
            metadataCalls: h.fake.requests.filter((r) => r.includes('/services/Soap/m/')).length,
            largestMetadataCall: h.fake.largestMetadataCall,
            code: result.code,
        });
    };
    try {
        await h.start(fullySetUpOrg());
        await h.run(['check', '-o', 'fake']); // warm up: oclif loads each command once
        await h.run(['agents', '-o', 'fake']);
        await measure('check (set-up org)', ['check', '-o', 'fake', '--profiles', 'SimplyChat Agent,Support']);
        // Five aliases of the fake org: the fleet check reads them as five orgs, four at a time.
        const { StateAggregator } = await import('@salesforce/core');
        const state = await StateAggregator.getInstance();
        const username = state.aliases.getUsername('fake') as string;
        for (let i = 1; i <= 5; i++) await state.aliases.setAndSave(`bench-fleet-${i}`, username);
        await measure('check (fleet of 5 orgs)', [
            'check',
            '-o',
            'bench-fleet-*',
            '--profiles',
            'SimplyChat Agent',
            '--profiles',
            'Support',
            '--result-format',
            'junit',
        ]);
        const { snapshot, names } = manyProfiles(options.profiles);
        h.reset(snapshot);
        await measure(`fix (${options.profiles} agent profiles)`, [
            'fix',
            '-o',
            'fake',
            '--yes',
            '--profiles',
            names.join(','),
        ]);
        const agents = options.agents ?? 10000;
        const share = (part: number): number => Math.round((agents * part) / 10);
        h.reset(agentsOrg({ agent: share(6), support: share(2.5), trainees: agents - share(6) - share(2.5) }));
        await measure(`agents (${agents} agent users)`, [
            'agents',
            '-o',
            'fake',
            '--json',
            '--profiles',
            'SimplyChat Agent,Support,Chat Trainees',
        ]);
    } finally {
        await h.stop();
    }
    return figures;
}

export function formatFigures(figures: readonly Figure[], latencyMs: number): string {
    return [
        `sf simplychat setup, fake org with ${latencyMs} ms per request:`,
        ...figures.map(
            (f) =>
                `  ${f.name.padEnd(30)} ${(f.ms / 1000).toFixed(2).padStart(6)} s  ${String(f.requests).padStart(4)} requests  ${String(f.metadataCalls).padStart(3)} Metadata calls (largest ${f.largestMetadataCall} components)  exit ${f.code}`
        ),
    ].join('\n');
}

/** Median of a few runs, in seconds. */
function median(values: readonly number[]): number {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)];
}

/**
 * Cold start of the real `sf --version` (a new process each time): without the plugin, with the plugin linked as a
 * working copy (oclif loads a linked plugin's commands, and its TypeScript set-up, on every start), and installed
 * from the packed tarball as installers get it (with oclif.manifest.json). Needs the real sf of `npm run test:sf`
 * (installed on first use) and npm's cache for the tarball's dependencies.
 */
export async function coldStart(runs = 5): Promise<string[]> {
    const installed = await installRealSf();
    if (!installed.ok) return [`  cold start: SKIPPED, ${installed.reason}`];
    const time = async (sf: RealSf): Promise<number> => {
        const seconds: number[] = [];
        await sf.sf(['--version']); // warm the disk cache once
        for (let i = 0; i < runs; i++) seconds.push((await sf.sf(['--version'])).seconds);
        return median(seconds);
    };
    const bare = new RealSf(installed);
    const linked = new RealSf(installed);
    const packed = new RealSf(installed);
    try {
        const without = await time(bare);
        const link = await linked.sf(['plugins', 'link', ROOT, '--no-install']);
        if (link.code !== 0) return [`  cold start: linking the plugin failed: ${link.err.trim()}`];
        const withLink = await time(linked);
        // As prepack and postpack do: the manifest goes into the tarball, then leaves the tree.
        const manifestFile = path.join(ROOT, MANIFEST);
        fs.writeFileSync(manifestFile, JSON.stringify(await buildManifest(ROOT)));
        const dir = path.join(packed.home, 'pack');
        fs.mkdirSync(dir);
        const pack = await run('npm', ['pack', '--pack-destination', dir, '--ignore-scripts'], { env: childEnv() });
        fs.rmSync(manifestFile, { force: true });
        if (pack.code !== 0) return [`  cold start: npm pack failed: ${pack.err.trim()}`];
        const url = `file://${path.join(dir, 'simplychat-setup-0.1.0.tgz')}`;
        fs.mkdirSync(path.join(packed.home, '.config', 'sf'), { recursive: true });
        fs.writeFileSync(
            path.join(packed.home, '.config', 'sf', 'unsignedPluginAllowList.json'),
            JSON.stringify([url])
        );
        const install = await packed.sf(['plugins', 'install', url]);
        if (install.code !== 0) return [`  cold start: sf plugins install failed: ${install.err.trim()}`];
        const withTarball = await time(packed);
        const pct = (s: number): string => `${s >= without ? '+' : ''}${Math.round(((s - without) / without) * 100)}%`;
        return [
            `  cold start of sf --version (median of ${runs}, the real sf on Node 22):`,
            `    without the plugin                 ${without.toFixed(2)} s`,
            `    plugin linked (working copy)       ${withLink.toFixed(2)} s  (${pct(withLink)})`,
            `    plugin installed from the tarball  ${withTarball.toFixed(2)} s  (${pct(withTarball)}; target within +10%)`,
        ];
    } finally {
        bare.stop();
        linked.stop();
        packed.stop();
    }
}

if (require.main === module) {
    runMain(async () => {
        const latencyMs = 100;
        if (!process.argv.includes('--cold-start-only'))
            console.log(formatFigures(await benchPlugin({ latencyMs, profiles: 1000 }), latencyMs));
        if (!process.argv.includes('--no-cold-start')) console.log((await coldStart()).join('\n'));
        return 0;
    });
}
