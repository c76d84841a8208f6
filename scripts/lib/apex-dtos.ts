/**
 * The Apex DTOs the snapshot, the Agents view and the Live view are serialized from (SetupSnapshot.cls,
 * SetupAgents.cls, SetupLive.cls), written
 * from the engine's TypeScript types: the engine reads what Apex serializes by field name, so one source holds the
 * names. `npm run contract` writes them (scripts/contract.ts); its staleness check fails when they are out of date.
 *
 * The types are found by name in every .ts file of lwc/setupEngine (not in one file), read with the TypeScript
 * compiler API as syntax: interfaces and type aliases, their properties and JSDoc. What TypeScript cannot say lives
 * in the tables below: Apex names that differ from the TypeScript ones, numbers that are Decimal, defaults.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/** What one generated Apex file holds. */
export interface DtoFile {
    /** The outer Apex class. */
    readonly apexClass: string;
    /** Description lines of the outer class (after the generated-file line). */
    readonly doc: readonly string[];
    /** The TypeScript type whose fields are the outer class's own fields, if any. */
    readonly root?: string;
    /** More TypeScript types to write as inner classes: a type name, or `Part<Name>` for a part of those records. */
    readonly inner: readonly string[];
    /** This file declares the Part interface and the READ/UNAVAILABLE constants; other files use this one's. */
    readonly declaresPart: boolean;
}

export const DTO_FILES: readonly DtoFile[] = [
    {
        apexClass: 'SetupSnapshot',
        doc: [
            'The snapshot the checklist engine evaluates: OrgSnapshot of lwc/setupEngine, field for field. Records keep',
            'the Salesforce field names they are read with. Every part is either read or unavailable with a code',
            "('omniDisabled', 'noAccess', 'queryFailed', or 'notRead' for what is read on demand), never an empty list",
            'pretending to be a fact.',
        ],
        root: 'OrgSnapshot',
        // The parts read by the Ids the engine settles on (SetupSnapshotController.getSettledParts).
        inner: ['SettledParts'],
        declaresPart: true,
    },
    {
        apexClass: 'SetupAgents',
        doc: [
            'The on-demand reads of the Agents view (SetupAgentsController): AgentPage of lwc/setupEngine and the',
            'utility bars, field for field. Records keep the Salesforce field names they are read with, except',
            'ServiceCloudUser (User.UserPermissionsSupportUser) and DirectConfigId (PresenceUserConfigUser).',
        ],
        inner: ['AgentPage', 'Part<UtilityBarRecord>'],
        declaresPart: false,
    },
    {
        apexClass: 'SetupLive',
        doc: [
            "The Live view's read (SetupLiveController.getLive): LiveRead of lwc/setupEngine/live.ts, field for field.",
            'Records keep the Salesforce field names they are read with, except the aggregate of active work per user',
            '(AgentWorkloadRecord: Items, Weight, Percentage).',
        ],
        inner: ['LiveRead'],
        declaresPart: false,
    },
];

/** Apex class names that differ from the TypeScript type's (an inline object type is named `Owner.field`). */
export const APEX_NAMES: Readonly<Record<string, string>> = {
    SetupChoices: 'Choices',
    'OrgSnapshot.user': 'UserInfoDto',
};

/** TypeScript types written by hand in another Apex class (with logic); not generated here. */
export const EXTERNAL_TYPES: Readonly<Record<string, string>> = {
    UserPermissions: 'SetupPermissions.Grants',
};

/** The part class of `Part<Record>`: `<Record without Record/State>Part`, unless named here. */
export const PART_NAMES: Readonly<Record<string, string>> = {
    QueueRoutingConfigRecord: 'RoutingConfigPart',
    ServicePresenceStatusRecord: 'PresenceStatusPart',
    ServiceChannelStatusRecord: 'StatusChannelPart',
    PresenceUserConfigRecord: 'PresenceConfigPart',
    PresenceUserConfigProfileRecord: 'PresenceConfigProfilePart',
    PresenceUserConfigUserCount: 'PresenceConfigUserCountPart',
    PendingRoutingRecord: 'PendingPart',
    LivePresenceRecord: 'PresencePart',
    LiveUserRecord: 'UserPart',
    AgentWorkloadRecord: 'WorkPart',
};

