/**
 * `sf simplychat setup check` says what the tab says: for each sample org served by the fake org, the reason the
 * CLI prints for each item (its table and its --json text) is the tab's text for the same org, worded by the tab's
 * text module (c/setupText) from the tab's English labels: plurals ("1 agent profile lacks access"), numbers
 * (1,000), item titles in "blocked by" lists.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { evaluate, ITEM_IDS, type OrgSnapshot } from '../../force-app/main/default/lwc/setupEngine/setupEngine';
import { reasonText, withLocale, type Labels } from '../../force-app/main/default/lwc/setupText/setupText';
import {
    choices,
    fullySetUpOrg,
    omniDisabledOrg,
    omniOrg,
    partlySetUpOrg,
    PROFILE,
    read,
    sharedOmniOrg,
} from '../../samples/orgs';
import { utilityBarsOf } from '../../samples/agents';
import { PluginHarness, ROOT, type Envelope } from './pluginHarness';

const h = new PluginHarness();
const AGENTS = '--profiles=SimplyChat Agent,Support';

/** The tab in English: the labels' English column, the en-US locale. */
const ENGLISH: Labels = withLocale(
    Object.fromEntries(
        (
            JSON.parse(fs.readFileSync(path.join(ROOT, 'config', 'labels', 'setup-labels.json'), 'utf8')) as {
                labels: [string, string, string][];
            }
        ).labels.map(([key, en]) => [key, en])
    ),
    'en-US'
);

/** An org where one agent profile of two lacks status access and one user sits in another configuration. */
function oneOfEachOrg(): OrgSnapshot {
    const org = fullySetUpOrg();
    const access = org.statusAccess.status === 'read' ? org.statusAccess.records : [];
    return {
        ...org,
        statusAccess: {
            status: 'read',
            records: access.filter((r) => r.ProfileId !== PROFILE.support.Id),
        },
    };
}

/**
 * The org as the tab has it once loaded: the apps and their access as read (none when the sample lists none, as the
 * fake org serves them), and the utility bars its on-demand read (getUtilityBars) adds, as the CLI reads them too.
 */
function asTheTabReadsIt(snapshot: OrgSnapshot): OrgSnapshot {
    return {
        ...snapshot,
        apps: snapshot.apps ?? read([]),
        appMenuItems: snapshot.appMenuItems ?? read([]),
        appAccess: snapshot.appAccess ?? read([]),
        utilityBars: snapshot.utilityBars?.status === 'read' ? snapshot.utilityBars : utilityBarsOf(snapshot),
        choices: choices(),
    };
}

const SAMPLE_ORGS: Record<string, () => OrgSnapshot> = {
    omniDisabledOrg,
    omniOrg: () => omniOrg(),
    partlySetUpOrg,
    fullySetUpOrg,
    sharedOmniOrg,
    oneOfEachOrg,
};

/** The reason column of the printed table, by item number. */
function printedReasons(out: string): Map<number, string> {
    return new Map(
        [...out.matchAll(/^ {0,2}(\d{1,2}) {2}(?:PASS|FAIL|WARN|WAIT|\?\?\?\?) {2}(.*)$/gm)].map((m) => [
            Number(m[1]),
            m[2],
        ])
    );
}

interface JsonItem {
    id: string;
    reason: { key: string; params: Record<string, string | number> };
    text: string;
}

before(() => h.start(fullySetUpOrg()));
after(() => h.stop());

describe('check prints the reason texts the tab shows', () => {
    for (const [name, org] of Object.entries(SAMPLE_ORGS)) {
        it(name, async () => {
            const snapshot = org();
            h.reset(snapshot);
            const tab = evaluate(asTheTabReadsIt(snapshot));
            const json = await h.run(['check', '-o', 'fake', '--json', AGENTS]);
            const items = (JSON.parse(json.out) as Envelope<{ items: JsonItem[] }>).result?.items ?? [];
            assert.equal(items.length, ITEM_IDS.length, json.err + json.out);
            const text = await h.run(['check', '-o', 'fake', AGENTS]);
            const printed = printedReasons(text.out);
            assert.equal(printed.size, ITEM_IDS.length, text.out);
            tab.forEach((item, i) => {
                const expected = reasonText(ENGLISH, item.reason);
                assert.equal(items[i].id, item.id);
                assert.equal(items[i].text, expected, `${name} ${item.id} (--json)`);
                assert.ok(
                    printed.get(item.order)?.endsWith(`  ${expected}`),
                    `${name} ${item.id}: the table prints\n${printed.get(item.order)}\nthe tab shows\n${expected}`
                );
            });
        });
    }

    it('counts of one read in the singular, as in the tab', async () => {
        h.reset(oneOfEachOrg());
        const result = await h.run(['check', '-o', 'fake', AGENTS]);
        const profileAccess = printedReasons(result.out).get(ITEM_IDS.indexOf('profileAccess') + 1) ?? '';
        assert.match(profileAccess, /\b1 agent profile\b/, result.out);
        assert.doesNotMatch(profileAccess, /\b1 agent profiles\b/, result.out);
    });
});
