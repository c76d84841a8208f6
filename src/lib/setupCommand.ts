/**
 * What the `sf simplychat setup` commands share: the org flags, reading the org with a spinner, the
 * production warning, suggestions for a mistyped flag, and turning failures into SfErrors with exit codes.
 */
import fs from 'node:fs';
import { type Org, SfError } from '@salesforce/core';
import type { Duration } from '@salesforce/kit';
import { loadMessages } from './messages.js';
import { Flags, SfCommand, toHelpSection } from '@salesforce/sf-plugins-core';
import { Errors } from '@oclif/core';
import {
    DEFAULT_CHAT_OBJECT,
    evaluate,
    SHARED_ROUTING_CHOICES,
    type ChecklistItem,
    type SharedRoutingChoice,
} from './engine.js';
import { EXIT, isAuthOrNetworkError, orgError, usageError } from './errors.js';
import { OrgApi } from './orgApi.js';
import { closest, readOrg, UnknownProfilesError, type CliChoices, type OrgRead } from './reader.js';

export const shared = loadMessages('simplychat.setup');

/** An object's API name as typed, trimmed; anything else is a usage error. */
export function chatObjectName(input: string): string {
    const name = input.trim();
    if (!/^[A-Za-z][A-Za-z0-9_]{0,79}$/.test(name)) throw usageError(shared.getMessage('error.badChatObject', [input]));
    return name;
}

/** Flags of every command that reads an org's setup: which org, which API version, which agents and chat object. */
export const readFlags = {
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
        // An object's API name: letters, digits and underscores (a namespace and __c included); anything else is
        // refused before the org is read, so the name never reaches a query as anything but a name.
        parse: async (input: string) => chatObjectName(input),
    }),
    'profiles-file': Flags.file({
        summary: shared.getMessage('flags.profiles-file.summary'),
        exists: true,
    }),
    wait: Flags.duration({
        unit: 'seconds',
        summary: shared.getMessage('flags.wait.summary'),
        min: 1,
        max: 3600,
    }),
};

/** Flags of the commands that evaluate the checklist: the read flags and the choices the checklist depends on. */
export const orgFlags = {
    ...readFlags,
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
    'shared-routing': Flags.string({
        summary: shared.getMessage('flags.shared-routing.summary'),
        description: shared.getMessage('flags.shared-routing.description'),
        options: SHARED_ROUTING_CHOICES,
    }),
    // The older flag: still accepted as --shared-routing update, with oclif's deprecation warning (as sf's own
    // commands mark a flag they replace).
    'update-shared-routing': Flags.boolean({
        summary: shared.getMessage('flags.update-shared-routing.summary'),
        deprecated: { to: 'shared-routing', message: shared.getMessage('flags.update-shared-routing.deprecated') },
        exclusive: ['shared-routing'],
    }),
};

/** Profile names in a file, one a line; blank lines and lines starting with # are skipped. */
export function profilesInFile(file: string): string[] {
    return fs
        .readFileSync(file, 'utf8')
        .split(/\r?\n/)
        .map((line) => line.trim())
        .filter((line) => line !== '' && !line.startsWith('#'));
}

/** --profiles and the names in --profiles-file, once each, in order. */
export function profilesOf(f: Pick<SetupFlags, 'profiles' | 'profiles-file'>): string[] | undefined {
    const names = [...(f.profiles ?? []), ...(f['profiles-file'] ? profilesInFile(f['profiles-file']) : [])];
    return names.length > 0 ? [...new Set(names)] : undefined;
}

/** How long to wait for each answer from the org (--wait), in ms; undefined for the default. */
export function waitMs(f: Pick<SetupFlags, 'wait'>): number | undefined {
    return f.wait ? f.wait.milliseconds : undefined;
}

/** Item 5's choice from --shared-routing, or the deprecated --update-shared-routing (update); none given: undefined. */
export function sharedRoutingOf(
    f: Pick<SetupFlags, 'shared-routing' | 'update-shared-routing'>
): SharedRoutingChoice | undefined {
    const value = f['shared-routing'];
    if (value !== undefined) return SHARED_ROUTING_CHOICES.find((c) => c === value);
    return f['update-shared-routing'] ? 'update' : undefined;
}

