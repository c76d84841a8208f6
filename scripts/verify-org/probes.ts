/**
 * One probe per Salesforce fact that docs/org-verification.md still lists as unknown. Each probe asks the org the
 * narrowest question that settles the fact, reads where it can, and undoes what it writes. A probe answers holds,
 * does not hold, or could not tell (with why), and always the evidence: what the org said.
 */
import {
    FLOW_API_NAME,
    FLOW_LABEL,
    RECORD_OBJECTS,
    SC_SETUP_DEFAULTS,
} from '../../force-app/main/default/lwc/setupEngine/setupEngine';
import { RECORD_WRITE_ACTIONS } from '../../force-app/main/default/lwc/setupEngine/contract';
import { labelName, readLabels } from '../labels';
import { OrgApiError, type OrgApi } from './org-api';

export type Verdict = 'holds' | 'doesNotHold' | 'couldNotTell';

export interface Outcome {
    verdict: Verdict;
    evidence: string;
}

export interface Probe {
    /** Stable id, used in docs/org-verification.md. */
    id: string;
    fact: string;
    /** Whether the probe writes to the org (and cleans up after itself). */
    writes: boolean;
    run: (api: OrgApi) => Promise<Outcome>;
}

const holds = (evidence: string): Outcome => ({ verdict: 'holds', evidence });
const doesNotHold = (evidence: string): Outcome => ({ verdict: 'doesNotHold', evidence });
const couldNotTell = (evidence: string): Outcome => ({ verdict: 'couldNotTell', evidence });

function apiText(error: unknown): string {
    return error instanceof OrgApiError ? `${error.code}: ${error.apiMessage}` : String(error);
}

/** Errors that mean the org refused the question itself (the fact is wrong), not that the probe broke. */
function isRefusal(error: unknown): boolean {
    return (
        error instanceof OrgApiError &&
        ['INVALID_FIELD', 'INVALID_TYPE', 'MALFORMED_QUERY', 'INVALID_QUERY_FILTER_OPERATOR'].includes(error.code)
    );
}

type Row = Record<string, unknown>;

/** SetupPermissions.EFFECTIVE_PERMISSIONS (Apex) and the CLI reader read exactly these fields. */
export const PERMISSION_FIELDS = [
    'PermissionsViewSetup',
    'PermissionsCustomizeApplication',
    'PermissionsModifyMetadata',
    'PermissionsModifyAllData',
    'PermissionsManageUsers',
    'PermissionsManageProfilesPermissionsets',
];

const effectivePermissions: Probe = {
    id: 'effectivePermissions',
    fact: "UserPermissionAccess gives the running user's six setup permissions in one row",
    writes: false,
    run: async (api) => {
        try {
            const rows = await api.query(`SELECT ${PERMISSION_FIELDS.join(', ')} FROM UserPermissionAccess LIMIT 1`);
            if (rows.length !== 1) return couldNotTell(`${rows.length} rows`);
            const missing = PERMISSION_FIELDS.filter((f) => typeof rows[0][f] !== 'boolean');
            return missing.length === 0
                ? holds(PERMISSION_FIELDS.map((f) => `${f}=${String(rows[0][f])}`).join(', '))
                : doesNotHold(`not boolean: ${missing.join(', ')}`);
        } catch (error) {
            return isRefusal(error) ? doesNotHold(apiText(error)) : couldNotTell(apiText(error));
        }
    },
};

const supportUserGroupable: Probe = {
    id: 'supportUserGroupable',
    fact: 'User.UserPermissionsSupportUser can be grouped in an aggregate query (SoqlSource.ACTIVE_USERS)',
    writes: false,
    run: async (api) => {
        try {
            const rows = await api.query(
                "SELECT ProfileId profileId, UserPermissionsSupportUser serviceCloud, COUNT(Id) userCount FROM User WHERE IsActive = TRUE AND UserType = 'Standard' GROUP BY ProfileId, UserPermissionsSupportUser"
            );
            return holds(`${rows.length} groups`);
        } catch (error) {
            return isRefusal(error) ? doesNotHold(apiText(error)) : couldNotTell(apiText(error));
        }
    },
};

