/**
 * npm run contract — writes every place the setup contract lives, from one source (config/contract/setup-contract.json):
 *   force-app/main/default/lwc/setupEngine/contract.ts        operation kinds, fields, items, batch size, Id pattern,
 *                                                            routing models (the engine and the CLI import it)
 *   force-app/main/default/classes/contract/SetupContract.cls the same for Apex (the allow-list SetupOperation parses)
 *   force-app/main/default/classes/contract/SoqlQueries.cls the snapshot's SOQL for Apex
 *   src/lib/soql.generated.ts                                the same SOQL for the CLI
 *   force-app/main/default/classes/tests/generated/SetupOperationFixtures.cls the Apex tests' operations: the real plan() output of
 *                                                            the sample orgs, so a renamed field fails in Apex too
 * and, from the engine's TypeScript types (found by name in lwc/setupEngine/*.ts; scripts/lib/apex-dtos.ts):
 *   force-app/main/default/classes/model/SetupSnapshot.cls    the snapshot's Apex DTOs (OrgSnapshot)
 *   force-app/main/default/classes/model/SetupAgents.cls      the Agents view's Apex DTOs (AgentPage, utility bars)
 *   force-app/main/default/classes/model/SetupLive.cls        the Live view's Apex DTOs (LiveRead)
 * With --check it writes nothing and fails when a generated file is out of date. `checkContract` (run by
 * test:scripts) also fails when the hand-written TypeScript operation types, OperationResult or the Apex parser drift
 * from the source.
 */
import fs from 'node:fs';
import path from 'node:path';
import * as prettier from 'prettier';
import ts from 'typescript';
import { changeRequests, plan, simulate } from '../force-app/main/default/lwc/setupEngine/setupEngine';
import type { Operation, OrgSnapshot, SetupChoices } from '../force-app/main/default/lwc/setupEngine/types';
import {
    choices,
    fullySetUpOrg,
    HAND,
    omniDisabledOrg,
    omniOrg,
    partlySetUpOrg,
    PROFILE,
    read,
    sharedOmniOrg,
    statusAccessBySetOrg,
} from '../samples/orgs';
import { PUBLIC_GROUPS } from '../samples/queueMembers';
import { auraEnabledFields } from './lib/apex-dto';
import { droppedDeclarations, dtoSources, readEngineSources } from './lib/apex-dtos';
import { apexClassFile, runMain } from './lib/files';

const ROOT = path.resolve(__dirname, '..', '..');
export const SOURCE = path.join(ROOT, 'config', 'contract', 'setup-contract.json');
const CLASSES = path.join(ROOT, 'force-app', 'main', 'default', 'classes');
const ENGINE = path.join(ROOT, 'force-app', 'main', 'default', 'lwc', 'setupEngine');
export const OUT = {
    engine: path.join(ENGINE, 'contract.ts'),
    apex: path.join(CLASSES, 'contract', 'SetupContract.cls'),
    soqlApex: path.join(CLASSES, 'contract', 'SoqlQueries.cls'),
    soqlTs: path.join(ROOT, 'src', 'lib', 'soql.generated.ts'),
    fixtures: path.join(CLASSES, 'tests', 'generated', 'SetupOperationFixtures.cls'),
    snapshotDto: path.join(CLASSES, 'model', 'SetupSnapshot.cls'),
    agentsDto: path.join(CLASSES, 'model', 'SetupAgents.cls'),
    liveDto: path.join(CLASSES, 'model', 'SetupLive.cls'),
};

export interface OperationContract {
    items: string[];
    needsApi: boolean;
    needsOmni: boolean;
    /** Permissions this kind needs besides the fix permissions (UserPermissions field names, all required). */
    permissions: string[];
    /** Its fields (the allow-list Apex parses) → each one's type (the grammar is in the contract's comment). */
    fields: FieldTypes;
    /** The routes it may take (the first is the engine's; an existing queue takes records, a new one Metadata). */
    routes: string[];
    /** The record changes it may make ('Object action', keys of recordWrites). */
    writes: string[];
    /** The one Metadata type it may write whole, or null. */
    metadataType: string | null;
    /** The elements of that type it may set or remove → the key of the operation whose values each holds (null: remove only). */
    metadataElements: Record<string, string | null>;
}

/** A field's type: a leaf type (`name`, `id? Object.key`, ...) or a list of a type or of entries with typed fields. */
export type FieldType = string | FieldList;
/** An entry's (or an operation's) fields → their types. */
export type FieldTypes = Record<string, FieldType>;
export interface FieldList {
    min: number;
    /** A number, or a key of limits. */
    max: number | string;
    of: FieldType | FieldTypes;
}

const isFieldList = (type: FieldType | FieldTypes): type is FieldList =>
    typeof type === 'object' && 'of' in type && 'min' in type;

/** Who may fix what: every fix needs one permission of each `fix` group; `refusals` name the refusal's label. */
export interface PermissionPolicy {
    fix: string[][];
    refusals: Record<string, string>;
}

/** Caps every side enforces the same way (more is refused, never cut). */
export interface Limits {
    operationsPerCall: number;
    queueUsers: number;
    directUsers: number;
    grantProfiles: number;
    /** Rows one all-or-none record change may write (one REST Composite request). */
    rowsPerChange: number;
}

