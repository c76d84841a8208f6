/** The plugin's pure helpers: error classification, "did you mean", profile names, WSDL-ordered keys. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EXIT, isAuthError, isNetworkError, orgError } from '../../src/lib/errors.js';
import { setKey, withIncludeBosses } from '../../src/lib/executor.js';
import { nilWithContent, OrgApi, TimeoutError, withoutNil } from '../../src/lib/orgApi.js';
import { closest, resolveProfiles, UnknownProfilesError, type OrgProfile } from '../../src/lib/reader.js';

describe('plugin errors', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
    it('sorts network, server and login failures by what they are', () => {
        assert.ok(isNetworkError(new TypeError('fetch failed', { cause: refused })));
        assert.ok(isNetworkError(Object.assign(new Error('<html>'), { name: 'ERROR_HTTP_503' })));
        assert.ok(isNetworkError(new SyntaxError('Unexpected token < in JSON at position 0')));
        assert.ok(isNetworkError(new TimeoutError('query', 3000)));
        assert.ok(
            isAuthError(Object.assign(new Error('Session expired or invalid'), { errorCode: 'INVALID_SESSION_ID' }))
        );
        assert.ok(!isAuthError(refused) && !isNetworkError(new Error('FIELD_INTEGRITY_EXCEPTION')));
    });
    it('gives each its exit code and what to do', () => {
        assert.equal(orgError(refused, 'me').exitCode, EXIT.network);
        assert.equal(
            orgError(Object.assign(new Error('x'), { name: 'NamedOrgNotFoundError' }), 'me').exitCode,
            EXIT.auth
        );
        assert.match(String(orgError(new TimeoutError('query', 3000), 'me').message), /within 3 s/);
        assert.equal(orgError(new Error('odd'), 'me').exitCode, EXIT.failed);
    });
});

describe('plugin names', () => {
    const profiles = new Map<string, OrgProfile>([
        ['00e1', { id: '00e1', name: 'System Administrator', fullName: 'Admin' }],
        ['00e2', { id: '00e2', name: 'Custom: Support', fullName: 'Custom%3A Support' }],
    ]);
    it('resolves names and decoded full names, case-insensitively, once each', () => {
        assert.deepEqual(resolveProfiles(['admin', 'custom: support', 'System Administrator'], profiles), [
            '00e1',
            '00e2',
        ]);
    });
    it('suggests the nearest name for a typo and nothing for nonsense', () => {
        assert.throws(
            () => resolveProfiles(['Sytem Administrator', 'zzzz'], profiles),
            (e: unknown) => e instanceof UnknownProfilesError && e.suggestions.join() === 'System Administrator'
        );
        assert.equal(closest('--profile', ['--profiles', '--capacity']), '--profiles');
        assert.equal(closest('--xyz', ['--profiles']), undefined);
    });
});

describe('metadata keys in WSDL order', () => {
    it('inserts a new key before the first later one and keeps an existing key in place', () => {
        const order = ['fullName', 'capacityWeight', 'label', 'routingModel'];
        assert.deepEqual(Object.keys(setKey({ fullName: 'X', label: 'L' }, 'capacityWeight', 1, order)), [
            'fullName',
            'capacityWeight',
            'label',
        ]);
        assert.deepEqual(setKey({ fullName: 'X', label: 'L' }, 'label', 'M', order), { fullName: 'X', label: 'M' });
        assert.deepEqual(Object.keys(setKey({ fullName: 'X', other: 1 }, 'routingModel', 'M', order)), [
            'fullName',
            'other',
            'routingModel',
        ]);
    });
});

describe('withIncludeBosses (Metadata API Queue, doesIncludeBosses required from API 67.0)', () => {
    const created = { fullName: 'SimplyChat', name: 'SimplyChat', queueRoutingConfig: 'SimplyChat' };

    it('adds the Setup default (Grant Access Using Hierarchies: true) at its WSDL place from API 67.0', () => {
        const queue = withIncludeBosses(created, '67.0');
        assert.equal(queue.doesIncludeBosses, true);
        assert.deepEqual(Object.keys(queue), ['fullName', 'doesIncludeBosses', 'name', 'queueRoutingConfig']);
        assert.equal(withIncludeBosses(created, '68.0').doesIncludeBosses, true);
    });

    it('leaves a queue alone before API 67.0, and keeps the value a queue was read with', () => {
        assert.equal('doesIncludeBosses' in withIncludeBosses(created, '65.0'), false);
        assert.equal('doesIncludeBosses' in withIncludeBosses(created, undefined), false);
        assert.equal(withIncludeBosses({ ...created, doesIncludeBosses: false }, '67.0').doesIncludeBosses, false);
    });
});

describe('xsi:nil in components read through jsforce', () => {
    const NIL = { $: { 'xsi:nil': 'true' } };

    it('a nil element left as read is left out; one that gained children loses the marker, for every owned kind', () => {
        const settings = { fullName: 'OmniChannel', enableOmniChannel: true, enableOmniStatusCapModel: NIL };
        assert.deepEqual(withoutNil(settings), { fullName: 'OmniChannel', enableOmniChannel: true });
        const queue = { fullName: 'SimplyChat', queueMembers: { ...NIL, users: { user: ['anna@x.example'] } } };
        assert.deepEqual(withoutNil(queue), {
            fullName: 'SimplyChat',
            queueMembers: { users: { user: ['anna@x.example'] } },
        });
        const config = { fullName: 'SimplyChat', capacity: 2, assignments: NIL, declineReasons: [NIL, 'Busy'] };
        assert.deepEqual(withoutNil(config), { fullName: 'SimplyChat', capacity: 2, declineReasons: ['Busy'] });
        const routing = { fullName: 'SimplyChat', skills: NIL, routingPriority: 1 };
        assert.deepEqual(withoutNil(routing), { fullName: 'SimplyChat', routingPriority: 1 });
        const status = { fullName: 'SimplyChat_Online', channels: { ...NIL, channel: ['SimplyChat'] }, label: 'On' };
        assert.deepEqual(withoutNil(status), {
            fullName: 'SimplyChat_Online',
            channels: { channel: ['SimplyChat'] },
            label: 'On',
        });
    });

    it('a writer refuses to send a nil element with content, naming it, before any call', () => {
        assert.deepEqual(nilWithContent({ fullName: 'Q', queueMembers: { ...NIL, users: { user: 'a' } } }, 'Q'), [
            'Q.queueMembers',
        ]);
        const api = new OrgApi({} as never);
        assert.throws(
            () =>
                api.save('updateMetadata', 'Queue', [
                    { fullName: 'Q', queueMembers: { ...NIL, users: { user: 'a' } } },
                ]),
            /xsi:nil elements that have content: Q\.queueMembers/
        );
    });
});