async function packageFlow(api: OrgApi): Promise<Row | undefined> {
    const rows = await api.query(
        `SELECT ApiName, Label, NamespacePrefix, ActiveVersionId, LatestVersionId FROM FlowDefinitionView WHERE ApiName = '${FLOW_API_NAME}' OR Label = '${FLOW_LABEL}' LIMIT 10`
    );
    return rows[0];
}

const flowApiName: Probe = {
    id: 'flowApiName',
    fact: `The package flow's API name is ${FLOW_API_NAME}`,
    writes: false,
    run: async (api) => {
        try {
            const flow = await packageFlow(api);
            if (!flow) return couldNotTell('no flow with that label or API name: is the SimplyChat package installed?');
            const found = `ApiName ${String(flow.ApiName)}, NamespacePrefix ${String(flow.NamespacePrefix)}`;
            return String(flow.ApiName).toLowerCase() === FLOW_API_NAME.toLowerCase()
                ? holds(found)
                : doesNotHold(`${found}: put it in FLOW_API_NAME`);
        } catch (error) {
            return couldNotTell(apiText(error));
        }
    },
};

interface Described {
    createable?: boolean;
    updateable?: boolean;
    fields: { name: string; label: string; type: string; custom: boolean; updateable?: boolean }[];
}

/** The SC Setup setting as describe shows it to this user, and whether any object of the package is visible. */
async function scSetup(api: OrgApi): Promise<{ name?: string; described?: Described; packageSeen: boolean }> {
    const global = await api.get<{ sobjects: { name: string; customSetting?: boolean }[] }>('/sobjects/');
    const setting = global.sobjects.find(
        (o) => o.customSetting && o.name.toLowerCase().endsWith('sc_setup__c') && /^winp__/i.test(o.name)
    );
    const packageSeen = global.sobjects.some((o) => /^winp__/i.test(o.name));
    if (!setting) return { packageSeen };
    return {
        name: setting.name,
        described: await api.get<Described>(`/sobjects/${setting.name}/describe`),
        packageSeen,
    };
}

const scSetupWritable: Probe = {
    id: 'scSetupWritable',
    fact: 'The vendor setting SC Setup (WINP__SC_Setup__c) is public: this tab can create and edit its org default',
    writes: false,
    run: async (api) => {
        try {
            const found = await scSetup(api);
            if (!found.described) {
                return found.packageSeen
                    ? doesNotHold('the package is installed but describe shows no SC Setup: it is protected')
                    : couldNotTell('the SimplyChat package (WINP) is not installed');
            }
            const d = found.described;
            const readOnly = d.fields.filter((f) => f.custom && !f.updateable).map((f) => f.name);
            if (d.createable && d.updateable && readOnly.length === 0) return holds(`${found.name} is writable`);
            return doesNotHold(
                `${found.name}: createable ${String(d.createable)}, updateable ${String(d.updateable)}` +
                    (readOnly.length ? `, read-only fields ${readOnly.join(', ')}` : '')
            );
        } catch (error) {
            return couldNotTell(apiText(error));
        }
    },
};

const scSetupFields: Probe = {
    id: 'scSetupFields',
    fact: 'SC Setup has a field of a fitting type for each label the guide prescribes (SC_SETUP_DEFAULTS)',
    writes: false,
    run: async (api) => {
        try {
            const found = await scSetup(api);
            if (!found.described) return couldNotTell('describe shows no SC Setup setting');
            const fields = found.described.fields.filter((f) => f.custom);
            const matched = SC_SETUP_DEFAULTS.map((d) => ({
                label: d.label,
                field: fields.find(
                    (f) => f.label.trim().toLowerCase() === d.label.toLowerCase() && d.types.includes(f.type)
                ),
            }));
            const names = matched.filter((m) => m.field).map((m) => `${m.label}=${m.field?.name}`);
            const missing = matched.filter((m) => !m.field).map((m) => m.label);
            return missing.length === 0
                ? holds(names.join(', '))
                : doesNotHold(`no fitting field for ${missing.join(', ')}; found ${names.join(', ') || 'none'}`);
        } catch (error) {
            return couldNotTell(apiText(error));
        }
    },
};