export interface Contract {
    metadataBatchSize: number;
    agentPageSize: number;
    /** Per list, the most rows a reader keeps: one more means unreadable, never a cut list. */
    readCaps: Record<string, number>;
    /** Every object a record change writes → its DML group ('setup' objects never share a transaction with 'data'). */
    recordObjects: Record<string, 'setup' | 'data'>;
    /** Every record change of the write law ('Object action') → exactly the fields it sets → where each value comes from. */
    recordWrites: Record<string, Record<string, string[]>>;
    /** The child elements the engine writes inside a complex or repeated Metadata element. */
    metadataChildElements: { names: string[]; constants?: Record<string, string> };
    /** The references a record change may hold: each kind's qualifier and value keys; objects found by name. */
    recordRefs: {
        kinds: Record<
            string,
            {
                qualifier?: string;
                values: string[];
                /** The one Metadata type a reference of this kind names (a change naming it waits for its create). */
                metadataType?: string;
                /** How a record writer resolves it: `:key` binds the values of that key, `{sObject}` the object. */
                query?: string;
                /** 'id' → the field of the Id it resolves to; each key of the reference → the field giving it. */
                columns?: Record<string, string>;
            }
        >;
        developerNameObjects: string[];
        omniChannelSettingsName: string;
    };
    /** The Name of the permission set SimplyChat owns for status access. */
    agentPermissionSetName: { name: string; description: string };
    salesforceIdPattern: string;
    routingModels: Record<string, string>;
    /** Metadata type (or `Type.element`) → its WSDL element order: where each element the engine sets is written. */
    metadataElementOrder: Record<string, string[]>;
    permissions: PermissionPolicy;
    limits: Limits;
    operations: Record<string, OperationContract>;
    operationResult: string[];
    soql: Record<string, string>;
    /** Queries Apex writes inline as static SOQL for-loops (checked, not generated). */
    soqlInlineInApex: { names: string[] };
    /** Queries only the CLI runs (Apex counts the same rows its own way): not generated into SoqlQueries.cls. */
    soqlCliOnly?: { names: string[] };
}

const withoutComments = <T>(record: Record<string, T | string>): Record<string, T> =>
    Object.fromEntries(Object.entries(record).filter(([key]) => key !== '$comment')) as Record<string, T>;

export function readContract(file = SOURCE): Contract {
    const raw = JSON.parse(fs.readFileSync(file, 'utf8')) as Contract;
    return {
        ...raw,
        routingModels: withoutComments(raw.routingModels),
        metadataElementOrder: withoutComments(raw.metadataElementOrder),
        readCaps: withoutComments(raw.readCaps),
        recordObjects: withoutComments(raw.recordObjects),
        recordWrites: withoutComments(raw.recordWrites),
        permissions: { fix: raw.permissions.fix, refusals: withoutComments(raw.permissions.refusals) },
        limits: withoutComments(raw.limits as unknown as Record<string, number>) as unknown as Limits,
        operations: withoutComments(raw.operations),
        soql: withoutComments(raw.soql),
    };
}

/** Field types with every list's `max` a number (a key of limits resolved). */
function resolveMax(type: FieldType | FieldTypes, limits: Limits): FieldType | FieldTypes {
    if (typeof type === 'string') return type;
    if (isFieldList(type)) {
        const max = typeof type.max === 'string' ? limits[type.max as keyof Limits] : type.max;
        if (typeof max !== 'number') throw new Error(`no limit named ${String(type.max)}`);
        return { min: type.min, max, of: resolveMax(type.of, limits) };
    }
    return Object.fromEntries(
        Object.entries(type).map(([key, value]) => [key, resolveMax(value, limits)])
    ) as FieldTypes;
}

/** An Apex literal of a string, a number or a map of them (Map<String, Object>). */
function apexValue(value: unknown): string {
    if (typeof value === 'string') return apexString(value);
    if (typeof value === 'number') return String(value);
    return `new Map<String, Object>{ ${Object.entries(value as Record<string, unknown>)
        .map(([key, entry]) => `${apexString(key)} => ${apexValue(entry)}`)
        .join(', ')} }`;
}

const HEADER = 'GENERATED by `npm run contract` from config/contract/setup-contract.json: do not edit.';

/** An Apex string literal. */
export function apexString(text: string): string {
    return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;
}

const apexList = (type: string, values: string[]): string =>
    `new ${type}<String>{ ${values.map(apexString).join(', ')} }`;