/** Numbers that SOQL returns as Decimal (double fields); every other number is an Integer. */
export const DECIMAL_FIELDS: ReadonlySet<string> = new Set([
    'QueueRoutingConfigRecord.RoutingPriority',
    'QueueRoutingConfigRecord.CapacityWeight',
    'QueueRoutingConfigRecord.CapacityPercentage',
    'LivePresenceRecord.ConfiguredCapacity',
    'AgentWorkloadRecord.Weight',
    'AgentWorkloadRecord.Percentage',
]);

/**
 * Apex initial values (besides lists, which start empty in every record class, and numeric literal types, which
 * start at their value). Keys are `TypeScriptType.field`.
 */
export const DEFAULTS: Readonly<Record<string, string>> = {
    'ProfileRecord.UserCount': '0',
    'ProfileRecord.ServiceCloudUserCount': '0',
    'ScSetupState.writable': 'false',
    // Not known from SOQL alone: the connection test of the operations controller fills these in.
    'ApiAccess.connectionSetup': "'unknown'",
    'ApiAccess.connection': "'untested'",
    'AgentPage.presence': 'new AgentPresencePart()',
    'SettledParts.queueMembership': 'new QueueMembershipPart()',
    'LiveRead.pending': 'new PendingPart()',
    'LiveRead.pendingMore': 'false',
    'LiveRead.presence': 'new PresencePart()',
    'LiveRead.presenceSeesAll': 'false',
    'LiveRead.users': 'new UserPart()',
    'LiveRead.work': 'new WorkPart()',
};

/**
 * Types the tab sends back as a parameter (SetupSnapshotController.saveChoices): they and the types they use get
 * properties (`{ get; set; }`), which Lightning fills when it deserializes a parameter, and no initial values.
 */
export const PARAMETER_ROOTS: readonly string[] = ['SetupChoices'];

/** Classes built in Apex code with their values: a constructor without arguments and one with every field. */
export const CONSTRUCTORS: ReadonlySet<string> = new Set(['NameChoice']);

export const DTO_HEADER =
    'GENERATED by `npm run contract` from the TypeScript types of lwc/setupEngine (scripts/lib/apex-dtos.ts): do not edit.';

type Declaration = ts.InterfaceDeclaration | ts.TypeAliasDeclaration;

/** Every interface and type alias of the engine's .ts files, by name (a name declared twice is an error). */
export function engineDeclarations(sources: ReadonlyMap<string, string>): Map<string, Declaration> {
    const found = new Map<string, Declaration>();
    const where = new Map<string, string>();
    for (const [file, text] of sources) {
        const unit = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
        unit.forEachChild((node) => {
            if (!ts.isInterfaceDeclaration(node) && !ts.isTypeAliasDeclaration(node)) return;
            const name = node.name.text;
            if (found.has(name))
                throw new Error(`apex-dtos: type ${name} is declared in both ${where.get(name)} and ${file}`);
            found.set(name, node);
            where.set(name, file);
        });
    }
    return found;
}

/** The engine's TypeScript sources (its subfolders included, its tests not), by path relative to the engine. */
export function readEngineSources(engineDir: string): Map<string, string> {
    const files: string[] = [];
    const walk = (dir: string): void => {
        for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
            const full = path.join(dir, entry.name);
            if (entry.isDirectory()) {
                if (entry.name !== '__tests__') walk(full);
            } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) files.push(full);
        }
    };
    walk(engineDir);
    return new Map(
        files
            .map((f) => path.relative(engineDir, f).split(path.sep).join('/'))
            .sort()
            .map((f) => [f, fs.readFileSync(path.join(engineDir, f), 'utf8')])
    );
}

interface ApexField {
    readonly name: string;
    readonly type: string;
    readonly initial?: string;
    readonly doc: string;
}

interface ApexClass {
    readonly name: string;
    readonly doc: string;
    readonly fields: readonly ApexField[];
    readonly properties: boolean;
    /** The record class of a part class. */
    readonly partOf?: string;
}

function docOf(node: ts.Node): string {
    const docs = (node as { jsDoc?: ts.JSDoc[] }).jsDoc ?? [];
    return docs
        .map((d) => ts.getTextOfJSDocComment(d.comment) ?? '')
        .filter((t) => t)
        .join('\n');
}

/** One generation run: the classes met from the roots, in the order they are met. */
class Generator {
    readonly classes = new Map<string, ApexClass>();
    private readonly parameterTypes = new Set<string>();

    constructor(private readonly declarations: Map<string, Declaration>) {
        for (const root of PARAMETER_ROOTS) this.markParameter(root);
    }

