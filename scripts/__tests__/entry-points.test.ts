/**
 * The tab's Apex entry points, from the sources: every `@salesforce/apex` import of every component names an
 * `@AuraEnabled` method of a class the SimplyChat Setup Admin permission set grants, and every `@AuraEnabled` method
 * runs inside the one error wrapper (refusals pass through; anything else becomes error.unexpected with a
 * correlation id, never the exception's text or stack trace).
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const DEFAULT = path.join(ROOT, 'force-app', 'main', 'default');

function files(dir: string, test: (file: string) => boolean): string[] {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) return entry.name === '__tests__' ? [] : files(full, test);
        return test(full) ? [full] : [];
    });
}

/** `Class.method` of every `@salesforce/apex/Class.method` import in the components' sources. */
export function apexImports(sources: readonly string[]): string[] {
    return sources.flatMap((source) =>
        [...source.matchAll(/from\s+['"]@salesforce\/apex\/([\w]+\.[\w]+)['"]/g)].map((m) => m[1])
    );
}

/** Apex class names a permission set's XML grants (enabled class accesses). */
export function grantedClasses(permissionSetXml: string): string[] {
    return [...permissionSetXml.matchAll(/<classAccesses>([\s\S]*?)<\/classAccesses>/g)]
        .filter((m) => /<enabled>true<\/enabled>/.test(m[1]))
        .map((m) => /<apexClass>([\w]+)<\/apexClass>/.exec(m[1])?.[1] ?? '');
}

/** Each static `@AuraEnabled` method of an Apex source: its name and body (braces balanced). */
export function auraMethods(apexSource: string): { name: string; body: string }[] {
    const found: { name: string; body: string }[] = [];
    const pattern = /@AuraEnabled(?:\([^)]*\))?\s+public\s+static\s+[\w.<>, ]+?\s+(\w+)\s*\([^)]*\)\s*\{/gi;
    for (const m of apexSource.matchAll(pattern)) {
        const start = (m.index ?? 0) + m[0].length;
        let depth = 1;
        let i = start;
        while (depth > 0 && i < apexSource.length) {
            if (apexSource[i] === '{') depth++;
            if (apexSource[i] === '}') depth--;
            i++;
        }
        found.push({ name: m[1], body: apexSource.slice(start, i - 1).trim() });
    }
    return found;
}

/** Whether a method body is the one wrapper: all of it in a try, refusals rethrown, anything else unexpected. */
export function isWrapped(body: string): boolean {
    const folded = body.replace(/\s+/g, ' ');
    return (
        folded.startsWith('try {') &&
        /\} catch \(AuraHandledException (\w+)\) \{ throw \1; \} catch \(Exception (\w+)\) \{ throw SetupError\.unexpected\(\2\); \}$/.test(
            folded
        )
    );
}

const classSources = new Map(
    files(path.join(DEFAULT, 'classes'), (f) => f.endsWith('.cls')).map((f) => [
        path.basename(f, '.cls').toLowerCase(),
        fs.readFileSync(f, 'utf8'),
    ])
);
// A component's TypeScript source, or its JavaScript when it has none (the build compiles .ts to .js in place).
const componentSources = files(path.join(DEFAULT, 'lwc'), (f) =>
    /\.(ts|html)$/.test(f) ? !f.endsWith('.d.ts') : f.endsWith('.js') && !fs.existsSync(f.replace(/\.js$/, '.ts'))
).map((f) => fs.readFileSync(f, 'utf8'));
const permissionSet = fs.readFileSync(
    path.join(DEFAULT, 'permissionsets', 'SimplyChat_Setup_Admin.permissionset-meta.xml'),
    'utf8'
);

describe('entry points', () => {
    it('every Apex method a component imports is @AuraEnabled in a class the permission set grants', () => {
        const imports = apexImports(componentSources);
        assert.ok(imports.length >= 7, `the tab's ${imports.length} imports are found`);
        const granted = new Set(grantedClasses(permissionSet).map((c) => c.toLowerCase()));
        for (const target of imports) {
            const [cls, method] = target.split('.');
            assert.ok(granted.has(cls.toLowerCase()), `${cls} is granted by SimplyChat_Setup_Admin`);
            const source = classSources.get(cls.toLowerCase());
            assert.ok(source, `${cls}.cls exists`);
            const names = auraMethods(source).map((m) => m.name.toLowerCase());
            assert.ok(names.includes(method.toLowerCase()), `${target} is an @AuraEnabled static method`);
        }
    });

    it('a class left out of the permission set is found', () => {
        const without = permissionSet.replace(
            /<classAccesses>\s*<apexClass>ConnectionStatusController<\/apexClass>[\s\S]*?<\/classAccesses>/,
            ''
        );
        const granted = new Set(grantedClasses(without).map((c) => c.toLowerCase()));
        const missing = apexImports(componentSources).filter((t) => !granted.has(t.split('.')[0].toLowerCase()));
        assert.deepEqual(missing, ['ConnectionStatusController.getConnectionStatus']);
    });

    it('every @AuraEnabled method runs inside the one error wrapper', () => {
        let count = 0;
        for (const [name, source] of classSources) {
            for (const method of auraMethods(source)) {
                count++;
                assert.ok(isWrapped(method.body), `${name}.${method.name} is wrapped: ${method.body.slice(0, 120)}`);
            }
        }
        assert.ok(count >= 7, `${count} entry points`);
    });

    it('a check outside the wrapper is found', () => {
        const unwrapped = `@AuraEnabled
    public static String read() {
        SetupPermissions.Grants grants = SetupPermissions.forCurrentUser();
        try {
            return 'x';
        } catch (AuraHandledException refused) {
            throw refused;
        } catch (Exception error) {
            throw SetupError.unexpected(error);
        }
    }`;
        const [method] = auraMethods(unwrapped);
        assert.equal(method.name, 'read');
        assert.equal(isWrapped(method.body), false);
        const swallowed = unwrapped.replace(
            'SetupPermissions.Grants grants = SetupPermissions.forCurrentUser();\n        try {',
            'try {'
        );
        assert.equal(isWrapped(auraMethods(swallowed)[0].body), true);
        assert.equal(isWrapped(auraMethods(swallowed.replace('SetupError.unexpected(error)', 'error'))[0].body), false);
    });
});
