/**
 * A narrow offline stand-in for the Apex compiler's name resolution, for the one kind of mistake the parser and PMD
 * cannot see: a reference to a member of one of our own classes that does not exist.
 *
 * Checked (Apex is case-insensitive, and so is this):
 *  - `OurClass.member(...)` / `OurClass.Inner.member(...)`: the method exists there with that many arguments;
 *  - `OurClass.member` / `OurClass.Inner.member`: a field, property, enum value, inner type or method exists;
 *  - `new OurClass.Inner(...)`: the inner type exists;
 *  - an unqualified call `member(...)` inside a class that extends nothing: the method exists in that class or in
 *    a class around it, with that many arguments.
 * Not checked: anything reached through a variable (that needs types), standard classes, argument types.
 * A name that a file also uses for a variable, parameter or field is skipped there, as it may shadow the class.
 */
import {
    ApexParserFactory,
    ClassDeclarationContext,
    CreatorContext,
    DotExpressionContext,
    EnumDeclarationContext,
    IdPrimaryContext,
    InterfaceDeclarationContext,
    MethodCallContext,
    PrimaryExpressionContext,
    type ExpressionContext,
    type ExpressionListContext,
    type FormalParametersContext,
} from '@apexdevtools/apex-parser';

interface TypeInfo {
    name: string;
    /** Lower-case method name → the argument counts of its overloads. */
    methods: Map<string, Set<number>>;
    /** Lower-case names of fields, properties and enum values. */
    values: Set<string>;
    /** Lower-case name → inner type. */
    types: Map<string, TypeInfo>;
    /** True when the class extends another class: unqualified calls may reach inherited methods. */
    extendsSomething: boolean;
    outer?: TypeInfo;
}

export interface XrefProblem {
    file: string;
    line: number;
    message: string;
}

interface Tree {
    children?: Tree[] | null;
    start?: { line: number };
}

function newType(name: string, outer?: TypeInfo): TypeInfo {
    return { name, methods: new Map(), values: new Set(), types: new Map(), extendsSomething: false, outer };
}

function arity(parameters: FormalParametersContext): number {
    return parameters.formalParameterList()?.formalParameter_list().length ?? 0;
}

function addMethod(type: TypeInfo, name: string, count: number): void {
    const key = name.toLowerCase();
    const set = type.methods.get(key) ?? new Set<number>();
    set.add(count);
    type.methods.set(key, set);
}

function declareClass(ctx: ClassDeclarationContext, outer?: TypeInfo): TypeInfo {
    const type = newType(ctx.id().getText(), outer);
    type.extendsSomething = ctx.EXTENDS() !== null;
    for (const body of ctx.classBody().classBodyDeclaration_list()) {
        const member = body.memberDeclaration();
        if (!member) continue;
        const method = member.methodDeclaration();
        if (method) addMethod(type, method.id().getText(), arity(method.formalParameters()));
        const property = member.propertyDeclaration();
        if (property) type.values.add(property.id().getText().toLowerCase());
        const field = member.fieldDeclaration();
        if (field) {
            for (const v of field.variableDeclarators().variableDeclarator_list()) {
                type.values.add(v.id().getText().toLowerCase());
            }
        }
        const inner = member.classDeclaration() ?? member.interfaceDeclaration() ?? member.enumDeclaration();
        if (inner) {
            const innerType = declare(inner, type);
            type.types.set(innerType.name.toLowerCase(), innerType);
        }
    }
    return type;
}

function declare(
    ctx: ClassDeclarationContext | InterfaceDeclarationContext | EnumDeclarationContext,
    outer?: TypeInfo
): TypeInfo {
    if (ctx instanceof ClassDeclarationContext) return declareClass(ctx, outer);
    const type = newType(ctx.id().getText(), outer);
    if (ctx instanceof InterfaceDeclarationContext) {
        for (const m of ctx.interfaceBody().interfaceMethodDeclaration_list()) {
            addMethod(type, m.id().getText(), arity(m.formalParameters()));
        }
    } else {
        for (const id of ctx.enumConstants()?.id_list() ?? []) type.values.add(id.getText().toLowerCase());
        // Every enum has values(), name() and ordinal(); only values() is static.
        addMethod(type, 'values', 0);
    }
    return type;
}

/** Names declared as variables, parameters, loop variables, catch variables, fields or properties in a file. */
function declaredNames(node: Tree, out: Set<string>): Set<string> {
    const withId = node as { id?: () => { getText(): string } | null };
    const kind = node.constructor.name;
    if (
        typeof withId.id === 'function' &&
        /^(VariableDeclarator|FormalParameter|EnhancedForControl|CatchClause|PropertyDeclaration)Context$/.test(kind)
    ) {
        const id = withId.id();
        if (id) out.add(id.getText().toLowerCase());
    }
    for (const child of node.children ?? []) declaredNames(child, out);
    return out;
}

/** `A.B.c` as ['A','B','c'] when the expression is a plain chain of names; otherwise undefined. */
function nameChain(expr: ExpressionContext): string[] | undefined {
    if (expr instanceof PrimaryExpressionContext) {
        const primary = expr.primary();
        return primary instanceof IdPrimaryContext ? [primary.id().getText()] : undefined;
    }
    if (expr instanceof DotExpressionContext && expr.anyId()) {
        const left = nameChain(expr.expression());
        return left ? [...left, expr.anyId().getText()] : undefined;
    }
    return undefined;
}

function argumentCount(list: ExpressionListContext | null): number {
    return list?.expression_list().length ?? 0;
}