    /** The parameter types: the roots and every type they use, by TypeScript name. */
    private markParameter(name: string): void {
        if (this.parameterTypes.has(name)) return;
        this.parameterTypes.add(name);
        const node = this.declarations.get(name);
        if (!node) return;
        const names: string[] = [];
        const visit = (child: ts.Node): void => {
            if (ts.isTypeReferenceNode(child) && ts.isIdentifier(child.typeName)) names.push(child.typeName.text);
            child.forEachChild(visit);
        };
        node.forEachChild(visit);
        names.forEach((n) => this.markParameter(n));
    }

    declaration(name: string, where: string): Declaration {
        const node = this.declarations.get(name);
        if (!node) throw new Error(`apex-dtos: type ${name} (${where}) is not declared in lwc/setupEngine/*.ts`);
        return node;
    }

    /** The members of an object type: an interface's, a type literal's, or the union of a union of type literals. */
    private membersOf(node: Declaration | ts.TypeLiteralNode, where: string): ts.PropertySignature[] {
        if (ts.isInterfaceDeclaration(node) || ts.isTypeLiteralNode(node))
            return node.members.filter(ts.isPropertySignature);
        const variants = ts.isUnionTypeNode(node.type) ? node.type.types : [node.type];
        const members = new Map<string, ts.PropertySignature>();
        for (const variant of variants) {
            if (!ts.isTypeLiteralNode(variant))
                throw new Error(`apex-dtos: ${where} is not an object type or a union of object types`);
            for (const m of variant.members.filter(ts.isPropertySignature))
                if (!members.has(m.name.getText())) members.set(m.name.getText(), m);
        }
        return [...members.values()];
    }

    /** The Apex class of a TypeScript object type, generated once. */
    classOf(tsName: string, node: Declaration | ts.TypeLiteralNode, where: string): string {
        const name = APEX_NAMES[tsName] ?? tsName;
        if (this.classes.has(name)) return name;
        const properties = this.parameterTypes.has(tsName);
        const placeholder: ApexClass = { name, doc: '', fields: [], properties };
        this.classes.set(name, placeholder);
        const fields = this.membersOf(node, where).map((member) => {
            const field = member.name.getText();
            const key = `${tsName}.${field}`;
            if (!member.type) throw new Error(`apex-dtos: ${key} has no type`);
            const { type, initial } = this.apexType(member.type, key);
            const listInitial = !properties && type.startsWith('List<') ? `new ${type}()` : undefined;
            return {
                name: field,
                type,
                initial: properties ? undefined : (DEFAULTS[key] ?? initial ?? listInitial),
                doc: docOf(member),
            };
        });
        this.classes.set(name, { ...placeholder, doc: ts.isTypeLiteralNode(node) ? '' : docOf(node), fields });
        return name;
    }

    /** The part class of `Part<record>`. */
    partOf(record: string, where: string): string {
        const recordClass = this.namedType(record, where);
        const name = PART_NAMES[record] ?? `${record.replace(/(Record|State)$/, '')}Part`;
        if (!this.classes.has(name))
            this.classes.set(name, { name, doc: '', fields: [], properties: false, partOf: recordClass });
        return name;
    }

    /** The Apex type of a named TypeScript type. */
    namedType(name: string, where: string): string {
        if (EXTERNAL_TYPES[name]) return EXTERNAL_TYPES[name];
        const node = this.declaration(name, where);
        if (ts.isTypeAliasDeclaration(node)) {
            const scalar = this.scalar(node.type);
            if (scalar) return scalar;
        }
        return this.classOf(name, node, where);
    }

