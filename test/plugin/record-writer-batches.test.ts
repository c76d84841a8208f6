/**
 * The record writer's own queries (references and rows already there) fit the query URI whatever the number of
 * users or profiles: a fake org that answers 431 past the URI budget, as Salesforce does past 16,384 bytes.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { QUERY_URI_BYTES, uriBytes } from '../../src/lib/orgApi';
import { applyRecordWrites, type CompositeSubrequest, type RecordApi } from '../../src/lib/recordWriter';
import type { RecordWrite } from '../../src/lib/engine';

type Row = Record<string, unknown>;

const QUEUE = '00G5g00000SCQueAAA';
const id = (prefix: string, n: number): string => `${prefix}5g0000${String(n).padStart(9, '0')}`;

/** Profiles with one active user each; the queries the writer sends are answered from them. */
function bigOrg(profiles: number): { api: RecordApi; queries: string[]; inserted: Row[] } {
    const users = Array.from({ length: profiles }, (_, n) => ({ Id: id('005', n), ProfileId: id('00e', n) }));
    const queries: string[] = [];
    const inserted: Row[] = [];
    const listed = (soql: string, field: string): Set<string> =>
        new Set(
            [...(new RegExp(`${field} IN \\(([^)]*)\\)`).exec(soql)?.[1] ?? '').matchAll(/'([^']+)'/g)].map((m) => m[1])
        );
    const api: RecordApi = {
        version: '65.0',
        query(soql: string): Promise<Row[]> {
            queries.push(soql);
            if (uriBytes(soql) > QUERY_URI_BYTES)
                return Promise.reject(Object.assign(new Error('431'), { status: 431 }));
            if (soql.includes('FROM User ')) {
                const wanted = listed(soql, 'ProfileId');
                return Promise.resolve(users.filter((u) => wanted.has(u.ProfileId)));
            }
            if (soql.includes('FROM GroupMember ')) {
                const wanted = listed(soql, 'UserOrGroupId');
                // Every tenth user is a member already.
                return Promise.resolve(
                    users
                        .filter((u, n) => n % 10 === 0 && wanted.has(u.Id))
                        .map((u) => ({ Id: `011${u.Id.slice(3)}`, GroupId: QUEUE, UserOrGroupId: u.Id }))
                );
            }
            return Promise.resolve([]);
        },
        composite(body: { compositeRequest: CompositeSubrequest[] }) {
            for (const request of body.compositeRequest)
                inserted.push(...((request.body as { records: Row[] } | undefined)?.records ?? []));
            return Promise.resolve({
                compositeResponse: body.compositeRequest.map((r) => ({
                    referenceId: r.referenceId,
                    httpStatusCode: 200,
                    body: [],
                })),
            });
        },
    } as RecordApi;
    return { api, queries, inserted };
}

describe('record writer queries fit the query URI', () => {
    it('resolves and checks 1,200 users in batches that each fit', async () => {
        const org = bigOrg(1200);
        const writes: RecordWrite[] = Array.from({ length: 1200 }, (_, n) => ({
            sObject: 'GroupMember',
            action: 'insert',
            fields: { GroupId: QUEUE, UserOrGroupId: { ref: 'profileUsers', profileId: id('00e', n) } },
        }));
        const changed = await applyRecordWrites(org.api, writes);
        assert.ok(org.queries.length > 2, `batched: ${org.queries.length} queries`);
        assert.ok(org.queries.every((q) => uriBytes(q) <= QUERY_URI_BYTES));
        assert.equal(changed.length, 1080, 'every user not yet a member, once');
        assert.equal(org.inserted.length, 1080);
    });
});
