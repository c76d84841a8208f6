/** Law 3 of the engine, shared by the scenario and property tests: only what the plan names changes. */
import type { Operation, OrgSnapshot, Part } from '../setupEngine';

type AnyRecord = { Id?: string } & Record<string, unknown>;

function recordsOf(part: Part<unknown>): AnyRecord[] {
    return part.status === 'read' ? (part.records as AnyRecord[]) : [];
}

const PARTS = [
    'serviceChannels',
    'routingConfigs',
    'queues',
    'queueSobjects',
    'presenceStatuses',
    'statusChannels',
    'presenceConfigs',
    'presenceConfigProfiles',
    'statusAccess',
    'flows',
] as const;

/** Ids an operation may change in place, and assignment rows it may remove. */
function allowedChanges(ops: Operation[]): { changed: Set<string>; removedProfileRows: Set<string> } {
    const changed = new Set<string>();
    const removedProfileRows = new Set<string>();
    for (const op of ops) {
        if (op.kind === 'upsertRoutingConfig' && op.existingId) changed.add(op.existingId);
        if (op.kind === 'upsertQueue' && op.existingId) changed.add(op.existingId);
        if (op.kind === 'setCapacity') changed.add(op.configId);
        if (op.kind === 'activateFlow') changed.add(`flow:${op.flowApiName}`);
        if (op.kind === 'moveProfilesToConfig')
            for (const m of op.moves) removedProfileRows.add(`${m.fromConfigId}:${m.profileId}`);
    }
    return { changed, removedProfileRows };
}

function keyOf(record: AnyRecord): string {
    if (record.Id) return record.Id;
    if ('ApiName' in record) return `flow:${String(record.ApiName)}`;
    return JSON.stringify(record); // SetupEntityAccess rows: the pair is the identity
}

/** Law 3: every record that existed is still there, unchanged, unless an operation names it. */
export function assertOnlyPlannedChanges(before: OrgSnapshot, after: OrgSnapshot, ops: Operation[]): void {
    const { changed, removedProfileRows } = allowedChanges(ops);
    for (const part of PARTS) {
        const afterByKey = new Map(recordsOf(after[part]).map((r) => [keyOf(r), r]));
        for (const record of recordsOf(before[part])) {
            const now = afterByKey.get(keyOf(record));
            if (part === 'presenceConfigProfiles' && !now) {
                expect(
                    removedProfileRows.has(`${String(record.PresenceUserConfigId)}:${String(record.ProfileId)}`)
                ).toBe(true);
                continue;
            }
            expect(now).toBeDefined();
            if (!changed.has(keyOf(record))) expect(now).toEqual(record);
        }
    }
}
