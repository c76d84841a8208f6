/** sf simplychat setup export — the org's SimplyChat setup as a deployable source folder with a package.xml. */
import fs from 'node:fs';
import path from 'node:path';
import { loadMessages } from '../../../lib/messages.js';
import { Flags } from '@salesforce/sf-plugins-core';
import { usageError } from '../../../lib/errors.js';
import { SfError } from '@salesforce/core';
import { exportMembers, exportReadme, exportSetup, type ExportMember } from '../../../lib/exporter.js';
import { say } from '../../../lib/output.js';
import {
    EXIT,
    readFlags,
    SetupCommand,
    shared,
    type OrgJson,
    type SetupFlags,
    profilesOf,
    waitMs,
} from '../../../lib/setupCommand.js';

const messages = loadMessages('simplychat.setup.export');

export interface ExportResult {
    org: OrgJson;
    outputDir: string;
    members: ExportMember[];
    missing: string[];
    files: string[];
}

export default class Export extends SetupCommand<ExportResult> {
    public static override readonly summary = messages.getMessage('summary');
    public static override readonly description = messages.getMessage('description');
    public static override readonly examples = messages.getMessages('examples');
    public static override readonly flags = {
        ...readFlags,
        'output-dir': Flags.directory({
            char: 'd',
            summary: messages.getMessage('flags.output-dir.summary'),
            default: 'simplychat-setup-export',
        }),
    };

    public async run(): Promise<ExportResult> {
        const { flags } = await this.parse(Export);
        const f = flags as unknown as SetupFlags & { 'output-dir': string };
        const outputDir = path.resolve(f['output-dir']);
        if (fs.existsSync(outputDir) && fs.readdirSync(outputDir).length > 0)
            throw usageError(messages.getMessage('error.outputNotEmpty', [outputDir]), [
                messages.getMessage('action.outputNotEmpty'),
            ]);
        const api = this.connect(f['target-org'], f['api-version'], waitMs(f));
        const read = await this.load(api, { chatObject: f['chat-object'], profiles: profilesOf(f) });
        const { members, missing, managedFlow } = exportMembers(read);
        if (!profilesOf(f)) this.warn(messages.getMessage('warning.noProfiles'));
        if (managedFlow) this.warn(messages.getMessage('warning.managedFlow', [managedFlow]));
        if (missing.length > 0)
            this.warn(messages.getMessage('warning.missing', [missing.map((id) => say(`ui.item.${id}`)).join(', ')]));
        // Profiles, groups and the flow only make sense beside SimplyChat's own components: without any of those the
        // org has nothing of SimplyChat's to export.
        if (!members.some((m) => !['Profile', 'Group', 'FlowDefinition'].includes(m.type))) {
            const nothing = new SfError(
                messages.getMessage('error.nothing', [missing.map((id) => say(`ui.item.${id}`)).join(', ')]),
                'NothingToExport',
                [messages.getMessage('action.nothing')],
                EXIT.failed
            );
            throw nothing;
        }

        const existed = fs.existsSync(outputDir);
        this.spinner.start(shared.getMessage('spinner.retrieving'), undefined, { stdout: false });
        let outcome: Awaited<ReturnType<typeof exportSetup>>;
        try {
            outcome = await exportSetup(api.connection, members, outputDir, api.connection.getApiVersion());
            fs.writeFileSync(
                path.join(outputDir, 'README.md'),
                exportReadme(members, missing, (key) => say(key), managedFlow)
            );
            outcome.files = [...outcome.files, 'README.md'].sort();
        } catch (error) {
            // Nothing half-written stays behind: the folder is removed (or emptied, when it existed empty before).
            if (existed)
                for (const entry of fs.readdirSync(outputDir))
                    fs.rmSync(path.join(outputDir, entry), { recursive: true, force: true });
            else fs.rmSync(outputDir, { recursive: true, force: true });
            this.spinner.stop(shared.getMessage('spinner.failed'));
            throw this.orgFailure(error);
        }
        this.spinner.stop();
        for (const m of members) this.log(`  ${m.type.padEnd(22)} ${m.fullName}`);
        // The queue comes with its members (retrieved as the org has them): users are named by username, which differs
        // from org to org (a sandbox adds its own suffix), so the deploy fails for a user the target org lacks.
        const queueUsers = outcome.files
            .filter((f) => f.endsWith('.queue-meta.xml'))
            .flatMap((f) => [...fs.readFileSync(path.join(outputDir, f), 'utf8').matchAll(/<user>([^<]*)<\/user>/g)])
            .map((m) => m[1]);
        if (queueUsers.length > 0) this.warn(messages.getMessage('warning.queueUsers', [queueUsers.length]));
        this.logSuccess(messages.getMessage('success', [members.length, outputDir]));
        this.log(messages.getMessage('next', [path.relative(process.cwd(), outputDir) || '.']));
        return { org: this.orgJson(read), outputDir, members, missing, files: outcome.files };
    }
}
