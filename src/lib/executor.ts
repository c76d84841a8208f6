/**
 * Carries out the engine's operations through the org's jsforce Connection, on the route the engine's write law gives
 * each (`operationWrites`), as the Apex operations controller does: record changes for components SimplyChat does not
 * own, in one all-or-none REST Composite request per operation (recordWriter.ts); Metadata API writes only for what
 * SimplyChat creates or owns and for the Omni-Channel settings (the engine's elements, one component per call); Tooling
 * for a presence configuration's capacity and the flow's active version; REST for the SC Setup org default. A failure
 * skips only the operations that wait for it (`operationDependencies`), each naming it; the others still run.
 */
import {
    FLOWS_URL,
    METADATA_ELEMENT_ORDER,
    operationDependencies,
    operationWrites,
    type MetadataValue,
    type MetadataWrite,
    type Operation,
    type RecordWrite,
    type WriteRoute,
} from './engine.js';
import { isAuthOrNetworkError } from './errors.js';
import { withoutNil, type MetadataRecord, type OrgApi } from './orgApi.js';
import { quoted } from './reader.js';
import { applyRecordWrites, RecordWriteError } from './recordWriter.js';

export class OperationError extends Error {
    constructor(
        readonly code: string,
        message: string,
        /** What this operation had already changed when it stopped (earlier all-or-none calls that succeeded). */
        readonly changed: string[] = []
    ) {
        super(message);
        this.name = 'OperationError';
    }
}

export interface OperationOutcome {
    readonly index: number;
    readonly operation: Operation;
    readonly status: 'done' | 'failed' | 'notRun';
    readonly changed: string[];
    readonly error?: { code: string; message: string };
    /** notRun: the index of the failed operation it waits for. */
    readonly waitsFor?: number;
}

type Obj = Record<string, unknown>;

/** Sets a key of a metadata object at its WSDL place; an existing key keeps its place. Returns a new object. */
export function setKey<T extends Obj>(target: T, key: string, value: unknown, order: readonly string[]): T {
    if (key in target) return { ...target, [key]: value };
    const rank = order.indexOf(key);
    const entries = Object.entries(target);
    const at = entries.findIndex(([k]) => rank >= 0 && order.indexOf(k) > rank);
    entries.splice(at < 0 ? entries.length : at, 0, [key, value]);
    return Object.fromEntries(entries) as T;
}

/**
 * Metadata API Queue: from API 67.0 `doesIncludeBosses` is required ("Grant Access Using Hierarchies" on the
 * queue's detail page, checked by default in Setup). A queue SimplyChat creates carries the Setup default from that
 * version on; a queue that is read and written back keeps the value it was read with.
 */
export function withIncludeBosses(queue: MetadataRecord, apiVersion: string | undefined): MetadataRecord {
    if (Number(apiVersion ?? '0') < 67 || 'doesIncludeBosses' in queue) return queue;
    return setKey(queue, 'doesIncludeBosses', true, METADATA_ELEMENT_ORDER.Queue);
}

export class Executor {
    constructor(
        private readonly api: OrgApi,
        /** Profile Id → Metadata API full name (from listMetadata). */
        private readonly profileNames: ReadonlyMap<string, string>,
        private readonly orgId: string
    ) {}

    private profileName(id: string): string {
        const name = this.profileNames.get(id) ?? this.profileNames.get(id.slice(0, 15));
        if (!name) throw new OperationError('UNKNOWN_PROFILE', `The Metadata API lists no profile with the Id ${id}`);
        return name;
    }

    /**
     * Runs operations in order, reporting each. An operation that waits for a failed or skipped one is not run and
     * names it; every other operation still runs.
     */
    async run(
        operations: readonly Operation[],
        onProgress: (outcome: OperationOutcome) => void = () => undefined,
        /** Asked before each change: true leaves it and the rest not run (a signal asked the run to stop). */
        stopRequested: () => boolean = () => false
    ): Promise<OperationOutcome[]> {
        const waits = operationDependencies(operations);
        const outcomes: OperationOutcome[] = [];
        for (const [index, operation] of operations.entries()) {
            const blocker = waits[index].find((earlier) => outcomes[earlier].status !== 'done');
            const outcome: OperationOutcome =
                blocker === undefined && !stopRequested()
                    ? await this.attempt(operation, index)
                    : {
                          index,
                          operation,
                          status: 'notRun',
                          changed: [],
                          // Not run because it waits for a change that was not made; else because a stop was asked.
                          ...(blocker === undefined ? {} : { waitsFor: outcomes[blocker].waitsFor ?? blocker }),
                      };
            outcomes.push(outcome);
            onProgress(outcome);
        }
        return outcomes;
    }