function engineModule(c: Contract): string {
    const kinds = Object.keys(c.operations);
    const pick = <T>(f: (op: OperationContract) => T): Record<string, T> =>
        Object.fromEntries(kinds.map((k) => [k, f(c.operations[k])]));
    return `/** ${HEADER} */

/** Components per Metadata API create/update call (10 for these types). */
export const METADATA_BATCH_SIZE = ${c.metadataBatchSize};

/** Users per page of the on-demand agents read (SetupAgentsController.getAgents). */
export const AGENT_PAGE_SIZE = ${c.agentPageSize};

/** Per list, the most rows a reader keeps; it asks for one more, and an answer past the cap is unreadable. */
export const READ_CAPS = ${JSON.stringify(c.readCaps)} as const;

/** Every object a record change writes → its DML group ('setup' objects never share a transaction with 'data'). */
export const RECORD_OBJECT_GROUPS = ${JSON.stringify(c.recordObjects)} as const;

/** A 15- or 18-character Salesforce Id. */
export const SALESFORCE_ID_PATTERN = new RegExp(${JSON.stringify(c.salesforceIdPattern)});

/** QueueRoutingConfig.RoutingModel (data API) → routingModel (Metadata API). */
export const ROUTING_MODEL_METADATA = ${JSON.stringify(c.routingModels)} as const;

/** The objects a record change may name by developer name (one query each resolves them). */
export const DEVELOPER_NAME_OBJECTS: readonly string[] = ${JSON.stringify(c.recordRefs.developerNameObjects)};

/** The Name of the permission set SimplyChat creates and owns for status access. */
export const AGENT_PERMISSION_SET_NAME = ${JSON.stringify(c.agentPermissionSetName.name)};

/** The description that marks that permission set as SimplyChat's. */
export const AGENT_PERMISSION_SET_DESCRIPTION = ${JSON.stringify(c.agentPermissionSetName.description)};

/** Each object a record change writes → the actions the write law takes on it (the contract's recordWrites). */
export const RECORD_WRITE_ACTIONS: Readonly<Record<string, readonly ('insert' | 'update' | 'delete')[]>> = ${JSON.stringify(
        Object.keys(c.recordWrites).reduce<Record<string, string[]>>((byObject, change) => {
            const [object, action] = change.split(' ');
            byObject[object] = [...new Set([...(byObject[object] ?? []), action])].sort();
            return byObject;
        }, {})
    )};

/** How the record writers resolve each reference kind: its query (\`:key\` binds, \`{sObject}\` the object) and columns. */
export const RECORD_REF_QUERIES: Readonly<Record<string, { query: string; columns: Readonly<Record<string, string>> }>> = ${JSON.stringify(
        Object.fromEntries(
            Object.entries(c.recordRefs.kinds)
                .filter(([, shape]) => shape.query)
                .map(([kind, shape]) => [kind, { query: shape.query, columns: shape.columns }])
        )
    )};

/** The full name of the org's Omni-Channel settings component. */
export const OMNI_CHANNEL_SETTINGS_NAME = ${JSON.stringify(c.recordRefs.omniChannelSettingsName)};

/** Metadata type (or \`Type.element\`) → its WSDL element order, where each element the engine sets is written. */
// prettier-ignore
export const METADATA_ELEMENT_ORDER: Readonly<Record<string, readonly string[]>> = {
${Object.entries(c.metadataElementOrder)
    .map(([type, order]) => `    '${type}': [${order.map((name) => `'${name}'`).join(', ')}],`)
    .join('\n')}
};

/** Every operation kind Apex accepts, with exactly its fields (besides kind and itemId). */
export const OPERATION_FIELDS = ${JSON.stringify(pick((op) => Object.keys(op.fields)))} as const;

/** The routes each kind may take: the first is the engine's (an existing queue's changes are records). */
export const OPERATION_ROUTES = ${JSON.stringify(pick((op) => op.routes))} as const;

/** The checklist items each kind may fix. */
export const OPERATION_ITEMS = ${JSON.stringify(pick((op) => op.items))} as const;

/** Kinds written through the API connection (the rest use DML). */
export const OPERATION_NEEDS_API: readonly string[] = ${JSON.stringify(kinds.filter((k) => c.operations[k].needsApi))};

/** Kinds that need Omni-Channel on (or enabled earlier in the same plan). */
export const OPERATION_NEEDS_OMNI: readonly string[] = ${JSON.stringify(kinds.filter((k) => c.operations[k].needsOmni))};

/** The fields of one operation's result, as Apex returns it. */
export const OPERATION_RESULT_FIELDS = ${JSON.stringify(c.operationResult)} as const;

/** Every fix needs one permission of each group (UserPermissions field names). */
export const FIX_PERMISSIONS = ${JSON.stringify(c.permissions.fix)} as const;

/** The permissions each kind needs besides FIX_PERMISSIONS (all of them). */
export const OPERATION_PERMISSIONS = ${JSON.stringify(pick((op) => op.permissions))} as const;

/** A missing permission → the suffix of its refusal's label (engine fix.<suffix>, Apex error.<suffix>). */
export const PERMISSION_REFUSALS = ${JSON.stringify(c.permissions.refusals)} as const;

/** Operations in one applyOperations call: more is refused, never cut. */
export const MAX_OPERATIONS_PER_CALL = ${c.limits.operationsPerCall};

/** Users one addQueueMembers adds to a queue by name: more stops the operation (a public group is the way). */
export const MAX_QUEUE_USERS = ${c.limits.queueUsers};

/** Direct users one move takes: more stops the operation, never a cut list. */
export const MAX_DIRECT_USERS = ${c.limits.directUsers};

/** Profiles one grantStatusAccess covers (one all-or-none record change; a larger plan has several). */
export const MAX_GRANT_PROFILES = ${c.limits.grantProfiles};

/** Rows one all-or-none record change may write: one REST Composite request of 25 × 200. */
export const MAX_ROWS_PER_CHANGE = ${c.limits.rowsPerChange};
`;
}

