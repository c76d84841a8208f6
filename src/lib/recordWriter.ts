/**
 * Applies the record changes of one operation (the engine's write law, `operationWrites`) the way Apex's
 * SetupRecordWriter does: references resolved first (developer names, profile-owned permission sets, users), rows that
 * exist left alone (add-only inserts), then every delete, insert and update in ONE REST Composite request with
 * `allOrNone: true` and `collateSubrequests: false` (sObject Collections subrequests, in order): all or none.
 * The REST API documents that the Composite request's allOrNone overrides each collection's (resources_composite_allornone).
 */
import {
    DEVELOPER_NAME_OBJECTS,
    MAX_ROWS_PER_CHANGE,
    RECORD_REF_QUERIES,
    type RecordRef,
    type RecordValue,
    type RecordWrite,
} from './engine.js';
import { fitting, fittingPairs, type CompositeAnswer } from './orgApi.js';
import { quoted } from './reader.js';

type Row = Record<string, unknown>;

export interface CompositeSubrequest {
    method: 'POST' | 'PATCH' | 'DELETE';
    url: string;
    referenceId: string;
    body?: unknown;
}

/** What the writer needs of the org. */
export interface RecordApi {
    readonly version: string;
    query(soql: string): Promise<Row[]>;
    composite(body: {
        allOrNone: true;
        collateSubrequests: false;
        compositeRequest: CompositeSubrequest[];
    }): Promise<CompositeAnswer>;
}

export class RecordWriteError extends Error {
    constructor(
        readonly code: string,
        message: string
    ) {
        super(message);
        this.name = 'RecordWriteError';
    }
}

/** Rows per sObject Collections subrequest, and subrequests per Composite request (REST API limits; the contract's rowsPerChange). */
const COLLECTION_ROWS = 200;
const SUBREQUESTS = MAX_ROWS_PER_CHANGE / COLLECTION_ROWS;

const BY_DEVELOPER_NAME = new Set(DEVELOPER_NAME_OBJECTS);

const isRef = (value: RecordValue): value is RecordRef => typeof value === 'object' && value !== null;

function refKey(ref: RecordRef): string {
    const r = ref as Partial<Record<string, string>>;
    return [r.ref, r.sObject, r.type, r.developerName, id18(r.profileId), id18(r.configId)]
        .map((v) => String(v ?? 'null'))
        .join(':')
        .toLowerCase();
}

/** A 15-character Id in its 18-character form (the case-safe suffix), anything else as it is. */
export function id18(value: unknown): string | undefined {
    if (typeof value !== 'string') return value === undefined || value === null ? undefined : String(value);
    if (!/^[A-Za-z0-9]{15}$/.test(value)) return value;
    let suffix = '';
    for (let chunk = 0; chunk < 3; chunk++) {
        let bits = 0;
        for (let i = 0; i < 5; i++) if (/[A-Z]/.test(value[chunk * 5 + i])) bits |= 1 << i;
        suffix += 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345'[bits];
    }
    return value + suffix;
}

/** A field of a REST record, a parent's field given as 'Parent.Field'. */
function field(record: Row, name: string): unknown {
    if (!name.includes('.')) return record[name];
    const [parent, child] = name.split('.');
    const value = record[parent] as Row | null | undefined;
    return value ? value[child] : undefined;
}

/**
 * One query per batch of `values`, each batch's query short enough for the query URI (the org answers 431 past 16,384
 * bytes, docs/org-verification.md rows 86 and 91), as the readers batch theirs: the rows of every batch.
 */
async function queryIn(
    api: RecordApi,
    values: Iterable<string>,
    build: (batch: readonly string[]) => string
): Promise<Row[]> {
    const batches = fitting([...values], build);
    return (await Promise.all(batches.map((batch) => api.query(build(batch))))).flat();
}

/**
 * Every reference of the writes resolved with one query per kind (per object for developer names): the contract's
 * query of the kind, each `:key` bound to the values of that key the references carry, batched to fit the query URI;
 * each row gives the Id its columns resolve the reference to.
 */