    private async attempt(operation: Operation, index: number): Promise<OperationOutcome> {
        try {
            return { index, operation, status: 'done', changed: await this.execute(operation) };
        } catch (error) {
            const e = error as { errorCode?: string; name?: string; message?: string };
            const code = error instanceof OperationError ? error.code : String(e.errorCode ?? e.name ?? 'ERROR');
            return {
                index,
                operation,
                status: 'failed',
                changed: error instanceof OperationError ? error.changed : [],
                error: { code, message: String(e.message ?? error) },
            };
        }
    }

    /** One component in one all-or-none call; a refusal fails the operation with the API's code and message. */
    private async save(
        operation: 'createMetadata' | 'updateMetadata',
        type: string,
        component: MetadataRecord
    ): Promise<string[]> {
        const [result] = await this.api.save(operation, type, [component]);
        if (!result?.success)
            throw new OperationError(
                result?.errors[0]?.statusCode || 'REFUSED',
                `${result?.fullName ?? component.fullName}: ${result?.errors[0]?.message ?? ''}`
            );
        return [`${type}:${result.fullName}`];
    }

    /** Record changes of a component SimplyChat does not own: one all-or-none request. */
    private async records(writes: readonly RecordWrite[]): Promise<string[]> {
        try {
            return await applyRecordWrites(this.api, writes);
        } catch (error) {
            if (error instanceof RecordWriteError) throw new OperationError(error.code, error.message);
            throw error;
        }
    }

    private async execute(op: Operation): Promise<string[]> {
        const planned = operationWrites(op);
        if (planned.route === 'records') return this.records(planned.writes);
        if (planned.metadata) return this.component(planned.route, planned.metadata);
        switch (op.kind) {
            case 'setCapacity':
                await this.api.updateRecord('PresenceUserConfig', op.configId, { Capacity: op.capacity }, true);
                return [`PresenceUserConfig:${op.configDeveloperName}`];
            case 'activateFlow':
                return this.activateFlow(op);
            case 'setScSetupDefaults':
                return this.setScSetupDefaults(op);
            default:
                throw new OperationError('UNKNOWN_OPERATION', op.kind);
        }
    }

    /**
     * A whole-component write of the engine's element values (`MetadataWrite`), each at its WSDL place: a create
     * from them alone; an update of the component as read (nil elements dropped), the engine's elements replaced.
     */
    private async component(route: WriteRoute, write: MetadataWrite): Promise<string[]> {
        const order = METADATA_ELEMENT_ORDER[write.type];
        let target: MetadataRecord = { fullName: write.fullName };
        if (write.action === 'update') {
            const [read] = await this.api.read(write.type, [write.fullName]);
            const found = read && withoutNil(read);
            if (found) target = found;
            else if (route !== 'settings')
                throw new OperationError('NOT_FOUND', `${write.type} ${write.fullName} was not found`);
        }
        target = {
            ...Object.fromEntries(Object.entries(target).filter(([name]) => !write.remove.includes(name))),
            fullName: target.fullName,
        };
        for (const [name, value] of Object.entries(write.set))
            target = setKey(target, name, this.elementValue(value, `${write.type}.${name}`), order);
        if (write.type === 'Queue' && write.action === 'create')
            target = withIncludeBosses(target, this.api.connection?.getApiVersion());
        return this.save(write.action === 'create' ? 'createMetadata' : 'updateMetadata', write.type, target);
    }