    /** String, Integer or Boolean when the type is one of those (with null), else undefined. */
    private scalar(type: ts.TypeNode): string | undefined {
        const kinds = new Set<string>();
        const visit = (t: ts.TypeNode): boolean => {
            if (ts.isParenthesizedTypeNode(t)) return visit(t.type);
            if (ts.isUnionTypeNode(t)) return t.types.every(visit);
            if (t.kind === ts.SyntaxKind.StringKeyword) return (kinds.add('String'), true);
            if (t.kind === ts.SyntaxKind.NumberKeyword) return (kinds.add('Integer'), true);
            if (t.kind === ts.SyntaxKind.BooleanKeyword) return (kinds.add('Boolean'), true);
            if (ts.isTypeOperatorNode(t) && t.operator === ts.SyntaxKind.KeyOfKeyword)
                return (kinds.add('String'), true);
            if (ts.isLiteralTypeNode(t)) {
                if (t.literal.kind === ts.SyntaxKind.NullKeyword) return true;
                if (ts.isStringLiteral(t.literal)) return (kinds.add('String'), true);
                if (ts.isNumericLiteral(t.literal)) return (kinds.add('Integer'), true);
                if (t.literal.kind === ts.SyntaxKind.TrueKeyword || t.literal.kind === ts.SyntaxKind.FalseKeyword)
                    return (kinds.add('Boolean'), true);
                return false;
            }
            if (t.kind === ts.SyntaxKind.UndefinedKeyword) return true;
            if (ts.isTypeReferenceNode(t) && ts.isIdentifier(t.typeName) && !t.typeArguments) {
                const node = this.declarations.get(t.typeName.text);
                return !!node && ts.isTypeAliasDeclaration(node) && visit(node.type);
            }
            return false;
        };
        if (!visit(type) || kinds.size === 0) return undefined;
        return kinds.size === 1 ? [...kinds][0] : 'Object';
    }

    /** The Apex type of a field's TypeScript type, and its initial value when the type says it. */
    apexType(type: ts.TypeNode, key: string): { type: string; initial?: string } {
        const scalar = this.scalar(type);
        if (scalar) {
            const literal =
                ts.isLiteralTypeNode(type) && ts.isNumericLiteral(type.literal) ? type.literal.text : undefined;
            return { type: scalar === 'Integer' && DECIMAL_FIELDS.has(key) ? 'Decimal' : scalar, initial: literal };
        }
        if (ts.isParenthesizedTypeNode(type)) return this.apexType(type.type, key);
        if (ts.isUnionTypeNode(type)) {
            const rest = type.types.filter(
                (t) =>
                    !(ts.isLiteralTypeNode(t) && t.literal.kind === ts.SyntaxKind.NullKeyword) &&
                    t.kind !== ts.SyntaxKind.UndefinedKeyword
            );
            if (rest.length === 1) return this.apexType(rest[0], key);
            throw new Error(`apex-dtos: ${key} is a union Apex cannot hold: ${type.getText()}`);
        }
        if (ts.isTypeOperatorNode(type) && type.operator === ts.SyntaxKind.ReadonlyKeyword)
            return this.apexType(type.type, key);
        if (ts.isArrayTypeNode(type)) return { type: `List<${this.apexType(type.elementType, key).type}>` };
        if (ts.isTypeLiteralNode(type)) {
            if (!APEX_NAMES[key])
                throw new Error(`apex-dtos: ${key} is an inline object type: name its class in APEX_NAMES`);
            return { type: this.classOf(key, type, key) };
        }
        if (ts.isTypeReferenceNode(type) && ts.isIdentifier(type.typeName)) {
            const name = type.typeName.text;
            const args = type.typeArguments ?? ts.factory.createNodeArray<ts.TypeNode>();
            if (name === 'Readonly' && args.length === 1) return this.apexType(args[0], key);
            if ((name === 'ReadonlyArray' || name === 'Array') && args.length === 1)
                return { type: `List<${this.apexType(args[0], key).type}>` };
            if (name === 'Record' && args.length === 2) {
                const value = this.scalar(args[1]);
                if (!value) throw new Error(`apex-dtos: ${key}: only maps of scalar values are supported`);
                return { type: `Map<String, ${value}>` };
            }
            if (name === 'Part' && args.length === 1) {
                const record = args[0];
                if (!ts.isTypeReferenceNode(record) || !ts.isIdentifier(record.typeName))
                    throw new Error(`apex-dtos: ${key}: a part's records must be a named type`);
                return { type: this.partOf(record.typeName.text, key) };
            }
            if (args.length === 0) return { type: this.namedType(name, key) };
        }
        throw new Error(`apex-dtos: ${key} has a type Apex cannot hold: ${type.getText()}`);
    }
}

function apexDoc(text: string, indent: string): string {
    if (!text) return '';
    const lines = text.split('\n');
    if (lines.length === 1 && lines[0].length < 100) return `${indent}/** ${lines[0]} */\n`;
    return `${indent}/**\n${lines.map((l) => `${indent} *${l ? ` ${l}` : ''}`).join('\n')}\n${indent} */\n`;
}

