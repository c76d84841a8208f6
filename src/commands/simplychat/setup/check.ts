/** sf simplychat setup check — the SimplyChat Setup checklist of an org, read-only. */
import { loadMessages } from '../../../lib/messages.js';
import type { ChecklistItem } from '../../../lib/engine.js';
import { checklistTable, reasonText } from '../../../lib/output.js';
import { EXIT, orgFlags, SetupCommand, type OrgJson, type SetupFlags, choicesOf } from '../../../lib/setupCommand.js';

const messages = loadMessages('simplychat.setup.check');

export interface ItemJson {
    id: string;
    order: number;
    status: ChecklistItem['status'];
    reason: ChecklistItem['reason'];
    text: string;
    blockedBy: readonly string[];
    needs: readonly string[];
}

export interface CheckResult {
    org: OrgJson;
    ready: boolean;
    items: ItemJson[];
}

export function itemsJson(items: readonly ChecklistItem[]): ItemJson[] {
    return items.map((i) => ({
        id: i.id,
        order: i.order,
        status: i.status,
        reason: i.reason,
        text: reasonText(i.reason),
        blockedBy: i.blockedBy,
        needs: i.needs,
    }));
}

export default class Check extends SetupCommand<CheckResult> {
    public static override readonly summary = messages.getMessage('summary');
    public static override readonly description = messages.getMessage('description');
    public static override readonly examples = messages.getMessages('examples');
    public static override readonly flags = orgFlags;

    public async run(): Promise<CheckResult> {
        const { flags } = await this.parse(Check);
        const f = flags as unknown as SetupFlags;
        const api = this.connect(f['target-org'], f['api-version']);
        const read = await this.load(api, choicesOf(f));
        const ready = read.items.every((i) => i.status === 'pass');
        this.log(checklistTable(read.items, { color: process.stdout.isTTY === true && !process.env.NO_COLOR }));
        if (!ready && !f.profiles && read.items.some((i) => i.status !== 'pass' && i.needs.includes('agentProfiles')))
            this.info(messages.getMessage('info.nameProfiles'));
        if (read.items.some((i) => i.status !== 'pass' && i.needs.includes('queueMembers')))
            this.info(messages.getMessage('info.queueMembers'));
        process.exitCode = ready ? EXIT.ok : EXIT.failed;
        return { org: this.orgJson(read), ready, items: itemsJson(read.items) };
    }
}