async function resolve(api: RecordApi, writes: readonly RecordWrite[]): Promise<Map<string, string[]>> {
    const binds = new Map<string, Map<string, Set<string>>>();
    for (const write of writes)
        for (const value of Object.values(write.fields)) {
            if (!isRef(value)) continue;
            const ref = value as unknown as Record<string, string>;
            const sObject = ref.ref === 'developerName' ? ref.sObject : '';
            if (!(ref.ref in RECORD_REF_QUERIES) || (sObject && !BY_DEVELOPER_NAME.has(sObject)))
                throw new Error(`No reference ${ref.ref} ${sObject}`);
            const keys = binds.get(`${ref.ref}:${sObject}`) ?? new Map<string, Set<string>>();
            binds.set(`${ref.ref}:${sObject}`, keys);
            for (const [, key] of RECORD_REF_QUERIES[ref.ref].query.matchAll(/:(\w+)/g))
                keys.set(key, (keys.get(key) ?? new Set<string>()).add(ref[key]));
        }
    const found = new Map<string, string[]>();
    for (const [query, keys] of binds) {
        const [kind, sObject] = query.split(':');
        const { columns } = RECORD_REF_QUERIES[kind];
        const text = RECORD_REF_QUERIES[kind].query.replace('{sObject}', sObject);
        const names = [...keys.keys()];
        const lists = names.map((name) => [...(keys.get(name) ?? [])]);
        const build = (parts: readonly (readonly string[])[]): string =>
            text.replace(/:(\w+)/g, (_match, name: string) => `(${quoted(parts[names.indexOf(name)])})`);
        const batches =
            names.length === 1
                ? fitting(lists[0], (a) => build([a])).map((a) => [a])
                : fittingPairs(lists[0], lists[1], (a, b) => build([a, b])).map(([a, b]) => [a, b]);
        for (const row of (await Promise.all(batches.map((parts) => api.query(build(parts))))).flat()) {
            const ref: Record<string, unknown> = { ref: kind, ...(sObject ? { sObject } : {}) };
            for (const [key, column] of Object.entries(columns)) ref[key] = field(row, column);
            const key = refKey(ref as unknown as RecordRef);
            found.set(key, [...(found.get(key) ?? []), String(field(row, columns.id))]);
        }
    }
    return found;
}

/** The concrete rows of one write: a reference to users gives one row per user (none for an empty set). */
function expand(fields: RecordWrite['fields'], found: Map<string, string[]>): Row[] {
    let rows: Row[] = [{}];
    for (const [name, value] of Object.entries(fields)) {
        if (!isRef(value)) {
            rows = rows.map((row) => ({ ...row, [name]: value }));
            continue;
        }
        const ids = found.get(refKey(value)) ?? [];
        if (value.ref === 'profileUsers' || value.ref === 'directUsers') {
            rows = rows.flatMap((row) => ids.map((id) => ({ ...row, [name]: id })));
            continue;
        }
        if (ids.length === 0) throw new RecordWriteError('NOT_FOUND', `Not found: ${JSON.stringify(value)}`);
        rows = rows.map((row) => ({ ...row, [name]: ids[0] }));
    }
    return rows;
}

const rowKey = (row: Row, fields: readonly string[]): string =>
    fields
        .map((f) => String(id18(field(row, f)) ?? 'null'))
        .join('|')
        .toLowerCase();

/**
 * The rows of `sObject` that match the planned rows on every field. The field with the most distinct values is batched
 * to fit the query URI; the others are asked in full (the extra rows this can return are told apart by their keys).
 */
async function existing(api: RecordApi, sObject: string, rows: Row[]): Promise<Row[]> {
    const fields = Object.keys(rows[0]).sort();
    const distinct = new Map(fields.map((f) => [f, [...new Set(rows.map((r) => String(r[f])))]]));
    const values = (f: string): string[] => distinct.get(f) ?? [];
    const widest = fields.reduce((a, b) => (values(b).length > values(a).length ? b : a));
    const selected = fields.includes('Id') ? fields : ['Id', ...fields];
    return queryIn(
        api,
        values(widest),
        (batch) =>
            `SELECT ${selected.join(', ')} FROM ${sObject} WHERE ${fields
                .map((f) => `${f} IN (${quoted(f === widest ? batch : values(f))})`)
                .join(' AND ')}`
    );
}

