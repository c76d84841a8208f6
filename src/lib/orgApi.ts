/**
 * The org through the jsforce Connection that `sf` hands the plugin (token refresh included): REST and Tooling
 * queries, describe, record writes, and the Metadata API. The one addition to jsforce is the AllOrNoneHeader on
 * create/update, so a batch of components is saved whole or not at all (jsforce's metadata API has no option for it).
 * Every call is timed out, so a hung server ends in a clear network error instead of silence.
 */
import type { Connection } from '@salesforce/core';
import { METADATA_BATCH_SIZE } from './engine.js';
import type { Schema } from '@jsforce/jsforce-node';
import { SOAP } from '@jsforce/jsforce-node/lib/soap.js';
import { ApiSchemas } from '@jsforce/jsforce-node/lib/api/metadata/schema.js';

/**
 * One object of describeGlobal, for the session's user: `createable`, `updateable`, `deletable` say whether they may
 * insert, update and delete its rows (DescribeGlobalSObjectResult, docs/org-verification.md rows 87–88).
 */
export interface GlobalObject {
    readonly name: string;
    readonly label: string;
    readonly customSetting?: boolean;
    readonly createable?: boolean;
    readonly updateable?: boolean;
    readonly deletable?: boolean;
}

export interface CompositeAnswer {
    compositeResponse: { referenceId: string; httpStatusCode: number; body: unknown }[];
}

export type MetadataRecord = Record<string, unknown> & { fullName: string };

export interface SaveResult {
    fullName: string;
    success: boolean;
    errors: { statusCode: string; message: string }[];
}

/** Each name asked → the record whose `fullName` is that name, ignoring case; undefined when none is. */
export function pairByFullName(
    fullNames: readonly string[],
    records: readonly (Record<string, unknown> | null | undefined)[]
): (MetadataRecord | undefined)[] {
    const byName = new Map<string, MetadataRecord>();
    for (const r of records)
        if (r && typeof r.fullName === 'string' && r.fullName)
            byName.set(r.fullName.toLowerCase(), r as MetadataRecord);
    return fullNames.map((name) => byName.get(name.toLowerCase()));
}

/** The Metadata API takes at most 10 components per create, update or read call. */
export const METADATA_BATCH = METADATA_BATCH_SIZE;

const METADATA_NS = 'http://soap.sforce.com/2006/04/metadata';

export class TimeoutError extends Error {
    constructor(
        readonly what: string,
        readonly ms: number
    ) {
        super(`No answer from the org within ${ms / 1000} s (${what}).`);
        this.name = 'TimeoutError';
    }
}

/** jsforce's SOAP client, with the AllOrNoneHeader added to the envelope it builds. */
class AllOrNoneSoap extends SOAP<Schema> {
    override _createEnvelope(message: object): string {
        return super
            ._createEnvelope(message)
            .replace(
                '</soapenv:Header>',
                '<AllOrNoneHeader><allOrNone>true</allOrNone></AllOrNoneHeader></soapenv:Header>'
            );
    }
}

export function chunks<T>(items: readonly T[], size: number): T[][] {
    const out: T[][] = [];
    for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
    return out;
}

/**
 * The longest query URI the CLI sends, in bytes as encoded in `GET …/query?q=`: Salesforce answers 431 when the
 * request line and headers pass 16,384 bytes (docs/org-verification.md rows 86 and 91); 12,000 leaves the rest for the
 * path and the headers (the OAuth token, user agent, call options).
 */
export const QUERY_URI_BYTES = 12000;
/** At most this many values of one list per query, whatever their length. */
export const IDS_PER_QUERY = 200;

/** Bytes a SOQL statement takes in the query URI. */
export function uriBytes(soql: string): number {
    return Buffer.byteLength(encodeURIComponent(soql), 'utf8');
}

/**
 * Splits a list into batches whose query (`build(batch)`) fits in `budget` URI bytes, at most `most` values each.
 * A single value too long on its own still gets its own batch: the org's answer then says why.
 */