const koreanLabels: Probe = {
    id: 'koreanLabels',
    fact: 'Every Custom Label deployed with its {placeholders} intact, and its Korean translation too',
    writes: false,
    run: async (api) => {
        try {
            const entries = readLabels();
            const byName = new Map(entries.map((e) => [labelName(e.key).toLowerCase(), e]));
            const deployed = (
                await api.query<{ Id: string; Name: string; Value: string }>(
                    "SELECT Id, Name, Value FROM ExternalString WHERE Name LIKE 'SC\\_%'",
                    true
                )
            ).filter((l) => byName.has(l.Name.toLowerCase()));
            if (deployed.length === 0) return couldNotTell('none of our labels is in the org: deploy first');
            const korean = new Map(
                (
                    await api.query<{ ExternalStringId: string; Value: string }>(
                        "SELECT ExternalStringId, Value FROM ExternalStringLocalization WHERE Language = 'ko'",
                        true
                    )
                ).map((l) => [l.ExternalStringId, l.Value])
            );
            const problems: string[] = [];
            if (deployed.length < entries.length) problems.push(`${entries.length - deployed.length} labels missing`);
            for (const label of deployed) {
                const entry = byName.get(label.Name.toLowerCase());
                if (!entry) continue;
                if (label.Value !== entry.en) problems.push(`${label.Name} English differs`);
                if (korean.get(label.Id) !== entry.ko) problems.push(`${label.Name} Korean missing or differs`);
            }
            return problems.length === 0
                ? holds(`${deployed.length} labels in English and Korean`)
                : doesNotHold(problems.slice(0, 5).join('; ') + (problems.length > 5 ? `; … ${problems.length}` : ''));
        } catch (error) {
            return couldNotTell(apiText(error));
        }
    },
};

const agentProfiles: Probe = {
    id: 'agentProfiles',
    fact: "Active users with UserType 'Standard' hold internal licences only (no Chatter, community or portal)",
    writes: false,
    run: async (api) => {
        try {
            const rows = await api.query(
                "SELECT Profile.UserLicense.Name licence, COUNT(Id) users FROM User WHERE IsActive = TRUE AND UserType = 'Standard' GROUP BY Profile.UserLicense.Name"
            );
            const licences = rows.map((r) => `${String(r.licence)} (${String(r.users)})`);
            const outside = rows.filter((r) =>
                /chatter|community|portal|guest|partner|customer/i.test(String(r.licence))
            );
            return outside.length === 0
                ? holds(licences.join(', '))
                : doesNotHold(`also ${outside.map((r) => String(r.licence)).join(', ')}`);
        } catch (error) {
            return couldNotTell(apiText(error));
        }
    },
};

const flowActivation: Probe = {
    id: 'flowActivation',
    fact: 'Tooling PATCH FlowDefinition {"Metadata":{"activeVersionNumber":N}} is accepted for the package flow',
    writes: true,
    run: async (api) => {
        try {
            const flow = await packageFlow(api);
            if (!flow) return couldNotTell('the package flow is not installed');
            if (!flow.ActiveVersionId) {
                return couldNotTell('the flow is inactive: run the fix of item 11 once, then run this again');
            }
            const [version] = await api.query<{ VersionNumber: number; DefinitionId: string }>(
                `SELECT Id, VersionNumber, DefinitionId FROM Flow WHERE Id = '${String(flow.ActiveVersionId).replace(/[^A-Za-z0-9]/g, '')}'`,
                true
            );
            if (!version) return couldNotTell('the active version is not visible to the Tooling API');
            // The version that is already active: the org is left exactly as it was.
            try {
                await api.patch(`/tooling/sobjects/FlowDefinition/${version.DefinitionId}`, {
                    Metadata: { activeVersionNumber: version.VersionNumber },
                });
                return holds(`version ${version.VersionNumber} set active again`);
            } catch (error) {
                return doesNotHold(`${apiText(error)}: item 11 stays a manual step`);
            }
        } catch (error) {
            return couldNotTell(apiText(error));
        }
    },
};