/** Applies the writes in one all-or-none Composite request; returns what changed, or throws with nothing changed. */
export async function applyRecordWrites(api: RecordApi, writes: readonly RecordWrite[]): Promise<string[]> {
    const found = await resolve(api, writes);
    const byAction = {
        delete: new Map<string, Row[]>(),
        insert: new Map<string, Row[]>(),
        update: new Map<string, Row[]>(),
    };
    for (const write of writes) {
        const target = byAction[write.action];
        target.set(write.sObject, [...(target.get(write.sObject) ?? []), ...expand(write.fields, found)]);
    }
    const changed: string[] = [];
    const requests: CompositeSubrequest[] = [];
    const base = `/services/data/v${api.version}/composite/sobjects`;
    const describe = (row: Row): string =>
        Object.keys(row)
            .sort()
            .filter((k) => k !== 'Id' || Object.keys(row).length === 1)
            .map((k) => `${k}=${String(id18(row[k]))}`)
            .join(' ');
    const add = (action: string, sObject: string, rows: Row[]): void => {
        for (let i = 0; i < rows.length; i += COLLECTION_ROWS) {
            const chunk = rows.slice(i, i + COLLECTION_ROWS);
            const referenceId = `${action}${requests.length}`;
            if (action === 'delete')
                requests.push({
                    method: 'DELETE',
                    url: `${base}?ids=${chunk.map((r) => String(r.Id)).join(',')}&allOrNone=true`,
                    referenceId,
                });
            else
                requests.push({
                    method: action === 'insert' ? 'POST' : 'PATCH',
                    url: base,
                    referenceId,
                    body: { allOrNone: true, records: chunk.map((r) => ({ attributes: { type: sObject }, ...r })) },
                });
        }
        changed.push(...rows.map((row) => `${sObject}:${action} ${describe(row)}`));
    };
    for (const [sObject, rows] of byAction.delete) {
        if (rows.length === 0) continue;
        const fields = Object.keys(rows[0]).sort();
        const wanted = new Set(rows.map((r) => rowKey(r, fields)));
        const gone = (await existing(api, sObject, rows)).filter((r) => wanted.has(rowKey(r, fields)));
        add(
            'delete',
            sObject,
            gone.map((r) => ({ Id: String(r.Id) }))
        );
    }
    for (const [sObject, rows] of byAction.insert) {
        if (rows.length === 0) continue;
        const fields = Object.keys(rows[0]).sort();
        const present = new Set((await existing(api, sObject, rows)).map((r) => rowKey(r, fields)));
        add(
            'insert',
            sObject,
            rows.filter((r) => {
                const key = rowKey(r, fields);
                if (present.has(key)) return false;
                present.add(key);
                return true;
            })
        );
    }
    for (const [sObject, rows] of byAction.update) if (rows.length) add('update', sObject, rows);
    if (requests.length === 0) return [];
    if (requests.length > SUBREQUESTS)
        throw new RecordWriteError('TOO_MANY_ROWS', `${changed.length} rows do not fit one all-or-none request`);
    const answer = await api.composite({ allOrNone: true, collateSubrequests: false, compositeRequest: requests });
    const failure = firstFailure(answer);
    if (failure) throw new RecordWriteError(failure.code, failure.message);
    return changed;
}

/** The error that made the request roll back (not a subrequest rolled back or halted because of it). */
function firstFailure(answer: CompositeAnswer): { code: string; message: string } | undefined {
    const errors: { code: string; message: string }[] = [];
    for (const sub of answer.compositeResponse) {
        const bodies = Array.isArray(sub.body) ? (sub.body as Row[]) : [sub.body as Row];
        for (const body of bodies) {
            const list = (body?.errors as Row[] | undefined) ?? (sub.httpStatusCode >= 400 ? [body] : []);
            for (const e of list)
                errors.push({
                    code: String(e?.statusCode ?? e?.errorCode ?? 'ERROR'),
                    message: String(e?.message ?? ''),
                });
        }
    }
    const secondary = new Set(['ALL_OR_NONE_OPERATION_ROLLED_BACK', 'PROCESSING_HALTED']);
    return errors.find((e) => !secondary.has(e.code)) ?? errors[0];
}