function apexClass(c: Contract): string {
    const kinds = Object.keys(c.operations);
    const map = (valueOf: (op: OperationContract) => string, type: string): string =>
        `new Map<String, ${type}>{\n${kinds.map((k) => `${apexString(k)} => ${valueOf(c.operations[k])}`).join(',\n')}\n}`;
    return `/** ${HEADER} */
public inherited sharing class SetupContract {
    /** Components per Metadata API create/update call. */
    public static final Integer METADATA_BATCH_SIZE = ${c.metadataBatchSize};
    public static final Integer AGENT_PAGE_SIZE = ${c.agentPageSize};
    /** Per list, the most rows a reader keeps; it asks for one more, and an answer past the cap is unreadable. */
${Object.entries(c.readCaps)
    .map(
        ([name, rows]) => `    public static final Integer ${name.replace(/([A-Z])/g, '_$1').toUpperCase()} = ${rows};`
    )
    .join('\n')}
    /** Every object a record change writes → its DML group ('setup' objects never share a transaction with 'data'). */
    public static final Map<String, String> RECORD_OBJECTS = new Map<String, String>{
${Object.entries(c.recordObjects)
    .map(([name, group]) => `${apexString(name)} => ${apexString(group)}`)
    .join(',\n')}
    };
    /** A 15- or 18-character Salesforce Id. */
    public static final String SALESFORCE_ID_PATTERN = ${apexString(c.salesforceIdPattern)};
    /** QueueRoutingConfig.RoutingModel (data API) → routingModel (Metadata API). */
    public static final Map<String, String> ROUTING_MODEL_METADATA = new Map<String, String>{
${Object.entries(c.routingModels)
    .map(([data, meta]) => `${apexString(data)} => ${apexString(meta)}`)
    .join(',\n')}
    };
    /** Metadata type (or 'Type.element') → its WSDL element order, where each element the engine sets is written. */
    // prettier-ignore
    public static final Map<String, List<String>> METADATA_ELEMENT_ORDER = new Map<String, List<String>>{
${Object.entries(c.metadataElementOrder)
    .map(([type, order]) => `        ${apexString(type)} => ${apexList('List', order)}`)
    .join(',\n')}
    };
    /** The allow-list: operation kind → the keys it carries besides kind and itemId (all required). */
    public static final Map<String, List<String>> KEYS = ${map((op) => apexList('List', Object.keys(op.fields)), 'List<String>')};
    /** Each kind's fields → their types: a leaf type, or a list (min, max, of) of a type or of typed entries. */
    public static final Map<String, Map<String, Object>> FIELD_TYPES = ${map((op) => apexValue(resolveMax(op.fields, c.limits)), 'Map<String, Object>')};
    /** The write law: the routes each kind may take, the record changes it may make, the Metadata type it writes. */
    public static final Map<String, Set<String>> ROUTES = ${map((op) => apexList('Set', op.routes), 'Set<String>')};
    public static final Map<String, Set<String>> WRITES = ${map((op) => apexList('Set', op.writes), 'Set<String>')};
    public static final Map<String, String> METADATA_TYPES = ${map((op) => (op.metadataType ? apexString(op.metadataType) : 'null'), 'String')};
    /** Element → the key of the operation whose values it holds ('' for an element only removed). */
    public static final Map<String, Map<String, String>> METADATA_ELEMENTS = ${map(
        (op) =>
            `new Map<String, String>{ ${Object.entries(op.metadataElements)
                .map(([element, source]) => `${apexString(element)} => ${apexString(source ?? '')}`)
                .join(', ')} }`,
        'Map<String, String>'
    )};
    /** Each reference kind a record change may hold → its value keys, in order; and the key that qualifies it. */
    public static final Map<String, List<String>> REF_VALUES = new Map<String, List<String>>{
${Object.entries(c.recordRefs.kinds)
    .map(([kind, shape]) => `${apexString(kind)} => ${apexList('List', shape.values)}`)
    .join(',\n')}
    };
    public static final Map<String, String> REF_QUALIFIERS = new Map<String, String>{
${Object.entries(c.recordRefs.kinds)
    .filter(([, shape]) => shape.qualifier)
    .map(([kind, shape]) => `${apexString(kind)} => ${apexString(shape.qualifier ?? '')}`)
    .join(',\n')}
    };
    /** The reference kinds that name one Metadata type → that type. */
    public static final Map<String, String> REF_METADATA_TYPES = new Map<String, String>{
${Object.entries(c.recordRefs.kinds)
    .filter(([, shape]) => shape.metadataType)
    .map(([kind, shape]) => `${apexString(kind)} => ${apexString(shape.metadataType ?? '')}`)
    .join(',\n')}
    };
    /** The objects a record change may name by developer name (one query each resolves them). */
    public static final Set<String> DEVELOPER_NAME_OBJECTS = ${apexList('Set', c.recordRefs.developerNameObjects)};
    /** The Name of the permission set SimplyChat creates and owns for status access. */
    public static final String AGENT_PERMISSION_SET_NAME = ${apexString(c.agentPermissionSetName.name)};
    /** The description that marks that permission set as SimplyChat's. */
    public static final String AGENT_PERMISSION_SET_DESCRIPTION = ${apexString(c.agentPermissionSetName.description)};
    /** How the record writer resolves each reference kind: its query (:key binds, {sObject} the object) and columns. */
    public static final Map<String, String> REF_QUERIES = new Map<String, String>{
${Object.entries(c.recordRefs.kinds)
    .filter(([, shape]) => shape.query)
    .map(([kind, shape]) => `${apexString(kind)} => ${apexString(shape.query ?? '')}`)
    .join(',\n')}
    };
    public static final Map<String, Map<String, String>> REF_COLUMNS = new Map<String, Map<String, String>>{
${Object.entries(c.recordRefs.kinds)
    .filter(([, shape]) => shape.columns)
    .map(
        ([kind, shape]) =>
            `${apexString(kind)} => new Map<String, String>{ ${Object.entries(shape.columns ?? {})
                .map(([key, column]) => `${apexString(key)} => ${apexString(column)}`)
                .join(', ')} }`
    )
    .join(',\n')}
    };
    /** The full name of the org's Omni-Channel settings component. */
    public static final String OMNI_CHANNEL_SETTINGS_NAME = ${apexString(c.recordRefs.omniChannelSettingsName)};
    /** The child elements the engine writes inside a complex or repeated element. */
    public static final Set<String> METADATA_CHILD_ELEMENTS = ${apexList('Set', c.metadataChildElements.names)};
    /** A child element that holds one fixed value → that value. */
    public static final Map<String, String> METADATA_CHILD_CONSTANTS = new Map<String, String>{
${Object.entries(c.metadataChildElements.constants ?? {})
    .map(([name, value]) => `${apexString(name)} => ${apexString(value)}`)
    .join(',\n')}
    };
    /** Every record change of the write law ('Object action') → exactly the fields it sets → where each value comes from. */
    public static final Map<String, Map<String, List<String>>> RECORD_WRITES = new Map<String, Map<String, List<String>>>{
${Object.entries(c.recordWrites)
    .map(
        ([change, fields]) =>
            `${apexString(change)} => new Map<String, List<String>>{ ${Object.entries(fields)
                .map(([field, sources]) => `${apexString(field)} => ${apexList('List', sources)}`)
                .join(', ')} }`
    )
    .join(',\n')}
    };
    /** The checklist items each kind may fix. */
    public static final Map<String, Set<String>> ITEMS = ${map((op) => apexList('Set', op.items), 'Set<String>')};
    /** Kinds written through the API connection (the rest use DML). */
    public static final Set<String> NEEDS_API = ${apexList(
        'Set',
        kinds.filter((k) => c.operations[k].needsApi)
    )};
    /** Kinds that need Omni-Channel on (or enabled earlier in the same plan). */
    public static final Set<String> NEEDS_OMNI = ${apexList(
        'Set',
        kinds.filter((k) => c.operations[k].needsOmni)
    )};
    /** Every fix needs one permission of each group (SetupPermissions.Grants field names). */
    public static final List<List<String>> FIX_PERMISSIONS = new List<List<String>>{ ${c.permissions.fix
        .map((group) => apexList('List', group))
        .join(', ')} };
    /** The permissions each kind needs besides FIX_PERMISSIONS (all of them). */
    public static final Map<String, List<String>> PERMISSIONS = ${map((op) => apexList('List', op.permissions), 'List<String>')};
    /** A missing permission → the suffix of its refusal's label (error.<suffix>). */
    public static final Map<String, String> PERMISSION_REFUSALS = new Map<String, String>{
${Object.entries(c.permissions.refusals)
    .map(([permission, refusal]) => `${apexString(permission)} => ${apexString(refusal)}`)
    .join(',\n')}
    };
    /** Operations in one applyOperations call: more is refused, never cut. */
    public static final Integer MAX_OPERATIONS_PER_CALL = ${c.limits.operationsPerCall};
    /** Users one addQueueMembers adds to a queue by name. */
    public static final Integer MAX_QUEUE_USERS = ${c.limits.queueUsers};
    /** Direct users one move takes. */
    public static final Integer MAX_DIRECT_USERS = ${c.limits.directUsers};
}
`;
}