export function fitting<T>(
    values: readonly T[],
    build: (batch: readonly T[]) => string,
    budget = QUERY_URI_BYTES,
    most = IDS_PER_QUERY
): T[][] {
    const out: T[][] = [];
    let at = 0;
    while (at < values.length) {
        let size = Math.min(most, values.length - at);
        while (size > 1 && uriBytes(build(values.slice(at, at + size))) > budget) size = Math.ceil(size / 2);
        out.push(values.slice(at, at + size));
        at += size;
    }
    return out;
}

/**
 * Batches of two lists in one query (each pair of values asked once): the first list is cut to half the budget with
 * the second empty, then the second list fits beside each batch of the first.
 */
export function fittingPairs<A, B>(
    first: readonly A[],
    second: readonly B[],
    build: (a: readonly A[], b: readonly B[]) => string,
    budget = QUERY_URI_BYTES,
    most = IDS_PER_QUERY
): [A[], B[]][] {
    return fitting(first, (a) => build(a, []), budget / 2, most).flatMap((a) =>
        fitting(second, (b) => build(a, b), budget, most).map((b): [A[], B[]] => [a, b])
    );
}

const asList = <T>(value: T | T[] | undefined | null): T[] =>
    value === undefined || value === null ? [] : Array.isArray(value) ? value : [value];

type Obj = Record<string, unknown>;

/** Whether jsforce read this value as an xsi:nil element (`{ $: { 'xsi:nil': 'true' } }`). */
function isNil(value: unknown): value is Obj {
    const attributes = (value as Obj | null)?.$ as Obj | undefined;
    return typeof value === 'object' && value !== null && attributes?.['xsi:nil'] === 'true';
}

/**
 * A component as read, made fit to write back: an element read as xsi:nil that gained content loses the marker; one
 * that did not is left out (jsforce writes `$` as an element, which the API refuses; an element left out of an
 * update is left as the org holds it). Lists and nested elements alike.
 */
export function withoutNil<T>(value: T): T {
    if (Array.isArray(value)) return value.filter((v) => !isNil(v) || Object.keys(v).length > 1).map(withoutNil) as T;
    if (typeof value !== 'object' || value === null) return value;
    const out: Obj = {};
    for (const [key, child] of Object.entries(value as Obj)) {
        if (isNil(child)) {
            const { $: _nil, ...content } = child;
            void _nil;
            if (Object.keys(content).length > 0) out[key] = withoutNil(content);
            continue;
        }
        out[key] = withoutNil(child);
    }
    return out as T;
}

/** The paths of xsi:nil elements that carry content (a writer never sends them). */
export function nilWithContent(value: unknown, path: string): string[] {
    if (Array.isArray(value)) return value.flatMap((v, i) => nilWithContent(v, `${path}[${i}]`));
    if (typeof value !== 'object' || value === null) return [];
    const here = isNil(value) && Object.keys(value).length > 1 ? [path] : [];
    return [
        ...here,
        ...Object.entries(value as Obj)
            .filter(([k]) => k !== '$')
            .flatMap(([k, v]) => nilWithContent(v, `${path}.${k}`)),
    ];
}

export class OrgApi {
    constructor(
        readonly connection: Connection,
        timeoutMs?: number
    ) {
        this.timeoutMs = timeoutMs ?? Number(process.env.SIMPLYCHAT_TIMEOUT_MS ?? 60000);
    }

    /** How long each call waits for the org's answer: --wait, else SIMPLYCHAT_TIMEOUT_MS, else 60 s. */
    readonly timeoutMs: number;

    private timed<T>(what: string, call: () => Promise<T>): Promise<T> {
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise<never>((_, reject) => {
            timer = setTimeout(() => reject(new TimeoutError(what, this.timeoutMs)), this.timeoutMs);
        });
        return Promise.race([call(), timeout]).finally(() => clearTimeout(timer));
    }

    /** A SOQL query over REST (or Tooling), every page. */
    query<T = Record<string, unknown>>(soql: string, tooling = false): Promise<T[]> {
        return this.timed(`query ${soql.slice(0, 60)}`, async () => {
            const api = tooling ? this.connection.tooling : this.connection;
            const result = await api.query<Record<string, unknown>>(soql, { autoFetch: true, maxFetch: 100000 });
            return result.records as unknown as T[];
        });
    }

