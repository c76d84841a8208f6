/** Command-line arguments of `simplychat-setup`, checked before anything connects. */

export const USAGE = `Usage:
  simplychat-setup check --target-org <alias> [--profiles "<name>,<name>"] [--capacity <n>] [--chat-object <api name>] [--json]
  simplychat-setup fix   --target-org <alias> [--capacity <n>] [--profiles "<name>,<name>"] [--chat-object <api name>]
                         [--enable-omni-channel] [--yes] [--dry-run] [--json]
  Both: [--separate-online-status] (a SimplyChat-only Online status instead of joining the agents' Online statuses)
        [--move-direct-users] (also move agents assigned directly to another presence configuration)

Authentication: --target-org uses an org the Salesforce CLI (sf) is logged in to. In pipelines, use
--instance-url <https://…my.salesforce.com> with the access token in the SF_ACCESS_TOKEN environment variable.

Exit codes: 0 everything passes (check) or every change was made (fix); 1 items fail or changes failed;
2 usage or authentication errors.`;

export interface CliArgs {
    command: 'check' | 'fix';
    targetOrg?: string;
    instanceUrl?: string;
    json: boolean;
    capacity?: number;
    profiles?: string[];
    chatObject?: string;
    enableOmniChannel: boolean;
    moveDirectUsers: boolean;
    separateOnlineStatus: boolean;
    yes: boolean;
    dryRun: boolean;
    apiVersion: string;
}

export class UsageError extends Error {
    constructor(message: string) {
        super(message);
        this.name = 'UsageError';
    }
}

const VALUE_FLAGS: Record<string, string> = {
    '--target-org': 'targetOrg',
    '-o': 'targetOrg',
    '--instance-url': 'instanceUrl',
    '--capacity': 'capacity',
    '--profiles': 'profiles',
    '--chat-object': 'chatObject',
    '--api-version': 'apiVersion',
};
const SWITCHES: Record<string, string> = {
    '--json': 'json',
    '--yes': 'yes',
    '-y': 'yes',
    '--dry-run': 'dryRun',
    '--enable-omni-channel': 'enableOmniChannel',
    '--move-direct-users': 'moveDirectUsers',
    '--separate-online-status': 'separateOnlineStatus',
};
const FIX_ONLY = new Set(['yes', 'dryRun', 'enableOmniChannel']);

/** Parses argv (without node and the script); throws UsageError with a message that says what to change. */
export function parseArgs(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): CliArgs {
    const [command, ...rest] = argv;
    if (command !== 'check' && command !== 'fix') {
        throw new UsageError(
            command ? `Unknown command "${command}": use check or fix.` : 'Missing command: use check or fix.'
        );
    }
    const values: Record<string, string> = {};
    const switches = new Set<string>();
    for (let i = 0; i < rest.length; i++) {
        const [flag, inline] = rest[i].includes('=')
            ? [rest[i].slice(0, rest[i].indexOf('=')), rest[i].slice(rest[i].indexOf('=') + 1)]
            : [rest[i], undefined];
        if (flag in SWITCHES) {
            switches.add(SWITCHES[flag]);
            continue;
        }
        if (!(flag in VALUE_FLAGS)) throw new UsageError(`Unknown flag "${flag}".`);
        const value = inline ?? rest[++i];
        if (value === undefined || value.startsWith('--')) throw new UsageError(`The flag ${flag} needs a value.`);
        values[VALUE_FLAGS[flag]] = value;
    }
    if (command === 'check') {
        const misplaced = [...Object.keys(values), ...switches].filter((k) => FIX_ONLY.has(k));
        if (misplaced.length > 0)
            throw new UsageError(
                `check does not take ${misplaced.map((k) => `--${kebab(k)}`).join(', ')}: those are for fix.`
            );
    }
    if (values.targetOrg && values.instanceUrl)
        throw new UsageError('Use either --target-org or --instance-url, not both.');
    if (!values.targetOrg && !values.instanceUrl) {
        throw new UsageError(
            'Say which org: --target-org <alias> (logged in with sf), or --instance-url with SF_ACCESS_TOKEN.'
        );
    }
    if (values.instanceUrl) {
        let url: URL;
        try {
            url = new URL(values.instanceUrl);
        } catch {
            throw new UsageError(`--instance-url "${values.instanceUrl}" is not a URL.`);
        }
        const local = url.hostname === '127.0.0.1' || url.hostname === 'localhost';
        if (url.protocol !== 'https:' && !(local && url.protocol === 'http:')) {
            throw new UsageError('--instance-url must be an https:// URL.');
        }
        if (!env.SF_ACCESS_TOKEN) throw new UsageError('--instance-url needs the access token in SF_ACCESS_TOKEN.');
    }
    let capacity: number | undefined;
    if (values.capacity !== undefined) {
        capacity = Number(values.capacity);
        if (!/^\d+$/.test(values.capacity) || capacity < 1 || capacity > 9999) {
            throw new UsageError(`--capacity must be a whole number from 1 to 9999, not "${values.capacity}".`);
        }
    }
    let profiles: string[] | undefined;
    if (values.profiles !== undefined) {
        profiles = values.profiles
            .split(',')
            .map((p) => p.trim())
            .filter((p) => p);
        if (profiles.length === 0) throw new UsageError('--profiles needs at least one profile name.');
    }
    const apiVersion = values.apiVersion ?? '65.0';
    if (!/^\d{2}\.0$/.test(apiVersion)) throw new UsageError(`--api-version must look like 65.0, not "${apiVersion}".`);
    return {
        command,
        targetOrg: values.targetOrg,
        instanceUrl: values.instanceUrl?.replace(/\/+$/, ''),
        json: switches.has('json'),
        capacity,
        profiles,
        chatObject: values.chatObject,
        enableOmniChannel: switches.has('enableOmniChannel'),
        moveDirectUsers: switches.has('moveDirectUsers'),
        separateOnlineStatus: switches.has('separateOnlineStatus'),
        yes: switches.has('yes'),
        dryRun: switches.has('dryRun'),
        apiVersion,
    };
}

function kebab(name: string): string {
    return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}
