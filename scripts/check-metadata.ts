/**
 * check:metadata — offline metadata gate.
 *  1. Pairing: every .cls/.trigger/.page/.component has its -meta.xml; every LWC bundle has <name>.js-meta.xml
 *     and its compiled <name>.js (run `npm run build` first).
 *  2. Every .xml file under the source directory is well-formed.
 *  3. Every element in a -meta.xml file is known to the Metadata API schema (lib/metadata-schema.ts), values of
 *     boolean/number elements parse, required elements are present, and the root matches the file suffix.
 *  4. @salesforce/source-deploy-retrieve resolves the source and converts it to a Metadata API tree with a
 *     package.xml; TypeScript sources and __tests__ must not reach that tree.
 *
 * Usage: node build/scripts/check-metadata.js [projectRoot=.] [packageDir=force-app]
 */
import './lib/quiet-sf-env';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { ComponentSet, MetadataConverter, RegistryAccess } from '@salesforce/source-deploy-retrieve';
import { displayPath, listFiles, runMain } from './lib/files';
import { propsOf, type PropDecl } from './lib/metadata-schema';

export type MetadataCheck = 'pairing' | 'xml' | 'schema' | 'convert';

export interface MetadataProblem {
    check: MetadataCheck;
    file: string;
    message: string;
}

export interface MetadataReport {
    problems: MetadataProblem[];
    xmlFiles: number;
    components: number;
    packageXml?: string;
    ok: boolean;
}

const METADATA_NS = 'http://soap.sforce.com/2006/04/metadata';
const NEEDS_META = ['.cls', '.trigger', '.page', '.component'];
const registry = new RegistryAccess();

/** 1. Source files that the Metadata API needs in pairs. */
export function checkPairing(sourceDir: string): MetadataProblem[] {
    const problems: MetadataProblem[] = [];
    for (const file of listFiles(sourceDir, (f) => NEEDS_META.some((ext) => f.endsWith(ext)))) {
        if (!fs.existsSync(`${file}-meta.xml`)) {
            problems.push({
                check: 'pairing',
                file,
                message: `missing ${path.basename(file)}-meta.xml (the Metadata API would silently drop it)`,
            });
        }
    }
    for (const lwcDir of listFiles(sourceDir, (f) => f.endsWith('.js-meta.xml') || f.endsWith('.html'))
        .map((f) => path.dirname(path.dirname(f)))
        .filter((dir, i, all) => path.basename(dir) === 'lwc' && all.indexOf(dir) === i)) {
        for (const bundle of fs.readdirSync(lwcDir, { withFileTypes: true })) {
            if (!bundle.isDirectory() || bundle.name.startsWith('__') || bundle.name.startsWith('.')) continue;
            const dir = path.join(lwcDir, bundle.name);
            if (!fs.existsSync(path.join(dir, `${bundle.name}.js-meta.xml`))) {
                problems.push({ check: 'pairing', file: dir, message: `LWC bundle has no ${bundle.name}.js-meta.xml` });
            }
            if (!fs.existsSync(path.join(dir, `${bundle.name}.js`))) {
                const hint = fs.existsSync(path.join(dir, `${bundle.name}.ts`)) ? ' (run `npm run build`)' : '';
                problems.push({ check: 'pairing', file: dir, message: `LWC bundle has no ${bundle.name}.js${hint}` });
            }
        }
    }
    return problems;
}

type XmlValue = string | XmlObject | (string | XmlObject)[];
interface XmlObject {
    [key: string]: XmlValue;
}

function baseType(decl: PropDecl): { type: string; list: boolean; optional: boolean } {
    const list = Array.isArray(decl);
    const raw = list ? decl[0] : decl;
    return { type: raw.replace(/^\?/, ''), list, optional: list || raw.startsWith('?') };
}

function checkValue(decl: PropDecl, value: XmlValue, where: string, errors: string[]): void {
    const { type, list } = baseType(decl);
    const values = Array.isArray(value) ? value : [value];
    if (!list && values.length > 1) errors.push(`${where}: appears ${values.length} times but is not a list`);
    for (const v of values) {
        const text = typeof v === 'string' ? v : typeof v['#text'] === 'string' ? v['#text'] : undefined;
        const nil = typeof v === 'object' && v['@_xsi:nil'] === 'true';
        if (type === 'any' || nil) continue;
        if (type === 'boolean') {
            if (text === undefined || !/^(true|false)$/.test(text))
                errors.push(`${where}: "${String(text)}" is not a boolean`);
        } else if (type === 'number') {
            if (text === undefined || text.trim() === '' || Number.isNaN(Number(text))) {
                errors.push(`${where}: "${String(text)}" is not a number`);
            }
        } else if (type === 'string') {
            if (typeof v === 'object' && text === undefined) errors.push(`${where}: expected text, got child elements`);
        } else if (propsOf(type)) {
            checkObject(type, v, where, errors);
        }
    }
}

function checkObject(typeName: string, value: string | XmlObject, where: string, errors: string[]): void {
    const props = propsOf(typeName) ?? {};
    if (typeof value !== 'object') {
        if (value.trim() !== '') errors.push(`${where}: expected <${typeName}> child elements, got text "${value}"`);
        return;
    }
    for (const [key, child] of Object.entries(value)) {
        if (key.startsWith('@_') || key === '#text') continue;
        const decl = props[key];
        if (decl === undefined) {
            errors.push(`${where}: unknown element <${key}> for ${typeName}`);
            continue;
        }
        checkValue(decl, child, `${where}/${key}`, errors);
    }
    for (const [key, decl] of Object.entries(props)) {
        if (!baseType(decl).optional && key !== 'fullName' && !(key in value)) {
            errors.push(`${where}: missing required <${key}>`);
        }
    }
}