/** The Apex MetadataElement.writeTo runs: a prefixed attribute name through Dom.XmlNode.setAttribute. */
export const XSI_TYPE_APEX = [
    'Dom.Document document = new Dom.Document();',
    "Dom.XmlNode root = document.createRootElement('Envelope', 'http://schemas.xmlsoap.org/soap/envelope/', 'soapenv');",
    "root.setNamespace('met', 'http://soap.sforce.com/2006/04/metadata');",
    "root.setNamespace('xsi', 'http://www.w3.org/2001/XMLSchema-instance');",
    "Dom.XmlNode node = root.addChildElement('metadata', 'http://soap.sforce.com/2006/04/metadata', 'met');",
    "node.setAttribute('xsi:type', 'met:Profile');",
    'String xml = document.toXmlString();',
    "if (!xml.contains('xsi:type=\"met:Profile\"')) { throw new IllegalArgumentException('NO_XSI_TYPE ' + xml); }",
].join('\n');

const domXsiType: Probe = {
    id: 'domXsiType',
    fact: "Apex Dom.XmlNode.setAttribute('xsi:type', 'met:Profile') writes xsi:type=\"met:Profile\"",
    writes: false,
    run: async (api) => {
        try {
            const result = await api.executeAnonymous(XSI_TYPE_APEX);
            if (result.success) return holds('the request carries xsi:type="met:Profile"');
            if (result.exceptionMessage?.includes('NO_XSI_TYPE'))
                return doesNotHold(`${result.exceptionMessage}: use setAttributeNs('type', value, XSI_NS, null)`);
            return couldNotTell(result.compileProblem ?? result.exceptionMessage ?? 'anonymous Apex did not run');
        } catch (error) {
            return couldNotTell(apiText(error));
        }
    },
};

/** A name no one else uses; the probe deletes whatever it finds under it. */
export const PROBE_PREFIX = 'SC_Verify_Probe_';

/**
 * Capacity 9,999 and AllOrNoneHeader, in one call that should leave nothing behind: a valid configuration with
 * capacity 9,999 and an invalid one (no label) are created all-or-none. If the header is honoured the first comes
 * back ALL_OR_NONE_OPERATION_ROLLED_BACK (so 9,999 was accepted) and nothing is saved; anything saved is deleted.
 */
async function presenceConfigProbe(api: OrgApi): Promise<{ capacity: Outcome; allOrNone: Outcome }> {
    const both = (o: Outcome) => ({ capacity: o, allOrNone: o });
    let omni: boolean;
    try {
        const global = await api.get<{ sobjects: { name: string }[] }>('/sobjects/');
        omni = global.sobjects.some((o) => o.name === 'PresenceUserConfig');
    } catch (error) {
        return both(couldNotTell(apiText(error)));
    }
    if (!omni) return both(couldNotTell('Omni-Channel is off in this org'));
    const name = `${PROBE_PREFIX}${Date.now().toString(36)}`;
    let results;
    try {
        results = await api.createMetadata([
            {
                type: 'PresenceUserConfig',
                fields: [
                    ['fullName', name],
                    ['capacity', '9999'],
                    ['label', 'SimplyChat verify probe'],
                ],
            },
            {
                type: 'PresenceUserConfig',
                fields: [
                    ['fullName', `${name}_invalid`],
                    ['capacity', '1'],
                ],
            },
        ]);
    } catch (error) {
        return both(couldNotTell(apiText(error)));
    }
    const [probe, invalid] = results;
    const code = probe?.errors[0]?.statusCode ?? '';
    const message = probe?.errors[0]?.message ?? '';
    let capacity: Outcome;
    if (probe?.success || code === 'ALL_OR_NONE_OPERATION_ROLLED_BACK') capacity = holds('capacity 9,999 accepted');
    else if (/capacity/i.test(message)) capacity = doesNotHold(`${code}: ${message}`);
    else capacity = couldNotTell(`${code}: ${message}`);

    let saved: { Id: string; DeveloperName: string }[] = [];
    let cleanup = '';
    try {
        saved = await api.query(`SELECT Id, DeveloperName FROM PresenceUserConfig WHERE DeveloperName LIKE '${name}%'`);
        for (const row of saved) await api.delete(`/tooling/sobjects/PresenceUserConfig/${row.Id}`);
        if (saved.length) cleanup = `; deleted ${saved.map((r) => r.DeveloperName).join(', ')}`;
    } catch (error) {
        cleanup = `; CLEAN UP BY HAND: delete presence configurations named ${name}* (${apiText(error)})`;
    }
    let allOrNone: Outcome;
    if (invalid?.success) allOrNone = couldNotTell(`the configuration without a label was accepted${cleanup}`);
    else if (saved.length > 0 || probe?.success) allOrNone = doesNotHold(`a component was saved${cleanup}`);
    else if (code === 'ALL_OR_NONE_OPERATION_ROLLED_BACK') allOrNone = holds(`rolled back, nothing saved${cleanup}`);
    else allOrNone = couldNotTell(`${code}: ${message}${cleanup}`);
    if (cleanup.includes('CLEAN UP BY HAND')) capacity = { ...capacity, evidence: capacity.evidence + cleanup };
    return { capacity, allOrNone };
}