function describeArity(counts: Set<number>): string {
    return [...counts].sort((a, b) => a - b).join(' or ');
}

export class ApexXref {
    private readonly topTypes = new Map<string, TypeInfo>();
    private readonly units: { file: string; tree: Tree; top?: TypeInfo }[] = [];

    /** Adds one class or trigger source; call for every file before check(). */
    add(file: string, source: string): void {
        const parser = ApexParserFactory.createParser(source, true);
        if (file.endsWith('.trigger')) {
            this.units.push({ file, tree: parser.triggerUnit() as unknown as Tree });
            return;
        }
        const unit = parser.compilationUnit();
        const declaration = unit.typeDeclaration();
        const ctx =
            declaration?.classDeclaration() ??
            declaration?.interfaceDeclaration() ??
            declaration?.enumDeclaration() ??
            undefined;
        const top = ctx ? declare(ctx) : undefined;
        if (top) this.topTypes.set(top.name.toLowerCase(), top);
        this.units.push({ file, tree: unit as unknown as Tree, top });
    }

    check(): XrefProblem[] {
        const problems: XrefProblem[] = [];
        for (const unit of this.units) {
            const shadowed = declaredNames(unit.tree, new Set());
            this.walk(unit.tree, unit, shadowed, unit.top, problems);
        }
        return problems;
    }

    private walk(
        node: Tree,
        unit: { file: string; top?: TypeInfo },
        shadowed: Set<string>,
        current: TypeInfo | undefined,
        problems: XrefProblem[]
    ): void {
        let scope = current;
        if (
            (node instanceof ClassDeclarationContext ||
                node instanceof InterfaceDeclarationContext ||
                node instanceof EnumDeclarationContext) &&
            current &&
            current.name.toLowerCase() !== node.id().getText().toLowerCase()
        ) {
            scope = current.types.get(node.id().getText().toLowerCase()) ?? current;
        }
        const report = (message: string): void => {
            problems.push({ file: unit.file, line: node.start?.line ?? 0, message });
        };
        if (node instanceof DotExpressionContext) this.checkDot(node, shadowed, report);
        else if (node instanceof MethodCallContext) this.checkCall(node, scope, report);
        else if (node instanceof CreatorContext) this.checkCreator(node, shadowed, report);
        for (const child of node.children ?? []) this.walk(child, unit, shadowed, scope, problems);
    }

    /** Resolves `Top.Inner...` to a type, or undefined when the chain does not start with one of our classes. */
    private resolveType(names: string[], shadowed: Set<string>, report: (m: string) => void): TypeInfo | undefined {
        const first = names[0].toLowerCase();
        if (shadowed.has(first)) return undefined;
        const top = this.topTypes.get(first);
        if (!top) return undefined;
        let type: TypeInfo = top;
        for (const name of names.slice(1)) {
            const inner: TypeInfo | undefined = type.types.get(name.toLowerCase());
            if (inner) {
                type = inner;
                continue;
            }
            if (!type.values.has(name.toLowerCase()) && !type.methods.has(name.toLowerCase())) {
                report(`${type.name} has no member ${name}`);
            }
            return undefined; // a static field: what follows needs its type
        }
        return type;
    }

    private checkDot(node: DotExpressionContext, shadowed: Set<string>, report: (m: string) => void): void {
        const call = node.dotMethodCall();
        const chain = nameChain(node.expression());
        if (!chain) return;
        if (call) {
            const owner = this.resolveType(chain, shadowed, report);
            if (!owner) return;
            const name = call.anyId().getText();
            const counts = owner.methods.get(name.toLowerCase());
            const given = argumentCount(call.expressionList());
            if (!counts) report(`${owner.name} has no method ${name}`);
            else if (!counts.has(given)) {
                report(`${owner.name}.${name} takes ${describeArity(counts)} argument(s), not ${given}`);
            }
            return;
        }
        // A plain name chain: check only its first step past the type part, and only when this node is the
        // outermost dot of the chain (inner dots are visited as children).
        if (node.parentCtx instanceof DotExpressionContext && node.parentCtx.anyId()) return;
        this.resolveType([...chain, node.anyId().getText()], shadowed, report);
    }

    private checkCall(node: MethodCallContext, scope: TypeInfo | undefined, report: (m: string) => void): void {
        const id = node.id();
        if (!id || !scope) return; // this(...) / super(...)
        const name = id.getText().toLowerCase();
        const given = argumentCount(node.expressionList());
        for (let type: TypeInfo | undefined = scope; type; type = type.outer) {
            if (type.extendsSomething) return;
            const counts = type.methods.get(name);
            if (counts) {
                if (!counts.has(given)) {
                    report(`${type.name}.${id.getText()} takes ${describeArity(counts)} argument(s), not ${given}`);
                }
                return;
            }
        }
        report(`${scope.name} has no method ${id.getText()}`);
    }

    private checkCreator(node: CreatorContext, shadowed: Set<string>, report: (m: string) => void): void {
        const pairs = node.createdName().idCreatedNamePair_list();
        if (pairs.length < 2) return;
        const names = pairs.map((p) => p.anyId().getText());
        const owner = this.resolveType(names.slice(0, -1), shadowed, report);
        const last = names[names.length - 1];
        if (owner && !owner.types.has(last.toLowerCase())) report(`${owner.name} has no inner type ${last}`);
    }
}

/** Cross-reference problems over a set of Apex sources. */
export function checkApexReferences(sources: { file: string; source: string }[]): XrefProblem[] {
    const xref = new ApexXref();
    for (const s of sources) xref.add(s.file, s.source);
    return xref.check();
}
