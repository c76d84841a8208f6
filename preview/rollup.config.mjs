// Builds the local preview: the real LWC components (the .js compiled from their TypeScript by `npm run build`)
// with the Lightning base components, on a simulated org. Only the platform boundary is replaced:
// @salesforce/apex/* (simulated org), @salesforce/label/* (English/Korean from config/labels), and
// lightning/platformShowToastEvent (shown with lightning/toast). An unresolved import fails the build.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import lwc from '@lwc/rollup-plugin';
import replace from '@rollup/plugin-replace';
import babel from '@rollup/plugin-babel';
import { nodeResolve } from '@rollup/plugin-node-resolve';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const src = path.join(here, 'src');
export const outDir = path.join(root, 'build', 'preview');

/** @salesforce/apex/Class.method and @salesforce/label/c.Name as virtual modules. */
function salesforceModules() {
    const source = JSON.parse(fs.readFileSync(path.join(root, 'config', 'labels', 'setup-labels.json'), 'utf8'));
    const labels = new Map(source.labels.map(([key, en, ko]) => [`SC_${key.replace(/\./g, '_')}`, { en, ko }]));
    return {
        name: 'salesforce-modules',
        resolveId(id) {
            if (id === 'lightning/platformShowToastEvent') return path.join(src, 'stubs', 'platformShowToastEvent.ts');
            if (id === '@salesforce/i18n/locale') return `\0${id}`;
            return id.startsWith('@salesforce/apex/') || id.startsWith('@salesforce/label/c.') ? `\0${id}` : null;
        },
        load(id) {
            if (id.startsWith('\0@salesforce/apex/')) {
                const method = id.slice('\0@salesforce/apex/'.length);
                return `import { apexMethod } from ${JSON.stringify(path.join(src, 'simulatedOrg.ts'))};\nexport default apexMethod(${JSON.stringify(method)});`;
            }
            if (id === '\0@salesforce/i18n/locale') {
                return `import { currentLocale } from ${JSON.stringify(path.join(src, 'language.ts'))};\nexport default currentLocale();`;
            }
            if (id.startsWith('\0@salesforce/label/c.')) {
                const name = id.slice('\0@salesforce/label/c.'.length);
                const texts = labels.get(name);
                if (!texts) this.error(`Unknown Custom Label ${name}: add it to config/labels/setup-labels.json`);
                return `import { label } from ${JSON.stringify(path.join(src, 'language.ts'))};\nexport default label(${JSON.stringify(texts)});`;
            }
            return null;
        },
    };
}

/**
 * Relative imports of the engine from the preview and the sample orgs (../force-app/.../setupEngine/…) go to the
 * compiled copy, like the components' own `c/setupEngine`: one engine in the bundle, the deployable one.
 */
function compiledComponents(componentsDir) {
    const sources = path.join(root, 'force-app', 'main', 'default', 'lwc');
    return {
        name: 'compiled-components',
        resolveId(source, importer) {
            if (!importer || !source.startsWith('.')) return null;
            const target = path.resolve(path.dirname(importer), source);
            if (!target.startsWith(sources + path.sep)) return null;
            return path.join(componentsDir, 'c', path.relative(sources, target)).replace(/(\.ts)?$/, '.js');
        },
    };
}

/**
 * The Rollup options of the preview. `componentsDir/c` holds the deployable LWC tree (the compiled .js, templates
 * and styles, as `sf project deploy` would send them), copied there by scripts/preview.ts.
 */
export function createConfig(componentsDir) {
    return {
        input: path.join(src, 'main.ts'),
        output: { file: path.join(outDir, 'main.js'), format: 'iife', inlineDynamicImports: true },
        plugins: [
            salesforceModules(),
            compiledComponents(componentsDir),
            // TypeScript of the preview and the sample orgs is stripped first; the components arrive compiled already.
            babel({
                babelHelpers: 'bundled',
                extensions: ['.ts'],
                // Preview and sample-org TypeScript only.
                filter: (id) =>
                    /\.ts(\?|$)/.test(id) && (id.startsWith(src) || id.startsWith(path.join(root, 'samples'))),
                presets: [['@babel/preset-typescript', { onlyRemoveTypeImports: true, allowDeclareFields: true }]],
                babelrc: false,
                configFile: false,
            }),
            replace({
                preventAssignment: true,
                values: { 'process.env.NODE_ENV': JSON.stringify('production'), 'import.meta.env.SSR': 'false' },
            }),
            lwc({
                rootDir: componentsDir,
                enableDynamicComponents: true,
                modules: [{ dir: componentsDir }, { npm: 'lightning-base-components' }],
            }),
            nodeResolve({ extensions: ['.js', '.ts'] }),
        ],
        onwarn(warning, warn) {
            if (warning.code === 'CIRCULAR_DEPENDENCY') return;
            if (warning.code === 'UNRESOLVED_IMPORT') {
                throw new Error(`Unresolved import ${warning.exporter} from ${warning.id}: the preview must stub it`);
            }
            const where = String(warning.id ?? warning.loc?.file ?? '');
            if (where.includes('lightning-base-components')) return;
            warn(warning);
        },
    };
}