function soqlApexClass(c: Contract): string {
    return `/** ${HEADER} The snapshot's SOQL, with bind variables; the CLI runs the same text (src/lib/soql.generated.ts). */
public inherited sharing class SoqlQueries {
${Object.entries(c.soql)
    .filter(([name]) => !c.soqlInlineInApex.names.includes(name) && !(c.soqlCliOnly?.names ?? []).includes(name))
    .map(([name, soql]) => `    public static final String ${name} = ${apexString(soql)};`)
    .join('\n')}
}
`;
}

function soqlModule(c: Contract): string {
    return `/** ${HEADER} The snapshot's SOQL, with bind variables (Apex: classes/contract/SoqlQueries.cls). */
export const SOQL = ${JSON.stringify(c.soql, null, 4)} as const;
`;
}

/** An org set up by hand where the Support profile sits in another team's configuration, or in none. */
function handOrgWithSupportIn(configId: string | null): OrgSnapshot {
    const base = fullySetUpOrg();
    const assignments = [
        { Id: '0Nf5g00000000PcpAg', PresenceUserConfigId: HAND.agentsConfig.Id, ProfileId: PROFILE.agent.Id },
        ...(configId
            ? [{ Id: '0Nf5g00000000PcpSu', PresenceUserConfigId: configId, ProfileId: PROFILE.support.Id }]
            : []),
    ];
    return {
        ...base,
        presenceConfigs: read([HAND.agentsConfig, HAND.salesConfig]),
        presenceConfigProfiles: read(assignments),
    };
}

/** SimplyChat's own online status exists but carries only the Case channel. */
function onlineStatusWithoutChatOrg(): OrgSnapshot {
    const named = { Id: '0N55g0000000Online', DeveloperName: 'SimplyChat_Online', MasterLabel: 'Online' };
    return omniOrg({
        serviceChannels: [HAND.caseChannel, HAND.chatChannel],
        presenceStatuses: [named],
        statusChannels: [
            { Id: '0N65g0000000LinkOn', ServicePresenceStatusId: named.Id, ServiceChannelId: HAND.caseChannel.Id },
        ],
    });
}

/** The sample orgs whose plans become the Apex tests' operations. Together they plan every kind (tested). */
export const FIXTURE_CASES: { name: string; snapshot: () => OrgSnapshot; choices?: Partial<SetupChoices> }[] = [
    { name: 'freshOrg', snapshot: omniDisabledOrg, choices: { capacity: 5 } },
    { name: 'partlySetUpOrg', snapshot: partlySetUpOrg, choices: { capacity: 5 } },
    { name: 'capacityChanged', snapshot: fullySetUpOrg, choices: { capacity: 5 } },
    { name: 'profileUnassigned', snapshot: () => handOrgWithSupportIn(null) },
    {
        name: 'profileMoved',
        snapshot: () => handOrgWithSupportIn(HAND.salesConfig.Id),
        choices: { moveProfileIds: [PROFILE.support.Id] },
    },
    { name: 'onlineStatusWithoutChat', snapshot: onlineStatusWithoutChatOrg },
    {
        name: 'statusAccessThroughPermissionSet',
        snapshot: () => statusAccessBySetOrg(partlySetUpOrg()),
        choices: { capacity: 5 },
    },
    { name: 'sharedOmniOrg', snapshot: sharedOmniOrg, choices: { capacity: 5 } },
    {
        name: 'sharedOmniOrgMovesDirectUsers',
        snapshot: () => {
            const shared = sharedOmniOrg();
            return simulate(shared, plan(shared, 'all'));
        },
        choices: { moveProfileIds: [PROFILE.support.Id], moveDirectUsers: true },
    },
    {
        name: 'freshOrgAddsAgents',
        snapshot: omniDisabledOrg,
        choices: { capacity: 5, queueMembers: { kind: 'agentUsers' } },
    },
    {
        name: 'sharedOmniOrgAddsGroup',
        snapshot: sharedOmniOrg,
        choices: {
            capacity: 5,
            queueMembers: { kind: 'publicGroup', groupDeveloperName: PUBLIC_GROUPS.chatAgents.DeveloperName },
        },
    },
];

