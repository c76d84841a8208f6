/**
 * The plugin reader's caps against the fake org, which answers at most a query's LIMIT rows as the platform does: a
 * list that fills its query's LIMIT may be cut, so it is reported unreadable ("More than n-1 rows of …: not read",
 * the words of SetupSnapshotReader.limitedRows), never used as the whole list; a cut profile list refuses
 * `--profiles` instead of calling a typed name unknown.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { fullySetUpOrg } from '../../samples/orgs';
import { OrgApi } from '../../src/lib/orgApi';
import { fixedLimit, readOrg, wholeLists } from '../../src/lib/reader';
import { PluginHarness, type Envelope } from './pluginHarness';

const h = new PluginHarness();
const AGENTS = '--profiles=SimplyChat Agent,Support';

async function orgApi(): Promise<OrgApi> {
    const { Org } = await import('@salesforce/core');
    return new OrgApi((await Org.create({ aliasOrUsername: 'fake' })).getConnection());
}

function regularGroups(
    count: number
): { Id: string; Type: string; RelatedId: null; DeveloperName: string; Name: string }[] {
    return Array.from({ length: count }, (_, i) => {
        const n = String(i).padStart(5, '0');
        return { Id: `00G5g00000${n}AAA`, Type: 'Regular', RelatedId: null, DeveloperName: `G${n}`, Name: `G ${n}` };
    });
}

before(() => h.start(fullySetUpOrg()));
after(() => h.stop());
beforeEach(() => h.reset(fullySetUpOrg()));

describe('a list that fills its LIMIT is not read, never cut (LIMIT audit)', () => {
    it('finds the fixed LIMIT of a list query; LIMIT 1 and bound caps are not lists of their own', () => {
        assert.equal(fixedLimit("SELECT Id FROM Group WHERE Type = 'Regular' ORDER BY Name LIMIT 2000"), 2000);
        assert.equal(fixedLimit('SELECT Id FROM Organization LIMIT 1'), undefined);
        assert.equal(fixedLimit('SELECT Id FROM User GROUP BY ProfileId'), undefined);
    });

    it('reports 2,000 public groups (the LIMIT) as not read; 1,999 are read whole', async () => {
        const api = await orgApi();
        const base = h.fake.people;
        const own = base.groups.filter((g) => g.Type === 'Regular').length;
        const choices = { profiles: ['SimplyChat Agent', 'Support'] };

        h.fake.people = { ...base, groups: [...base.groups, ...regularGroups(2000 - own)] };
        const groups = (await readOrg(api, choices)).snapshot.publicGroups;
        assert.equal(groups?.status, 'unavailable');
        assert.match(
            String(groups?.status === 'unavailable' && groups.message),
            /More than 1999 rows of Group: not read/
        );

        h.fake.people = { ...base, groups: [...base.groups, ...regularGroups(1999 - own)] };
        const whole = (await readOrg(api, choices)).snapshot.publicGroups;
        assert.equal(whole?.status === 'read' && whole.records.length, 1999);
    });

    it('a child list that says it is not done (status assignments) is refused, never read as the whole list', async () => {
        const api = await orgApi();
        h.fake.routes.push((request) =>
            request.soql.startsWith('SELECT Id, Label, IsOwnedByProfile, ProfileId, PermissionSetGroupId,')
                ? {
                      status: 200,
                      body: {
                          totalSize: 1,
                          done: true,
                          records: [
                              {
                                  Id: '0PS5g0000000001AAA',
                                  Label: 'Chat agents',
                                  IsOwnedByProfile: false,
                                  ProfileId: null,
                                  PermissionSetGroupId: null,
                                  SetupEntityAccessItems: { totalSize: 1, done: true, records: [] },
                                  Assignments: { totalSize: 2500, done: false, records: [] },
                              },
                          ],
                      },
                  }
                : undefined
        );
        try {
            const { snapshot } = await readOrg(api, { profiles: ['SimplyChat Agent', 'Support'] });
            for (const part of [snapshot.statusAccess, snapshot.permissionSetAccess]) {
                assert.equal(part.status, 'unavailable');
                assert.match(
                    String(part.status === 'unavailable' && part.message),
                    /More assignments of status access than one answer holds: not read/
                );
            }
        } finally {
            h.fake.routes.pop();
        }
    });

    it('a full answer through wholeLists is refused; a LIMIT 1 read and an answer under the LIMIT pass', async () => {
        const answer = (n: number) => Array.from({ length: n }, (_, i) => ({ Id: String(i) }));
        let rows = 10;
        const api = wholeLists({ query: async () => answer(rows) } as unknown as OrgApi);
        await assert.rejects(api.query('SELECT Id FROM UserRole LIMIT 10'), /More than 9 rows of UserRole: not read/);
        assert.equal((await api.query('SELECT Id FROM UserRole LIMIT 11')).length, 10);
        rows = 1;
        assert.equal((await api.query('SELECT Id FROM Organization LIMIT 1')).length, 1);
    });

    it('refuses --profiles when the profile list fills its LIMIT: says so, never "no profile named", writes nothing', async () => {
        h.fake.extraProfiles = Array.from({ length: 10000 }, (_, i) => ({
            Id: `00e5g00000${String(i).padStart(5, '0')}AAA`,
            Name: `Extra ${i}`,
        }));
        for (const command of ['check', 'fix']) {
            const result = await h.run([
                command,
                '-o',
                'fake',
                AGENTS,
                '--json',
                ...(command === 'fix' ? ['--yes'] : []),
            ]);
            const envelope = JSON.parse(result.out) as Envelope<unknown>;
            assert.equal(result.code, 1, result.out + result.err);
            assert.equal(envelope.status, 1);
            assert.match(
                String(envelope.message),
                /profiles could not be read.*More than 9999 rows of Profile: not read/
            );
            assert.doesNotMatch(String(envelope.message), /No profile named/);
        }
        assert.equal(h.fake.writes, 0);
        h.fake.extraProfiles = [];
    });
});