function fieldLines(fields: readonly ApexField[], properties: boolean, indent: string): string {
    return fields
        .map(
            (f) =>
                `${apexDoc(f.doc, indent)}${indent}@AuraEnabled\n${indent}public ${f.type} ${f.name}${
                    properties ? ' { get; set; }' : f.initial ? ` = ${f.initial};` : ';'
                }\n`
        )
        .join('');
}

function classSource(c: ApexClass, file: DtoFile): string {
    const i = '    ';
    if (c.partOf) {
        const prefix = file.declaresPart ? '' : 'SetupSnapshot.';
        return `${i}public class ${c.name} implements ${prefix}Part {
${i}${i}@AuraEnabled
${i}${i}public String status = ${prefix}READ;
${i}${i}@AuraEnabled
${i}${i}public String code;
${i}${i}@AuraEnabled
${i}${i}public String message;
${i}${i}@AuraEnabled
${i}${i}public List<${c.partOf}> records = new List<${c.partOf}>();

${i}${i}public void markUnavailable(String code, String message) {
${i}${i}${i}this.status = ${prefix}UNAVAILABLE;
${i}${i}${i}this.code = code;
${i}${i}${i}this.message = message;
${i}${i}${i}this.records = null;
${i}${i}}
${i}}
`;
    }
    let constructors = '';
    if (CONSTRUCTORS.has(c.name)) {
        const params = c.fields.map((f) => `${f.type} ${f.name}`).join(', ');
        const assigns = c.fields.map((f) => `${i}${i}${i}this.${f.name} = ${f.name};\n`).join('');
        constructors = `\n${i}${i}public ${c.name}() {\n${i}${i}${i}this(${c.fields.map(() => 'null').join(', ')});\n${i}${i}}\n\n${i}${i}public ${c.name}(${params}) {\n${assigns}${i}${i}}\n`;
    }
    return `${apexDoc(c.doc, i)}${i}public class ${c.name} {\n${fieldLines(c.fields, c.properties, i + i)}${constructors}${i}}\n`;
}

/** One generated Apex file (before formatting). */
export function dtoSource(file: DtoFile, declarations: Map<string, Declaration>): string {
    const generator = new Generator(declarations);
    let own: ApexField[] = [];
    if (file.root) {
        const root = generator.classOf(file.root, generator.declaration(file.root, file.apexClass), file.root);
        own = [...(generator.classes.get(root)?.fields ?? [])];
        generator.classes.delete(root);
    }
    for (const inner of file.inner) {
        const part = /^Part<(\w+)>$/.exec(inner);
        if (part) generator.partOf(part[1], file.apexClass);
        else generator.namedType(inner, file.apexClass);
    }
    const classes = [...generator.classes.values()];
    const partInterface = file.declaresPart
        ? `    public static final String READ = 'read';
    public static final String UNAVAILABLE = 'unavailable';

    /**
     * What every part does. Each part class declares its own status, code, message and records (no inherited
     * @AuraEnabled members, so the serialized shape never depends on how Lightning treats inheritance).
     */
    public interface Part {
        void markUnavailable(String code, String message);
    }

`
        : '';
    const body = [
        partInterface + fieldLines(own, false, '    '),
        ...classes.filter((c) => !c.partOf).map((c) => classSource(c, file)),
        ...classes.filter((c) => c.partOf).map((c) => classSource(c, file)),
    ]
        .filter((s) => s)
        .join('\n');
    return `/**
 * ${DTO_HEADER}
${file.doc.map((l) => ` * ${l}`).join('\n')}
 */
public inherited sharing class ${file.apexClass} {
${body}}
`;
}

/** Every generated DTO file: Apex class name → source (before formatting). */
export function dtoSources(engineSources: ReadonlyMap<string, string>): Map<string, string> {
    const declarations = engineDeclarations(engineSources);
    return new Map(DTO_FILES.map((f) => [f.apexClass, dtoSource(f, declarations)]));
}

/**
 * Declarations (`public …` lines, whitespace folded) of an Apex file that a new version no longer has: what a
 * regeneration would drop or change, e.g. an initial value or a Decimal written by hand in a merged branch.
 */
export function droppedDeclarations(before: string, after: string): string[] {
    const declarations = (source: string): string[] =>
        source
            .split('\n')
            .map((line) => line.trim().replace(/\s+/g, ' '))
            .filter((line) => line.startsWith('public ') || line.startsWith('this.'));
    const kept = new Set(declarations(after));
    return declarations(before).filter((line) => !kept.has(line));
}