export function fixturePlans(): { name: string; operations: Operation[] }[] {
    return FIXTURE_CASES.map(({ name, snapshot, choices: overrides }) => {
        const org = snapshot();
        const chosen = overrides ? choices({ ...org.choices, ...overrides }) : org.choices;
        return { name, operations: plan({ ...org, choices: chosen }, 'all', chosen) };
    });
}

const CASE_SAFE = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';

/**
 * An 18-character Id with the case-safe suffix Salesforce computes from its first 15 characters. The sample orgs'
 * Ids are made up for reading (e.g. `00e5g00000AgentAAA`) and their suffixes do not match; Apex's `Id.valueOf` may
 * refuse such an Id in an org, so the fixtures the Apex tests parse carry the real suffix.
 */
export function caseSafeId(id: string): string {
    if (!/^[a-zA-Z0-9]{18}$/.test(id)) return id;
    let suffix = '';
    for (let chunk = 0; chunk < 3; chunk++) {
        let bits = 0;
        for (let i = 0; i < 5; i++) {
            const c = id.charAt(chunk * 5 + i);
            if (c >= 'A' && c <= 'Z') bits |= 1 << i;
        }
        suffix += CASE_SAFE.charAt(bits);
    }
    return id.slice(0, 15) + suffix;
}

/** Every value of a key ending in `Id` (an Id field of an operation) with its real case-safe suffix. */
export function withCaseSafeIds(operations: readonly unknown[]): unknown {
    return JSON.parse(JSON.stringify(operations), (key, value: unknown) =>
        typeof value === 'string' && /Id$/.test(key) ? caseSafeId(value) : value
    );
}

function fixturesClass(plans: { name: string; operations: Operation[] }[]): string {
    return `/**
 * ${HEADER}
 * The changes the engine plans for the sample orgs (samples/orgs.ts), as the tab sends them (changeRequests: each
 * operation with its route, record changes or Metadata write, and what it waits for): the Apex tests parse and apply
 * exactly what plan() produces, so a field renamed on one side fails there too.
 */
@IsTest
public class SetupOperationFixtures {
    /** Sample org → the JSON array of its planned changes. */
    public static final Map<String, String> PLANS = new Map<String, String>{
${plans.map((p) => `${apexString(p.name)} => ${apexString(JSON.stringify(withCaseSafeIds(changeRequests(p.operations))))}`).join(',\n')}
    };
}
`;
}

async function pretty(text: string, file: string): Promise<string> {
    const options = (await prettier.resolveConfig(file)) ?? {};
    return prettier.format(text, { ...options, filepath: file });
}

export async function generate(
    c = readContract(),
    engineSources: ReadonlyMap<string, string> = readEngineSources(ENGINE)
): Promise<Record<keyof typeof OUT, string>> {
    const dtos = dtoSources(engineSources);
    return {
        snapshotDto: await pretty(dtos.get('SetupSnapshot') ?? '', OUT.snapshotDto),
        agentsDto: await pretty(dtos.get('SetupAgents') ?? '', OUT.agentsDto),
        liveDto: await pretty(dtos.get('SetupLive') ?? '', OUT.liveDto),
        engine: await pretty(engineModule(c), OUT.engine),
        apex: await pretty(apexClass(c), OUT.apex),
        soqlApex: await pretty(soqlApexClass(c), OUT.soqlApex),
        soqlTs: await pretty(soqlModule(c), OUT.soqlTs),
        fixtures: await pretty(fixturesClass(fixturePlans()), OUT.fixtures),
    };
}

/** Generated files that differ from what the source generates. */
export async function outOfDate(
    c = readContract(),
    engineSources: ReadonlyMap<string, string> = readEngineSources(ENGINE)
): Promise<string[]> {
    const generated = await generate(c, engineSources);
    return (Object.keys(OUT) as (keyof typeof OUT)[])
        .filter((k) => !fs.existsSync(OUT[k]) || fs.readFileSync(OUT[k], 'utf8') !== generated[k])
        .map((k) => path.relative(ROOT, OUT[k]));
}

/** Operation interfaces of types.ts (those with a `kind` string literal) → their fields besides kind and itemId. */
export function operationTypeFields(typesSource: string): Map<string, string[]> {
    const file = ts.createSourceFile('types.ts', typesSource, ts.ScriptTarget.ES2022, true);
    const found = new Map<string, string[]>();
    file.forEachChild((node) => {
        if (!ts.isInterfaceDeclaration(node)) return;
        const props = node.members.filter(ts.isPropertySignature);
        const kind = props.find((p) => p.name.getText(file) === 'kind');
        if (!kind?.type || !ts.isLiteralTypeNode(kind.type) || !ts.isStringLiteral(kind.type.literal)) return;
        found.set(
            kind.type.literal.text,
            props.map((p) => p.name.getText(file)).filter((name) => name !== 'kind' && name !== 'itemId')
        );
    });
    return found;
}

/** Property names of one interface in a TypeScript source. */
export function interfaceFields(source: string, name: string): string[] {
    const file = ts.createSourceFile('x.ts', source, ts.ScriptTarget.ES2022, true);
    let fields: string[] = [];
    file.forEachChild((node) => {
        if (ts.isInterfaceDeclaration(node) && node.name.text === name)
            fields = node.members.filter(ts.isPropertySignature).map((m) => m.name.getText(file));
    });
    return fields;
}