/** Both facts come from one call; the second probe reuses the first one's answer. */
function presenceConfigProbes(): [Probe, Probe] {
    let pending: Promise<{ capacity: Outcome; allOrNone: Outcome }> | undefined;
    const once = (api: OrgApi) => (pending ??= presenceConfigProbe(api));
    return [
        {
            id: 'capacityMax',
            fact: 'PresenceUserConfig capacity 9,999 (CAPACITY_MAX) is accepted',
            writes: true,
            run: async (api) => (await once(api)).capacity,
        },
        {
            id: 'allOrNone',
            fact: 'createMetadata honours AllOrNoneHeader (xsi:type="met:…"): one refused component saves nothing',
            writes: true,
            run: async (api) => (await once(api)).allOrNone,
        },
    ];
}

/**
 * Row 66: an app access row (SetupEntityAccess of a profile's own permission set) names the app by
 * AppMenuItem.ApplicationId (02u…), not by AppDefinition.DurableId (06m…). Reads the running user's profile's rows.
 */
const appIdJoin: Probe = {
    id: 'appIdJoin',
    fact: 'App access rows carry AppMenuItem.ApplicationId (02u…), not AppDefinition.DurableId (06m…)',
    writes: false,
    run: async (api) => {
        try {
            const items = await api.query(
                "SELECT ApplicationId, Name, NamespacePrefix FROM AppMenuItem WHERE Type = 'TabSet' LIMIT 200"
            );
            const apps = await api.query(
                "SELECT DurableId, DeveloperName, NamespacePrefix FROM AppDefinition WHERE UiType = 'Lightning' LIMIT 200"
            );
            const ids = items.map((r) => String(r.ApplicationId ?? '').slice(0, 15)).filter(Boolean);
            if (ids.length === 0) return couldNotTell('no AppMenuItem of type TabSet');
            const list = (values: string[]): string =>
                values.map((v) => `'${v.replace(/[^A-Za-z0-9]/g, '')}'`).join(', ');
            const byMenu = await api.query(
                `SELECT SetupEntityId FROM SetupEntityAccess WHERE SetupEntityId IN (${list(ids)}) AND Parent.IsOwnedByProfile = TRUE LIMIT 200`
            );
            const durable = apps.map((a) => String(a.DurableId ?? '')).filter((d) => /^[A-Za-z0-9]{15,18}$/.test(d));
            const byDurable = durable.length
                ? await api.query(
                      `SELECT SetupEntityId FROM SetupEntityAccess WHERE SetupEntityId IN (${list(durable)}) LIMIT 200`
                  )
                : [];
            const prefixes = [...new Set(byMenu.map((r) => String(r.SetupEntityId).slice(0, 3)))].join(', ');
            const joined = apps.filter((a) =>
                items.some(
                    (m) =>
                        String(m.Name).toLowerCase() === String(a.DeveloperName).toLowerCase() &&
                        String(m.NamespacePrefix ?? '').toLowerCase() === String(a.NamespacePrefix ?? '').toLowerCase()
                )
            ).length;
            const evidence = `${byMenu.length} access rows by AppMenuItem Id (prefixes ${prefixes || 'none'}), ${byDurable.length} by DurableId; ${joined} of ${apps.length} AppDefinition rows match an AppMenuItem on namespace and name`;
            if (byMenu.length > 0 && byDurable.length === 0) return holds(evidence);
            if (byDurable.length > 0) return doesNotHold(evidence);
            return couldNotTell(evidence);
        } catch (error) {
            return isRefusal(error) ? doesNotHold(apiText(error)) : couldNotTell(apiText(error));
        }
    },
};

