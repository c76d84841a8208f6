/**
 * The sf plugin end to end against a fake Salesforce org on 127.0.0.1, through oclif as sf runs it: check, fix,
 * export (with a deploy round trip), --json envelopes, exit codes, network and login failures, bad input.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { fullySetUpOrg, partlySetUpOrg } from '../../samples/orgs';
import { PluginHarness } from './pluginHarness';

const h = new PluginHarness();
const AGENTS = '--profiles=SimplyChat Agent,Support';

before(() => h.start(partlySetUpOrg()));
after(() => h.stop());

describe('sf simplychat setup check', () => {
    beforeEach(() => h.reset(fullySetUpOrg()));

    it('passes on a fully set up org with the default org: exit 0 and a readable table', async () => {
        const result = await h.run(['check', '-o', 'fake', AGENTS]);
        assert.equal(result.code, 0, result.err + result.out);
        assert.match(result.out, /12 of 12 ready/);
        assert.equal(h.fake.writes, 0);
    });
});
