/** The record writer's queries (recordWriter.ts), told apart from the snapshot reader's (which all have LIMIT). */
export function isRecordWriterQuery(soql: string): boolean {
    return (
        !/ LIMIT | ORDER BY | GROUP BY /.test(soql) &&
        (/^SELECT Id, /.test(soql) || soql.startsWith('SELECT UserId, PresenceUserConfigId, User.ProfileId FROM'))
    );
}

/**
 * Record tables beside the fake org, for the record changes of the write law: the writer's query shapes
 * (`SELECT … FROM X WHERE f IN ('a', 'b') AND f = TRUE AND f = NULL AND f = 'text'`, a parent field as 'User.ProfileId'; text
 * compared without case, Ids on their first 15 characters) and REST Composite requests of sObject Collections,
 * applied in order and rolled back whole when one is refused (allOrNone), as the REST API documents.
 */
import type { FakeAnswer, FakeRequest } from './fakeSalesforce';

type Row = Record<string, unknown>;

const norm = (value: unknown): string => {
    // A field a row lacks is null, as `f = NULL` asks.
    const text = String(value ?? null).toLowerCase();
    return /^[a-z0-9]{18}$/.test(text) ? text.slice(0, 15) : text;
};

export class FakeRecordTables {
    /** Every Composite subrequest, as "action sObject rowCount" ('rollback' after a refusal). */
    readonly calls: string[] = [];
    /** "action sObject" the org refuses (FIELD_INTEGRITY_EXCEPTION), after the subrequests before it ran. */
    refuse: string | null = null;
    /** Whether the last Composite request was refused (and rolled back). */
    failed = false;
    private next = 1;

    constructor(public tables: Record<string, Row[]>) {}

    rows(sObject: string): Row[] {
        return this.tables[sObject] ?? [];
    }

    /** The fake org's route: answers queries and Composite requests from the tables. */
    route(): (request: FakeRequest) => FakeAnswer | undefined {
        return (request) => {
            if (request.method === 'GET' && request.path.replace(/\/$/, '') === '/query')
                return { status: 200, body: this.query(request.soql) };
            if (request.method === 'POST' && request.path.replace(/\/$/, '') === '/composite')
                return { status: 200, body: this.composite(JSON.parse(request.body) as never) };
            return undefined;
        };
    }

    query(soql: string): { totalSize: number; done: true; records: Row[] } {
        const [, fieldList, sObject, where] = /^SELECT (.+) FROM (\w+) WHERE (.+)$/.exec(soql) ?? [];
        if (!sObject) throw new Error(`fakeRecords: unexpected query ${soql}`);
        const fields = fieldList.split(',').map((f) => f.trim());
        const conditions = where.split(' AND ').map((c) => c.trim());
        const holds = (row: Row, condition: string): boolean => {
            const [name, rest] = [condition.split(' ')[0], condition.slice(condition.indexOf(' ') + 1)];
            const value = norm(row[name]);
            if (rest.startsWith('IN ('))
                return rest
                    .slice(4, -1)
                    .split(',')
                    .map((v) => norm(v.trim().replace(/^'|'$/g, '')))
                    .includes(value);
            return value === norm(rest.replace(/^= /, '').replace(/^'|'$/g, ''));
        };
        const records = this.rows(sObject)
            .filter((row) => conditions.every((c) => holds(row, c)))
            .map((row) => {
                const out: Row = { attributes: { type: sObject } };
                for (const f of fields) {
                    if (!f.includes('.')) out[f] = row[f] ?? null;
                    else {
                        const [parent, child] = f.split('.');
                        out[parent] = { ...((out[parent] as Row | undefined) ?? {}), [child]: row[f] ?? null };
                    }
                }
                return out;
            });
        return { totalSize: records.length, done: true, records };
    }

    composite(body: {
        allOrNone: boolean;
        collateSubrequests: boolean;
        compositeRequest: { method: string; url: string; referenceId: string; body?: { records: Row[] } }[];
    }): unknown {
        if (body.allOrNone !== true || body.collateSubrequests !== false)
            throw new Error('fakeRecords: record changes must be one ordered all-or-none request');
        const saved = JSON.stringify(this.tables);
        const answers: { referenceId: string; httpStatusCode: number; body: unknown }[] = [];
        let failed = false;
        for (const sub of body.compositeRequest) {
            const action = sub.method === 'DELETE' ? 'delete' : sub.method === 'POST' ? 'insert' : 'update';
            const url = new URL(sub.url, 'http://x');
            const ids = url.searchParams.get('ids')?.split(',') ?? [];
            const records = sub.body?.records ?? [];
            const sObject =
                action === 'delete'
                    ? (Object.keys(this.tables).find((t) => this.rows(t).some((r) => norm(r.Id) === norm(ids[0]))) ??
                      '?')
                    : String((records[0]?.attributes as Row | undefined)?.type);
            const count = action === 'delete' ? ids.length : records.length;
            this.calls.push(`${action} ${sObject} ${count}`);
            if (failed) {
                answers.push({
                    referenceId: sub.referenceId,
                    httpStatusCode: 400,
                    body: [{ errorCode: 'PROCESSING_HALTED', message: 'halted' }],
                });
                continue;
            }
            if (this.refuse === `${action} ${sObject}`) {
                failed = true;
                answers.push({
                    referenceId: sub.referenceId,
                    httpStatusCode: 200,
                    body: Array.from({ length: count }, () => ({
                        success: false,
                        errors: [{ statusCode: 'FIELD_INTEGRITY_EXCEPTION', message: `refused: ${sObject}` }],
                    })),
                });
                continue;
            }
            const table = (this.tables[sObject] ??= []);
            if (action === 'delete')
                this.tables[sObject] = table.filter((r) => !ids.some((id) => norm(id) === norm(r.Id)));
            else if (action === 'insert')
                for (const r of records) {
                    const { attributes: _attributes, ...values } = r;
                    void _attributes;
                    table.push({ ...values, Id: `new${this.next++}` });
                }
            else
                for (const r of records) {
                    const { attributes: _attributes, ...values } = r;
                    void _attributes;
                    Object.assign(table.find((row) => norm(row.Id) === norm(values.Id)) ?? {}, values);
                }
            answers.push({
                referenceId: sub.referenceId,
                httpStatusCode: 200,
                body: Array.from({ length: count }, () => ({ success: true, errors: [] })),
            });
        }
        if (failed) {
            this.tables = JSON.parse(saved) as Record<string, Row[]>;
            this.calls.push('rollback');
        }
        this.failed = failed;
        return { compositeResponse: answers };
    }
}
