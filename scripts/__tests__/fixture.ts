import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const CLASS_META = `<?xml version="1.0" encoding="UTF-8"?>
<ApexClass xmlns="http://soap.sforce.com/2006/04/metadata">
    <apiVersion>65.0</apiVersion>
    <status>Active</status>
</ApexClass>
`;

/** A temporary folder holding `files` (path relative to the folder → content). */
export function makeTree(files: Record<string, string>): string {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-fixture-'));
    for (const [rel, content] of Object.entries(files)) {
        const full = path.join(root, rel);
        fs.mkdirSync(path.dirname(full), { recursive: true });
        fs.writeFileSync(full, content);
    }
    return root;
}

export function removeTree(root: string): void {
    fs.rmSync(root, { recursive: true, force: true });
}

/** A minimal valid SFDX project: one class with its test, one LWC bundle (compiled), labels. */
export function validProjectFiles(): Record<string, string> {
    return {
        'sfdx-project.json': JSON.stringify({
            packageDirectories: [{ path: 'force-app', default: true }],
            sourceApiVersion: '65.0',
        }),
        '.forceignore': '**/lwc/**/*.ts\n**/__tests__/**\n',
        'force-app/main/default/classes/Greeter.cls':
            "public with sharing class Greeter {\n    public static String greet(String name) {\n        return 'Hello ' + name;\n    }\n}\n",
        'force-app/main/default/classes/Greeter.cls-meta.xml': CLASS_META,
        'force-app/main/default/lwc/hello/hello.ts':
            "import { LightningElement } from 'lwc';\nexport default class Hello extends LightningElement {}\n",
        'force-app/main/default/lwc/hello/hello.js':
            "import { LightningElement } from 'lwc';\nexport default class Hello extends LightningElement {}\n",
        'force-app/main/default/lwc/hello/hello.html': '<template><p>Hello</p></template>\n',
        'force-app/main/default/lwc/hello/__tests__/hello.test.ts': "it('renders', () => expect(1).toBe(1));\n",
        'force-app/main/default/lwc/hello/hello.js-meta.xml': `<?xml version="1.0" encoding="UTF-8"?>
<LightningComponentBundle xmlns="http://soap.sforce.com/2006/04/metadata">
    <apiVersion>65.0</apiVersion>
    <isExposed>true</isExposed>
    <targets>
        <target>lightning__Tab</target>
    </targets>
</LightningComponentBundle>
`,
        'force-app/main/default/labels/CustomLabels.labels-meta.xml': `<?xml version="1.0" encoding="UTF-8"?>
<CustomLabels xmlns="http://soap.sforce.com/2006/04/metadata">
    <labels>
        <fullName>Hello_Title</fullName>
        <language>en_US</language>
        <protected>true</protected>
        <shortDescription>Hello title</shortDescription>
        <value>Hello</value>
    </labels>
</CustomLabels>
`,
    };
}
