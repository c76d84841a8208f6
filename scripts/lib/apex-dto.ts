/**
 * Reads the @AuraEnabled members of Apex DTO classes with the Apex parser: for each class (outer and inner, by
 * simple name), the names of its @AuraEnabled fields and properties, in source order.
 */
import { ApexParserFactory, type ClassDeclarationContext } from '@apexdevtools/apex-parser';

export type AuraFields = Map<string, string[]>;

function collect(declaration: ClassDeclarationContext, out: AuraFields): void {
    const fields: string[] = [];
    for (const body of declaration.classBody().classBodyDeclaration_list()) {
        const member = body.memberDeclaration();
        if (!member) continue;
        const inner = member.classDeclaration();
        if (inner) {
            collect(inner, out);
            continue;
        }
        const aura = body.modifier_list().some((m) => m.annotation()?.id().getText().toLowerCase() === 'auraenabled');
        if (!aura) continue;
        const property = member.propertyDeclaration();
        if (property) fields.push(property.id().getText());
        const field = member.fieldDeclaration();
        if (field) for (const v of field.variableDeclarators().variableDeclarator_list()) fields.push(v.id().getText());
    }
    out.set(declaration.id().getText(), fields);
}

/** @AuraEnabled member names of every class in one Apex source file. */
export function auraEnabledFields(source: string): AuraFields {
    const parser = ApexParserFactory.createParser(source, true);
    const unit = parser.compilationUnit();
    const out: AuraFields = new Map();
    const declaration = unit.typeDeclaration()?.classDeclaration();
    if (declaration) collect(declaration, out);
    return out;
}
