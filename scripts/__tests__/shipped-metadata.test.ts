import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { XMLParser } from 'fast-xml-parser';

/** Facts about the package's own metadata that public evidence settled (docs/org-verification.md). */
const DEFAULT = path.join(process.cwd(), 'force-app', 'main', 'default');
const parser = new XMLParser({ parseTagValue: false });

function read(rel: string): Record<string, unknown> {
    return parser.parse(fs.readFileSync(path.join(DEFAULT, rel), 'utf8')) as Record<string, unknown>;
}

describe('shipped metadata', () => {
    it('gives the tab the headset motif, Custom71 (Custom40 is the credit card)', () => {
        const tab = read('tabs/SimplyChat_Setup.tab-meta.xml').CustomTab as { motif: string };
        assert.equal(tab.motif, 'Custom71: Headset');
    });

    it('gives the External Credential per-user principal a sequence number, as every public example does', () => {
        const credential = read('externalCredentials/SimplyChat_Setup_API.externalCredential-meta.xml')
            .ExternalCredential as { externalCredentialParameters: Record<string, string> | Record<string, string>[] };
        const parameters = [credential.externalCredentialParameters].flat();
        const principals = parameters.filter((p) => p.parameterType === 'PerUserPrincipal');
        assert.equal(principals.length, 1);
        assert.equal(principals[0].sequenceNumber, '1');
    });
});