/** The command line's choices, as the reader takes them. */
export function choicesOf(f: SetupFlags): CliChoices {
    return {
        chatObject: f['chat-object'],
        capacity: f.capacity,
        profiles: profilesOf(f),
        moveDirectUsers: f['move-direct-users'],
        separateOnlineStatus: f['separate-online-status'],
        sharedRoutingConfig: sharedRoutingOf(f),
    };
}

export interface SetupFlags {
    'target-org': Org;
    'api-version'?: string;
    profiles?: string[];
    'profiles-file'?: string;
    wait?: Duration;
    'chat-object': string;
    capacity?: number;
    'move-direct-users'?: boolean;
    'separate-online-status'?: boolean;
    'shared-routing'?: string;
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
    /** The exit codes, in every command's help (sf renders the section; the JSON envelope's status is the same). */
    public static override readonly errorCodes = toHelpSection('ERROR CODES', {
        '0 (ready)': shared.getMessage('errorCodes.0'),
        '1 (not ready)': shared.getMessage('errorCodes.1'),
        '2 (usage)': shared.getMessage('errorCodes.2'),
        '3 (login)': shared.getMessage('errorCodes.3'),
        '4 (network or server)': shared.getMessage('errorCodes.4'),
        '130, 143 (interrupted)': shared.getMessage('errorCodes.130'),
    });

    protected api?: OrgApi;
    protected targetOrg?: string;

    /** The --target-org value as typed (when the org could not even be opened), else a placeholder. */
    private targetOrgFlag(): string {
        const at = this.argv.findIndex((a) => a === '-o' || a === '--target-org');
        const inline = this.argv.find((a) => a.startsWith('--target-org=') || a.startsWith('-o='));
        return (at >= 0 ? this.argv[at + 1] : inline?.replace(/^(--target-org|-o)=/, '')) ?? '<alias>';
    }

    /** The org as the user named it (the alias typed), else its username: what "log in again" and errors name. */
    protected orgName(): string {
        const typed = this.targetOrgFlag();
        return typed !== '<alias>' ? typed : (this.targetOrg ?? typed);
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
        return usageError(error.message, [
            ...hints,
            shared.getMessage('error.unknownFlag.help', [(this.id ?? '').replace(/:/g, ' ')]),
        ]);
    }

    /** The org's jsforce Connection (sf refreshes its token), at the API version asked for. */
    protected connect(org: Org, apiVersion?: string, timeoutMs?: number): OrgApi {
        this.targetOrg = org.getUsername();
        this.api = new OrgApi(org.getConnection(apiVersion), timeoutMs);
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
            throw orgError(error, this.orgName());
        }
        this.spinner.stop();
        this.checkChatObject(read);
        if (read.org.production) this.warn(shared.getMessage('warning.production', [read.org.name, read.org.id]));
        return { ...read, items: evaluate(read.snapshot) };
    }

    /**
     * A chat object named with --chat-object that the org does not have is a usage error, found before anything is
     * planned or written (the default one missing means the package is not installed: the checklist says so).
     */
    private checkChatObject(read: OrgRead): void {
        const typed = this.argv.some((a) => a === '--chat-object' || a.startsWith('--chat-object='));
        if (!typed || read.snapshot.chatObject.exists) return;
        const hint = closest(read.snapshot.chatObject.apiName, read.objectNames ?? []);
        throw usageError(shared.getMessage('error.unknownChatObject', [read.snapshot.chatObject.apiName]), [
            ...(hint ? [shared.getMessage('error.unknownChatObject.didYouMean', [hint])] : []),
            shared.getMessage('error.unknownChatObject.list'),
        ]);
    }

    /** A failure while talking to the org after the load, as an SfError with its exit code and actions. */
    protected orgFailure(error: unknown): Error {
        return orgError(error, this.orgName());
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
        if (isAuthOrNetworkError(error)) return super.catch(orgError(error, this.orgName()));
        return super.catch(error);
    }
}

export { EXIT };