/** Checks one XML file: well-formedness, and for -meta.xml files the schema. */
export function checkXmlFile(file: string): MetadataProblem[] {
    const xml = fs.readFileSync(file, 'utf8');
    const wellFormed = XMLValidator.validate(xml);
    if (wellFormed !== true) {
        return [
            { check: 'xml', file, message: `not well-formed: ${wellFormed.err.msg} (line ${wellFormed.err.line})` },
        ];
    }
    const suffix = path.basename(file).match(/\.([^.]+)-meta\.xml$/)?.[1];
    if (!suffix) return [];
    const doc = new XMLParser({ ignoreAttributes: false, parseTagValue: false, ignoreDeclaration: true }).parse(
        xml
    ) as Record<string, XmlObject>;
    const roots = Object.keys(doc).filter((k) => !k.startsWith('?'));
    if (roots.length !== 1)
        return [{ check: 'schema', file, message: `expected one root element, found ${roots.length}` }];
    const root = roots[0];
    const errors: string[] = [];
    const body = doc[root];
    const xmlns = typeof body === 'object' ? body['@_xmlns'] : undefined;
    if (xmlns !== METADATA_NS) errors.push(`root <${root}> has xmlns "${String(xmlns)}", expected ${METADATA_NS}`);
    const expected = suffix === 'js' ? 'LightningComponentBundle' : registry.getTypeBySuffix(suffix)?.name;
    if (expected && expected !== root) errors.push(`root <${root}> but the suffix .${suffix} means ${expected}`);
    if (!propsOf(root)) {
        errors.push(`no schema for <${root}>: add its documented elements to scripts/lib/metadata-schema.ts`);
    } else {
        checkObject(root, body, root, errors);
    }
    return errors.map((message) => ({ check: 'schema' as const, file, message }));
}

/** 4. Resolve and convert with SDR, like `sf project convert source`. */
export async function convertSource(
    sourceDir: string,
    apiVersion: string,
    outDir: string
): Promise<{ components: number; packageXml?: string; problems: MetadataProblem[] }> {
    const problems: MetadataProblem[] = [];
    let set: ComponentSet;
    try {
        set = ComponentSet.fromSource(sourceDir);
    } catch (error) {
        const e = error as Error;
        return { components: 0, problems: [{ check: 'convert', file: sourceDir, message: `${e.name}: ${e.message}` }] };
    }
    set.sourceApiVersion = apiVersion;
    const components = set.getSourceComponents().toArray().length;
    fs.rmSync(outDir, { recursive: true, force: true });
    try {
        await new MetadataConverter().convert(set, 'metadata', {
            type: 'directory',
            outputDirectory: outDir,
            genUniqueDir: false,
        });
    } catch (error) {
        const e = error as Error;
        return { components, problems: [{ check: 'convert', file: sourceDir, message: `${e.name}: ${e.message}` }] };
    }
    const packageXmlPath = path.join(outDir, 'package.xml');
    const packageXml = fs.existsSync(packageXmlPath) ? fs.readFileSync(packageXmlPath, 'utf8') : undefined;
    if (!packageXml) problems.push({ check: 'convert', file: outDir, message: 'no package.xml was written' });
    for (const leaked of listFiles(outDir, (f) => f.endsWith('.ts') || f.split(path.sep).includes('__tests__'))) {
        problems.push({ check: 'convert', file: leaked, message: 'would be deployed: add it to .forceignore' });
    }
    return { components, packageXml, problems };
}

export async function checkMetadata(projectRoot: string, packageDir = 'force-app'): Promise<MetadataReport> {
    const root = path.resolve(projectRoot);
    const sourceDir = path.join(root, packageDir);
    const project = JSON.parse(fs.readFileSync(path.join(root, 'sfdx-project.json'), 'utf8')) as {
        sourceApiVersion?: string;
    };
    const apiVersion = project.sourceApiVersion ?? '65.0';
    const problems = checkPairing(sourceDir);
    const xmlFiles = listFiles(sourceDir, (f) => f.endsWith('.xml'));
    for (const file of xmlFiles) problems.push(...checkXmlFile(file));
    const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-mdapi-'));
    try {
        const converted = await convertSource(sourceDir, apiVersion, outDir);
        problems.push(...converted.problems);
        return {
            problems,
            xmlFiles: xmlFiles.length,
            components: converted.components,
            packageXml: converted.packageXml,
            ok: problems.length === 0,
        };
    } finally {
        fs.rmSync(outDir, { recursive: true, force: true });
    }
}

export function formatMetadataReport(report: MetadataReport): string {
    const lines = report.problems.map((p) => `${p.check.padEnd(8)} ${displayPath(p.file)}: ${p.message}`);
    lines.push(
        `check:metadata ${report.ok ? 'passed' : 'FAILED'}: ${report.components} component(s), ` +
            `${report.xmlFiles} XML file(s), ${report.problems.length} problem(s)`
    );
    return lines.join('\n');
}

if (require.main === module) {
    runMain(async () => {
        const report = await checkMetadata(process.argv[2] ?? '.', process.argv[3] ?? 'force-app');
        console.log(formatMetadataReport(report));
        return report.ok ? 0 : 1;
    });
}
