import fs from 'node:fs';
import path from 'node:path';

/** Directories never walked: dependencies, build output and tool state. */
const SKIPPED_DIRS = new Set(['node_modules', '.git', '.sfdx', '.sf', 'build', 'coverage']);

/** Every file under `root` (recursively, sorted) whose path satisfies `accept`. */
export function listFiles(root: string, accept: (file: string) => boolean): string[] {
    const found: string[] = [];
    const walk = (dir: string): void => {
        for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
            const full = path.join(dir, entry.name);
            if (entry.isDirectory()) {
                if (!SKIPPED_DIRS.has(entry.name)) walk(full);
            } else if (entry.isFile() && accept(full)) {
                found.push(full);
            }
        }
    };
    if (fs.existsSync(root)) walk(root);
    return found.sort();
}

/** Path relative to the working directory, with forward slashes, for messages. */
export function displayPath(file: string): string {
    return path.relative(process.cwd(), file).split(path.sep).join('/') || '.';
}

/** Runs an async CLI main and turns its result into an exit code; an unexpected error exits 2. */
export function runMain(main: () => Promise<number>): void {
    main().then(
        (code) => {
            process.exitCode = code;
        },
        (error: unknown) => {
            console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
            process.exitCode = 2;
        }
    );
}

/** The project's Apex classes folder; classes sit in role subfolders (controllers/, readers/, operations/, ...). */
export const APEX_CLASSES_DIR = path.join(__dirname, '..', '..', '..', 'force-app', 'main', 'default', 'classes');

/** Every Apex class file under the classes folder, by class name (Apex names are case-insensitive: lower-cased). */
export function apexClassFiles(root: string = APEX_CLASSES_DIR): Map<string, string> {
    const byName = new Map<string, string>();
    for (const file of listFiles(root, (f) => f.endsWith('.cls'))) {
        byName.set(path.basename(file, '.cls').toLowerCase(), file);
    }
    return byName;
}

/** The file of the Apex class `name` in whichever role folder it sits; throws when there is none. */
export function apexClassFile(name: string, root: string = APEX_CLASSES_DIR): string {
    const file = apexClassFiles(root).get(name.toLowerCase());
    if (!file) throw new Error(`No Apex class ${name} under ${displayPath(root)}`);
    return file;
}