export interface ContractSources {
    soqlSource: string;
    types: string;
    planView: string;
    setupOperation: string;
    executor: string;
}

export function readSources(): ContractSources {
    return {
        // Static SOQL for-loops live in the selectors: the snapshot's (SoqlSource) and the write checks'.
        soqlSource: ['SoqlSource', 'SetupOperationChecks']
            .map((name) => fs.readFileSync(apexClassFile(name), 'utf8'))
            .join('\n'),
        // The engine's types, wherever they are declared (every .ts file of lwc/setupEngine).
        types: [...readEngineSources(ENGINE).values()].join('\n'),
        planView: fs.readFileSync(
            path.join(ROOT, 'force-app', 'main', 'default', 'lwc', 'planView', 'planView.ts'),
            'utf8'
        ),
        setupOperation: fs.readFileSync(apexClassFile('SetupOperation'), 'utf8'),
        executor: fs.readFileSync(apexClassFile('SetupOperationExecutor'), 'utf8'),
    };
}

/**
 * Static SOQL written inline in an Apex source, whitespace folded (also inside the parentheses prettier-plugin-apex
 * puts around a subquery on its own lines) and the access mode left out.
 */
export function inlineSoql(apexSource: string): string[] {
    return [...apexSource.matchAll(/\[\s*(SELECT[^\]]*)\]/g)].map((m) =>
        m[1]
            .replace(/\s+/g, ' ')
            .replace(/\( /g, '(')
            .replace(/ \)/g, ')')
            .replace(/ WITH (USER|SYSTEM)_MODE/, '')
            .trim()
    );
}

const same = (a: readonly string[], b: readonly string[]): boolean =>
    JSON.stringify([...a].sort()) === JSON.stringify([...b].sort());

/**
 * The field types of one operation, or of one list entry: each leaf's type is one the Apex parser knows (a `when`
 * of SetupOperation.cls), and `id Object.key` names a developer-name field beside it.
 */
function fieldTypeProblems(path: string, fields: FieldTypes, setupOperation: string): string[] {
    const problems: string[] = [];
    for (const [field, type] of Object.entries(fields)) {
        if (isFieldList(type)) {
            const of = type.of;
            problems.push(
                ...(typeof of === 'string' || isFieldList(of)
                    ? fieldTypeProblems(path, { [field]: of }, setupOperation)
                    : fieldTypeProblems(`${path}.${field}`, of, setupOperation))
            );
            continue;
        }
        const [leaf, target] = type.split(' ');
        const base = leaf.replace(/\?$/, '').split(':')[0];
        if (!new RegExp(`when [^{]*'${base}'`).test(setupOperation))
            problems.push(`SetupOperation.cls knows no field type '${base}' (${path}.${field})`);
        const nameKey = target?.split('.')[1];
        const nameType = nameKey ? fields[nameKey] : undefined;
        if (nameKey && nameType !== 'name' && nameType !== 'agentSetName')
            problems.push(`${path}.${field} is named by '${nameKey}', which is not a developer name beside it`);
    }
    return problems;
}

/** Where the hand-written code disagrees with the contract: TypeScript operation types, results, the Apex parser. */
export function checkContract(c: Contract, sources: ContractSources): string[] {
    const problems: string[] = [];
    const tsOps = operationTypeFields(sources.types);
    for (const [kind, op] of Object.entries(c.operations)) {
        const fields = tsOps.get(kind);
        if (!fields) problems.push(`types.ts has no operation of kind ${kind}`);
        else if (!same(fields, Object.keys(op.fields)))
            problems.push(
                `types.ts ${kind} has fields ${fields.join(', ')}; the contract says ${Object.keys(op.fields).join(', ')}`
            );
        problems.push(...fieldTypeProblems(kind, op.fields, sources.setupOperation));
    }
    for (const kind of tsOps.keys())
        if (!(kind in c.operations)) problems.push(`types.ts plans ${kind}, which the contract does not allow`);
    const inline = inlineSoql(sources.soqlSource);
    for (const name of c.soqlInlineInApex.names) {
        if (!inline.includes(c.soql[name]))
            problems.push(`SoqlSource.cls and SetupOperationChecks.cls have no static SOQL equal to ${name}`);
    }
    const tsResult = interfaceFields(sources.planView, 'OperationResult');
    if (!same(tsResult, c.operationResult))
        problems.push(
            `planView.ts OperationResult has ${tsResult.join(', ')}; the contract says ${c.operationResult.join(', ')}`
        );
    const apexResult = auraEnabledFields(sources.executor).get('Result') ?? [];
    if (!same(apexResult, c.operationResult))
        problems.push(
            `SetupOperationExecutor.Result has ${apexResult.join(', ')}; the contract says ${c.operationResult.join(', ')}`
        );
    return problems;
}

/** The readers: they read by the Ids the engine's `settle` picks and never choose a record themselves. */
export interface ReaderSources {
    /** File name → text: the Apex readers, their controllers and the SOQL source. */
    apex: Record<string, string>;
    /** File name → text: the CLI's readers. */
    plugin: Record<string, string>;
}

const APEX_READERS = [
    'readers/SetupSnapshotReader.cls',
    'readers/SetupAgentsReader.cls',
    'readers/SoqlSource.cls',
    'readers/SetupLiveReader.cls',
    'controllers/SetupSnapshotController.cls',
    'controllers/SetupAgentsController.cls',
];
const PLUGIN_READERS = ['reader.ts', 'agentsReader.ts', 'liveReader.ts'];
const PLUGIN_LIB = path.join(ROOT, 'src', 'lib');