    /** An element value as jsforce writes it: a profile's full name looked up, a complex element's children in order. */
    private elementValue(value: MetadataValue, path: string): unknown {
        if (Array.isArray(value)) return value.map((entry: MetadataValue) => this.elementValue(entry, path));
        if (typeof value !== 'object') return value;
        if ('ref' in value && value.ref === 'profileFullName') return this.profileName(String(value.profileId));
        const order = METADATA_ELEMENT_ORDER[path] ?? [];
        let element: Obj = {};
        for (const [name, child] of Object.entries(value as Record<string, MetadataValue>))
            element = setKey(element, name, this.elementValue(child, `${path}.${name}`), order);
        return element;
    }

    /**
     * The package's own custom setting record (REST). The org default is read again with the fields the operation
     * sets: a value filled in after the checklist was read (for example the server URL) is kept, only fields still
     * blank are written, and a record created meanwhile is filled, not created twice (as the Apex executor does).
     */
    private async setScSetupDefaults(op: Extract<Operation, { kind: 'setScSetupDefaults' }>): Promise<string[]> {
        const safe = (name: string): string => name.replace(/[^A-Za-z0-9_]/g, '');
        const object = safe(op.objectApiName);
        const fields = Object.keys(op.values).map(safe);
        const [record] = await this.api.query<Record<string, unknown>>(
            `SELECT Id${fields.map((f) => `, ${f}`).join('')} FROM ${object} WHERE SetupOwnerId = ${quoted([this.orgId])} LIMIT 1`
        );
        if (!record) {
            // The org default, as Apex creates it: owned by the org (a record without SetupOwnerId is not it).
            await this.api.createRecord(op.objectApiName, { SetupOwnerId: this.orgId, ...op.values });
            return [`${op.objectApiName}:org default created`];
        }
        const current = (field: string): unknown =>
            Object.entries(record).find(([key]) => key.toLowerCase() === field.toLowerCase())?.[1];
        const blank = (value: unknown): boolean =>
            value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
        const filled = Object.keys(op.values).filter((f) => blank(current(f)));
        const kept = Object.keys(op.values).filter((f) => !blank(current(f)));
        if (filled.length > 0)
            await this.api.updateRecord(
                op.objectApiName,
                String(record.Id),
                Object.fromEntries(filled.map((f) => [f, op.values[f]]))
            );
        return [
            ...filled.map((f) => `${op.objectApiName}:${f} filled`),
            ...kept.map((f) => `${op.objectApiName}:${f} kept (filled in meanwhile)`),
        ];
    }

    /**
     * Activates the flow's latest version (Tooling). The API may refuse it for a flow of a managed package (row 27):
     * the failure then names the manual step of item 11, Setup > Flows and the version to activate (Flow Builder
     * cannot open a managed flow, row 36).
     */
    private async activateFlow(op: Extract<Operation, { kind: 'activateFlow' }>): Promise<string[]> {
        let versionNumber: number | null = null;
        try {
            const [version] = await this.api.query<{ VersionNumber: number; DefinitionId: string }>(
                `SELECT Id, VersionNumber, DefinitionId FROM Flow WHERE Id = ${quoted([op.latestVersionId])}`,
                true
            );
            versionNumber = version?.VersionNumber ?? null;
            if (!version) throw new OperationError('NOT_FOUND', `Flow version ${op.latestVersionId} was not found`);
            await this.api.updateRecord(
                'FlowDefinition',
                version.DefinitionId,
                { Metadata: { activeVersionNumber: version.VersionNumber } },
                true
            );
            return [`Flow:${op.flowApiName} v${version.VersionNumber}`];
        } catch (error) {
            if (isAuthOrNetworkError(error) || error instanceof OperationError) throw error;
            const e = error as { errorCode?: string; message?: string };
            throw new OperationError(
                'FLOW_ACTIVATION_REFUSED',
                `Salesforce refused to activate the flow ${op.flowApiName} (${String(e.errorCode ?? 'ERROR')}: ${String(e.message ?? error)}). ` +
                    `Activate it by hand: open ${this.api.connection?.instanceUrl ?? ''}${FLOWS_URL} (Setup > Process Automation > Flows), open ${op.flowApiName} and, on its detail page, click Activate next to ${versionNumber === null ? 'its latest version' : `version ${versionNumber}`}. Flow Builder cannot open a flow installed from a managed package.`
            );
        }
    }
}