    /** The REST API version of the connection (e.g. '65.0'). */
    get version(): string {
        return this.connection.version;
    }

    /** One REST Composite request (POST /composite); the answer holds every subrequest's status and body. */
    composite(body: object): Promise<CompositeAnswer> {
        return this.timed('composite', () =>
            this.connection.request<CompositeAnswer>({
                method: 'POST',
                url: '/composite',
                body: JSON.stringify(body),
                headers: { 'Content-Type': 'application/json' },
            })
        );
    }

    /** A GET on the REST API, relative to /services/data/vXX.X. */
    get<T>(path: string): Promise<T> {
        return this.timed(`GET ${path}`, () => this.connection.request<T>(path));
    }

    describeGlobal(): Promise<{ sobjects: GlobalObject[] }> {
        return this.timed('describeGlobal', () => this.connection.describeGlobal());
    }

    describe(name: string): Promise<{ fields: { name: string; label: string; type: string; custom: boolean }[] }> {
        return this.timed(`describe ${name}`, () => this.connection.describe(name));
    }

    createRecord(type: string, values: Record<string, unknown>): Promise<unknown> {
        return this.timed(`create ${type}`, () => this.connection.sobject(type).create(values));
    }

    updateRecord(type: string, id: string, values: Record<string, unknown>, tooling = false): Promise<unknown> {
        const api = tooling ? this.connection.tooling : this.connection;
        return this.timed(`update ${type}`, () => api.sobject(type).update({ Id: id, ...values }));
    }

    /** Metadata full names and Ids of every component of a type (one listMetadata call). */
    list(type: string): Promise<{ id: string; fullName: string }[]> {
        return this.timed(`listMetadata ${type}`, async () =>
            asList(await this.connection.metadata.list([{ type }])).map((p) => ({ id: p.id, fullName: p.fullName }))
        );
    }

    /**
     * The components asked for, in order; undefined where the org has none of that name. Batches run together. Each
     * record is paired with the name asked by the `fullName` it carries (ignoring case), never by its place in the
     * answer: a missing component may come back empty or not at all.
     */
    async read(type: string, fullNames: readonly string[]): Promise<(MetadataRecord | undefined)[]> {
        const batches = await Promise.all(
            chunks(fullNames, METADATA_BATCH).map((batch) =>
                this.timed(`readMetadata ${type}`, async () =>
                    asList(
                        (await this.connection.metadata.read(type as never, [...batch])) as unknown as Record<
                            string,
                            unknown
                        >[]
                    )
                )
            )
        );
        return pairByFullName(fullNames, batches.flat());
    }

    /** create or update of 1 to 10 components of one type, all or none. */
    save(
        operation: 'createMetadata' | 'updateMetadata',
        type: string,
        components: readonly MetadataRecord[]
    ): Promise<SaveResult[]> {
        if (components.length < 1 || components.length > METADATA_BATCH)
            throw new Error(`A Metadata call takes 1 to ${METADATA_BATCH} components, not ${components.length}`);
        const nil = components.flatMap((c) => nilWithContent(c, c.fullName));
        if (nil.length) throw new Error(`Refusing to send xsi:nil elements that have content: ${nil.join(', ')}`);
        const soap = new AllOrNoneSoap(this.connection, {
            xmlns: METADATA_NS,
            endpointUrl: `${this.connection.instanceUrl}/services/Soap/m/${this.connection.version}`,
        });
        const metadata = components.map((c) => ({ '@xsi:type': type, ...c }));
        return this.timed(`${operation} ${type}`, async () => {
            const response = (await soap.invoke(
                operation,
                { metadata },
                { result: [ApiSchemas.SaveResult] },
                ApiSchemas
            )) as { result: SaveResult[] };
            return asList(response.result).map((r) => ({
                fullName: String(r.fullName ?? ''),
                success: r.success === true,
                errors: asList(r.errors).map((e) => ({
                    statusCode: String(e.statusCode ?? ''),
                    message: String(e.message ?? ''),
                })),
            }));
        });
    }
}
