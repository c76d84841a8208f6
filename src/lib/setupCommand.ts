/**
 * What the `sf simplychat setup` commands share: the org flags, reading the org with a spinner, the
 * production warning, suggestions for a mistyped flag, and turning failures into SfErrors with exit codes.
 */
import { type Org, SfError } from '@salesforce/core';
import { loadMessages } from './messages.js';
import { Flags, SfCommand } from '@salesforce/sf-plugins-core';
import { Errors } from '@oclif/core';
import { DEFAULT_CHAT_OBJECT, evaluate, type ChecklistItem } from './engine.js';
import { EXIT, isAuthOrNetworkError, orgError, usageError } from './errors.js';
import { OrgApi } from './orgApi.js';
import { closest, readOrg, UnknownProfilesError, type CliChoices, type OrgRead } from './reader.js';

export const shared = loadMessages('simplychat.setup');

/** Flags of every command: which org, which API version, and the choices the checklist depends on. */
export const orgFlags = {
    'target-org': Flags.requiredOrg(),
    'api-version': Flags.orgApiVersion(),
    profiles: Flags.string({
        summary: shared.getMessage('flags.profiles.summary'),
        description: shared.getMessage('flags.profiles.description'),
        multiple: true,
        delimiter: ',',
    }),
    'chat-object': Flags.string({
        summary: shared.getMessage('flags.chat-object.summary'),
        default: DEFAULT_CHAT_OBJECT,
    }),
    capacity: Flags.integer({
        summary: shared.getMessage('flags.capacity.summary'),
        min: 1,
        max: 9999,
    }),
    'move-direct-users': Flags.boolean({
        summary: shared.getMessage('flags.move-direct-users.summary'),
    }),
    'separate-online-status': Flags.boolean({
        summary: shared.getMessage('flags.separate-online-status.summary'),
    }),
    'update-shared-routing': Flags.boolean({
        summary: shared.getMessage('flags.update-shared-routing.summary'),
    }),
};

/** The command line's choices, as the reader takes them. */
export function choicesOf(f: SetupFlags): CliChoices {
    return {
        chatObject: f['chat-object'],
        capacity: f.capacity,
        profiles: f.profiles,
        moveDirectUsers: f['move-direct-users'],
        separateOnlineStatus: f['separate-online-status'],
        updateSharedRoutingConfig: f['update-shared-routing'],
    };
}

export interface SetupFlags {
    'target-org': Org;
    'api-version'?: string;
    profiles?: string[];
    'chat-object': string;
    capacity?: number;
    'move-direct-users'?: boolean;
    'separate-online-status'?: boolean;
    'update-shared-routing'?: boolean;
}

export interface OrgJson {
    id: string;
    name: string;
    production: boolean;
    username?: string;
}

export abstract class SetupCommand<T> extends SfCommand<T> {
    public static override readonly enableJsonFlag = true;

    protected api?: OrgApi;
    protected targetOrg?: string;

    /** The --target-org value as typed (when the org could not even be opened), else a placeholder. */
    private targetOrgFlag(): string {
        const at = this.argv.findIndex((a) => a === '-o' || a === '--target-org');
        const inline = this.argv.find((a) => a.startsWith('--target-org='));
        return (at >= 0 ? this.argv[at + 1] : inline?.slice('--target-org='.length)) ?? '<alias>';
    }

    /** An unknown flag, with "did you mean" the nearest one the command has. */
    private unknownFlag(error: Errors.CLIError): SfError {
        const known = Object.entries(this.ctor.flags ?? {}).flatMap(([name, flag]) => [
            `--${name}`,
            ...(flag.char ? [`-${flag.char}`] : []),
        ]);
        const given = [...error.message.replace(/^[^:]*:/, '').matchAll(/(--?[\w-]+)/g)].map((m) => m[1]);
        const hints = given
            .map((flag) => [flag, closest(flag, known)] as const)
            .filter((pair): pair is readonly [string, string] => pair[1] !== undefined)
            .map(([flag, hint]) => shared.getMessage('error.unknownFlag.didYouMean', [hint, flag]));
        return usageError(error.message, [...hints, shared.getMessage('error.unknownFlag.help', [this.id ?? ''])]);
    }

    /** The org's jsforce Connection (sf refreshes its token), at the API version asked for. */
    protected connect(org: Org, apiVersion?: string): OrgApi {
        this.targetOrg = org.getUsername();
        this.api = new OrgApi(org.getConnection(apiVersion));
        return this.api;
    }

    /** Reads the org with a spinner and evaluates the checklist; warns about a production org. */
    protected async load(api: OrgApi, choices: CliChoices): Promise<OrgRead & { items: ChecklistItem[] }> {
        this.spinner.start(shared.getMessage('spinner.reading'), undefined, { stdout: false });
        let read: OrgRead;
        try {
            read = await readOrg(api, choices, (done, total) => {
                // On a terminal the spinner shows the count; in a log, one line per update would be noise.
                if (process.stderr.isTTY)
                    this.spinner.status = shared.getMessage('spinner.readProgress', [done, total]);
            });
        } catch (error) {
            this.spinner.stop(shared.getMessage('spinner.failed'));
            if (error instanceof UnknownProfilesError) {
                throw usageError(error.message, [
                    ...error.suggestions.map((s) => shared.getMessage('error.unknownProfile.didYouMean', [s])),
                    shared.getMessage('error.unknownProfile.list'),
                ]);
            }
            throw orgError(error, this.targetOrg ?? this.targetOrgFlag());
        }
        this.spinner.stop();
        if (read.org.production) this.warn(shared.getMessage('warning.production', [read.org.name, read.org.id]));
        return { ...read, items: evaluate(read.snapshot) };
    }

    /** A failure while talking to the org after the load, as an SfError with its exit code and actions. */
    protected orgFailure(error: unknown): Error {
        return orgError(error, this.targetOrg ?? this.targetOrgFlag());
    }

    protected orgJson(read: OrgRead): OrgJson {
        return { ...read.org, username: this.targetOrg ?? '' };
    }

    /** Parse errors keep sf's exit code 2; a refused login or a failing network gets its own code and actions. */
    protected override catch(error: Error | SfError | Errors.CLIError): Promise<never> {
        if (error instanceof Errors.CLIError && /^Nonexistent flags?:/.test(error.message))
            return super.catch(this.unknownFlag(error));
        if (error instanceof Errors.CLIError) return super.catch(error);
        if (error instanceof SfError && /^NoDefaultEnvError$|^NoOrgFound$/.test(error.name))
            return super.catch(new SfError(error.message, error.name, error.actions, EXIT.usage, error));
        if (isAuthOrNetworkError(error)) return super.catch(orgError(error, this.targetOrg ?? this.targetOrgFlag()));
        return super.catch(error);
    }
}

export { EXIT };