export function readReaders(): ReaderSources {
    const of = (dir: string, names: string[]): Record<string, string> =>
        Object.fromEntries(names.map((name) => [path.basename(name), fs.readFileSync(path.join(dir, name), 'utf8')]));
    return { apex: of(CLASSES, APEX_READERS), plugin: of(PLUGIN_LIB, PLUGIN_READERS) };
}

/**
 * Code that would choose SimplyChat's queue, configuration, statuses or apps: the engine's `settle` alone does
 * (lwc/setupEngine/settle.ts). A line reading the candidates by our queue name (the QUEUES bind `queueName`) reads,
 * it does not choose.
 */
const DECISIONS: { what: string; pattern: RegExp }[] = [
    { what: "runs the engine's checklist to find a record", pattern: /\bevaluate\(/ },
    {
        what: 'looks a record up by the name the admin chose',
        pattern: /choices\.names\.(queue|presenceConfig|onlineStatus|busyStatus|routingConfig|serviceChannel)\b/,
    },
    {
        what: 'compares developer names',
        pattern: /DeveloperName[^\n]*(equalsIgnoreCase|toLowerCase\(\)\s*===)|equalsIgnoreCase\([^\n]*DeveloperName/,
    },
    { what: 'picks console apps', pattern: /NavType\s*={2,3}|'Console'/ },
    { what: 'prefers routed queues', pattern: /QueueRoutingConfigId\s*!==?\s*null|\bprefer\(/ },
];

/** Entry points of the dependent reads: each takes what `settle` picked. */
const TAKES_IDS: { file: string; pattern: RegExp; what: string }[] = [
    {
        file: 'SetupSnapshotController.cls',
        pattern: /getSettledParts\(String queueId\)/,
        what: 'getSettledParts(String queueId)',
    },
    {
        file: 'SetupAgentsController.cls',
        pattern: /getAgents\(String afterId, String configId\)/,
        what: 'getAgents(String afterId, String configId)',
    },
    {
        file: 'SetupAgentsController.cls',
        pattern: /getUtilityBars\(List<String> barNames\)/,
        what: 'getUtilityBars(List<String> barNames)',
    },
    {
        file: 'reader.ts',
        pattern: /function readDependent\([^)]*ids: SettledIds/,
        what: 'readDependent(…, ids: SettledIds)',
    },
    { file: 'reader.ts', pattern: /settle\(base\.snapshot\)\.ids/, what: 'readDependent given settle(base).ids' },
    {
        file: 'agentsReader.ts',
        pattern: /settle\(snapshot\)\.ids\.presenceConfigId/,
        what: 'the direct users of settle(snapshot).ids.presenceConfigId',
    },
];

/** Where a reader decides, misses an Id-taking entry point, or caps a list with a number of its own. */
export function checkReaders(c: Contract, readers: ReaderSources): string[] {
    const problems: string[] = [];
    const files = { ...readers.apex, ...readers.plugin };
    for (const [name, text] of Object.entries(files)) {
        text.split('\n').forEach((line, index) => {
            if (/queueName/.test(line)) return;
            for (const decision of DECISIONS)
                if (decision.pattern.test(line)) problems.push(`${name}:${index + 1} ${decision.what}: ${line.trim()}`);
        });
    }
    for (const entry of TAKES_IDS)
        if (!entry.pattern.test(files[entry.file] ?? '')) problems.push(`${entry.file} has no ${entry.what}`);
    const apex = Object.values(readers.apex).join('\n');
    const plugin = Object.values(readers.plugin).join('\n');
    for (const key of Object.keys(c.readCaps)) {
        const constant = `SetupContract.${key.replace(/([A-Z])/g, '_$1').toUpperCase()}`;
        if (!apex.includes(constant)) problems.push(`no Apex reader caps with ${constant}`);
        if (!plugin.includes(`READ_CAPS.${key}`)) problems.push(`no CLI reader caps with READ_CAPS.${key}`);
    }
    return problems;
}

if (require.main === module) {
    runMain(async () => {
        const c = readContract();
        const problems = [...checkContract(c, readSources()), ...checkReaders(c, readReaders())];
        problems.forEach((p) => console.error(`contract: ${p}`));
        if (process.argv.includes('--check')) {
            const stale = await outOfDate(c);
            stale.forEach((f) => console.error(`contract: ${f} is out of date: run npm run contract`));
            console.log(
                `contract ${stale.length + problems.length ? 'FAILED' : 'passed'}: ${stale.length} stale file(s)`
            );
            return stale.length + problems.length ? 1 : 0;
        }
        const generated = await generate(c);
        for (const k of ['snapshotDto', 'agentsDto', 'liveDto'] as const) {
            const before = fs.existsSync(OUT[k]) ? fs.readFileSync(OUT[k], 'utf8') : '';
            for (const line of droppedDeclarations(before, generated[k]))
                console.warn(
                    `contract: ${path.basename(OUT[k])} no longer declares \`${line}\` (written by hand?): if it must stay, ` +
                        'say so in the tables of scripts/lib/apex-dtos.ts and run npm run contract again'
                );
        }
        for (const k of Object.keys(OUT) as (keyof typeof OUT)[]) fs.writeFileSync(OUT[k], generated[k]);
        for (const cls of [OUT.apex, OUT.soqlApex, OUT.fixtures]) {
            const meta = `${cls}-meta.xml`;
            if (!fs.existsSync(meta))
                fs.writeFileSync(meta, fs.readFileSync(`${apexClassFile('SetupOperation')}-meta.xml`, 'utf8'));
        }
        console.log(`contract: wrote ${Object.keys(OUT).length} files`);
        return problems.length ? 1 : 0;
    });
}
