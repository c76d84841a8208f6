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