/**
 * Row 70: whether the running user sees every user's current presence. UserServicePresence has record sharing
 * (UserServicePresenceShare): without View All Data or View All on the object, a missing row is not "offline".
 */
const presenceVisibility: Probe = {
    id: 'presenceVisibility',
    fact: 'UserServicePresence is under sharing: only View All Data or View All on it shows every agent',
    writes: false,
    run: async (api) => {
        try {
            const shares = await api.query('SELECT COUNT() FROM UserServicePresenceShare');
            const me = await api.query(
                "SELECT Id FROM ObjectPermissions WHERE SobjectType = 'UserServicePresence' AND PermissionsViewAllRecords = TRUE LIMIT 1"
            );
            const rows = await api.query('SELECT COUNT() FROM UserServicePresence WHERE IsCurrentState = TRUE');
            return holds(
                `UserServicePresenceShare is queryable (${shares.length} row(s) read); some permission set has View All on UserServicePresence: ${me.length > 0}; current presence rows visible: ${rows.length}`
            );
        } catch (error) {
            return isRefusal(error) ? doesNotHold(apiText(error)) : couldNotTell(apiText(error));
        }
    },
};

/**
 * Rows 87–88 and 111: the load's record-change probe. The record changes of the write law need the running user to
 * create and delete rows of each object they write (update for Group). The tab reads it by Apex describe in user
 * mode (`isCreateable()` / `isDeletable()` / `isUpdateable()`), the CLI from describeGlobal, which it reads anyway;
 * this probe asks each object's own describe and checks that describeGlobal says the same for this user.
 */
const dmlDescribe: Probe = {
    id: 'dmlDescribe',
    fact: 'The running user may make the record changes the write law makes on each object (the contract recordWrites: create, update, delete), and describeGlobal says the same as each describe',
    writes: false,
    run: async (api) => {
        type Flags = { createable?: boolean; deletable?: boolean; updateable?: boolean };
        const refusedCalls: string[] = [];
        const allowed: string[] = [];
        const differs: string[] = [];
        let global: Map<string, Flags & { name: string }>;
        try {
            const answer = await api.get<{ sobjects: (Flags & { name: string })[] }>('/sobjects/');
            global = new Map(answer.sobjects.map((o) => [o.name.toLowerCase(), o]));
        } catch (error) {
            return couldNotTell(`describeGlobal: ${apiText(error)}`);
        }
        for (const name of RECORD_OBJECTS) {
            try {
                const d = await api.get<Flags>(`/sobjects/${name}/describe`);
                // The rights the write law's actions on it need (the contract's recordWrites).
                const right = { insert: 'createable', update: 'updateable', delete: 'deletable' } as const;
                const needs = Object.fromEntries(
                    (RECORD_WRITE_ACTIONS[name] ?? []).map((action) => [right[action], d[right[action]]])
                );
                const missing = Object.entries(needs)
                    .filter(([, v]) => v !== true)
                    .map(([k]) => k);
                if (missing.length) refusedCalls.push(`${name}: not ${missing.join(', ')}`);
                else allowed.push(name);
                const listed = global.get(name.toLowerCase());
                for (const flag of ['createable', 'updateable', 'deletable'] as const)
                    if (listed?.[flag] !== d[flag])
                        differs.push(`${name}.${flag}: global ${listed?.[flag]}, describe ${d[flag]}`);
            } catch (error) {
                return couldNotTell(`${name}: ${apiText(error)}`);
            }
        }
        if (differs.length) return doesNotHold(`describeGlobal differs from describe: ${differs.join('; ')}`);
        return refusedCalls.length === 0
            ? holds(`allowed: ${allowed.join(', ')}; describeGlobal agrees`)
            : doesNotHold(refusedCalls.join('; '));
    },
};

/** Every probe, in report order. A fresh list per run (the presence configuration probe answers once per run). */
export function allProbes(): Probe[] {
    return [
        effectivePermissions,
        supportUserGroupable,
        agentProfiles,
        flowApiName,
        flowActivation,
        scSetupWritable,
        scSetupFields,
        koreanLabels,
        domXsiType,
        appIdJoin,
        presenceVisibility,
        dmlDescribe,
        ...presenceConfigProbes(),
    ];
}
