/**
 * The snapshot's SOQL for the CLI: the same text Apex runs (both generated from config/contract/setup-contract.json),
 * with its bind variables substituted here, since the REST query endpoint has no binds.
 */
import { SOQL } from './soql.generated.js';

export { SOQL };

export type BindValue = string | number | readonly string[] | ReadonlySet<string>;

/** Stands in for an empty Id list: a well-formed Id that matches nothing (SOQL refuses `IN ()`). */
export const NO_ID = '000000000000000AAA';

/** Only Ids, API names and plain labels reach SOQL: letters, digits, underscores, spaces and a few marks. */
const SAFE = /^[\p{L}\p{N}_ .,:()-]*$/u;

function literal(value: string): string {
    if (!SAFE.test(value)) throw new Error(`Refusing to put "${value}" into SOQL`);
    return `'${value}'`;
}

/** The query with each `:name` replaced by its value: strings quoted, lists as `(…)`, numbers as they are. */
export function bindSoql(soql: string, binds: Readonly<Record<string, BindValue>>): string {
    return soql.replace(/:(\w+)/g, (_match, name: string) => {
        if (!(name in binds)) throw new Error(`No value for the bind variable :${name}`);
        const value = binds[name];
        if (typeof value === 'number') {
            if (!Number.isInteger(value)) throw new Error(`Refusing to put ${value} into SOQL`);
            return String(value);
        }
        if (typeof value === 'string') return literal(value);
        const list = [...value];
        return `(${(list.length ? list : [NO_ID]).map(literal).join(', ')})`;
    });
}
