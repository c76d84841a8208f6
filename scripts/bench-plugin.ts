/**
 * npm run bench:plugin — figures for the sf plugin against the fake org with a slow network (100 ms per request):
 * `check` of a set-up org, `fix` of an org with 1,000 agent profiles, and `agents` with 10,000 agent users (issue 15:
 * pages of 2,000 users, each page's configurations and presence 200 Ids a query). Prints wall-clock time of the command
 * (in process, oclif loaded; `sf` start-up not included), requests sent and the largest Metadata call.
 * Figures, not a pass/fail gate: record them in the README.
 */
import { performance } from 'node:perf_hooks';
import { agentsOrg } from '../samples/agents';
import { fullySetUpOrg, PROFILE, read } from '../samples/orgs';
import { runMain } from './lib/files';
import { PluginHarness } from '../test/plugin/pluginHarness';

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

if (require.main === module) {
    runMain(async () => {
        const latencyMs = 100;
        console.log(formatFigures(await benchPlugin({ latencyMs, profiles: 1000 }), latencyMs));
        return 0;
    });
}
