/**
 * npm start — the local preview: builds the real setup tab on a simulated org (preview/) and serves it on
 * 127.0.0.1. `--build-only` builds and exits; PORT chooses the port (default 4173; 0 = any free port).
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { listFiles, runMain } from './lib/files';
import { SCENARIOS } from '../samples/scenarios';

const ROOT = path.resolve(__dirname, '..', '..');
const LWC = path.join(ROOT, 'force-app', 'main', 'default', 'lwc');
export const OUT = path.join(ROOT, 'build', 'preview');
const COMPONENTS = path.join(ROOT, 'build', 'preview-components');
const SLDS_ASSETS = path.join(ROOT, 'node_modules', '@salesforce-ux', 'design-system', 'assets');

/** The deployable LWC tree: what `.forceignore` lets through (no TypeScript sources, no tests). */
export function copyDeployableComponents(from = LWC, to = path.join(COMPONENTS, 'c')): string[] {
    fs.rmSync(path.dirname(to), { recursive: true, force: true });
    const copied = listFiles(
        from,
        (f) => /\.(js|html|css|svg|xml)$/.test(f) && !f.split(path.sep).some((part) => part.startsWith('__'))
    );
    for (const file of copied) {
        const target = path.join(to, path.relative(from, file));
        fs.mkdirSync(path.dirname(target), { recursive: true });
        fs.copyFileSync(file, target);
    }
    return copied;
}

/** Builds build/preview (main.js and index.html). A missing module or component fails the build. */
export async function buildPreview(
    progress: (step: string) => void = () => undefined
): Promise<{ ms: number; bytes: number }> {
    const started = Date.now();
    progress('copying the compiled components');
    copyDeployableComponents();
    // The Rollup config is an ES module; load it, and Rollup, as such.
    const dynamicImport = new Function('specifier', 'return import(specifier)') as (
        s: string
    ) => Promise<Record<string, unknown>>;
    const { createConfig } = (await dynamicImport(path.join(ROOT, 'preview', 'rollup.config.mjs'))) as {
        createConfig: (dir: string) => { output: Record<string, unknown> } & Record<string, unknown>;
    };
    const { rollup } = (await dynamicImport('rollup')) as {
        rollup: (options: unknown) => Promise<{ write: (o: unknown) => Promise<unknown>; close: () => Promise<void> }>;
    };
    const config = createConfig(COMPONENTS);
    progress('bundling the tab, the Lightning base components and the simulated org (Rollup)');
    const bundle = await rollup(config);
    progress('writing build/preview/main.js');
    await bundle.write(config.output);
    await bundle.close();
    fs.copyFileSync(path.join(ROOT, 'preview', 'src', 'index.html'), path.join(OUT, 'index.html'));
    return { ms: Date.now() - started, bytes: fs.statSync(path.join(OUT, 'main.js')).size };
}

const TYPES: Record<string, string> = {
    '.html': 'text/html; charset=utf-8',
    '.js': 'text/javascript; charset=utf-8',
    '.css': 'text/css; charset=utf-8',
    '.svg': 'image/svg+xml',
    '.woff2': 'font/woff2',
    '.woff': 'font/woff',
    '.png': 'image/png',
};

/** Serves the built preview and the SLDS assets on 127.0.0.1 only. */
export function serve(port: number): Promise<http.Server> {
    const server = http.createServer((request, response) => {
        const url = new URL(request.url ?? '/', 'http://127.0.0.1');
        if (url.pathname === '/favicon.ico') {
            response.writeHead(204);
            response.end();
            return;
        }
        const relative = decodeURIComponent(url.pathname);
        const base = relative.startsWith('/assets/') ? SLDS_ASSETS : OUT;
        const file = path.resolve(
            base,
            `.${relative.startsWith('/assets/') ? relative.slice('/assets'.length) : relative === '/' ? '/index.html' : relative}`
        );
        if (!file.startsWith(base) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
            response.writeHead(404, { 'Content-Type': 'text/plain' });
            response.end('Not found');
            return;
        }
        response.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
        fs.createReadStream(file).pipe(response);
    });
    return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, '127.0.0.1', () => resolve(server));
    });
}

export function urlOf(server: http.Server): string {
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}

/** The start-up banner's list of scenarios: every one the preview's menu offers, with its title. */
export function scenarioBanner(): string {
    const width = Math.max(...SCENARIOS.map((s) => s.id.length));
    return ['Scenarios (add ?scenario=<id>):', ...SCENARIOS.map((s) => `  ${s.id.padEnd(width)}  ${s.title}`)].join(
        '\n'
    );
}

if (require.main === module) {
    runMain(async () => {
        const began = Date.now();
        const elapsed = (): string => `${Math.round((Date.now() - began) / 1000)} s`;
        console.log('Building the local preview (two to three minutes on 2 shared cores the first time)…');
        const ticker = setInterval(() => console.log(`  … still building (${elapsed()})`), 10000);
        const built = await buildPreview((step) => console.log(`  ${step} (${elapsed()})`)).finally(() =>
            clearInterval(ticker)
        );
        console.log(`preview built in ${(built.ms / 1000).toFixed(1)} s (${Math.round(built.bytes / 1024)} KB)`);
        if (process.argv.includes('--build-only')) return 0;
        const server = await serve(Number(process.env.PORT ?? 4173));
        const url = urlOf(server);
        console.log(`\nSimplyChat Setup — local preview on a simulated org\n  ${url}\n`);
        console.log(scenarioBanner());
        console.log('Korean: add &lang=ko. Press Ctrl+C to stop.');
        await new Promise<void>((resolve) => process.on('SIGINT', () => server.close(() => resolve())));
        return 0;
    });
}
