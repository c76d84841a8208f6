/**
 * A small ordered XML element tree for Metadata API components: read from a SOAP response, changed in place,
 * written back. Unknown elements keep their place and content, so a read-modify-write changes only what it names.
 */
import { XMLParser } from 'fast-xml-parser';

export interface XmlElement {
    name: string;
    text?: string;
    attributes: Record<string, string>;
    children: XmlElement[];
}

export function element(name: string, text?: string, children: XmlElement[] = []): XmlElement {
    return { name, text, attributes: {}, children };
}

function localName(name: string): string {
    return name.includes(':') ? name.slice(name.indexOf(':') + 1) : name;
}

type Ordered = Record<string, unknown>;

function fromOrdered(node: Ordered): XmlElement | undefined {
    const name = Object.keys(node).find((k) => k !== ':@' && k !== '#text');
    if (!name) return undefined;
    const attributes: Record<string, string> = {};
    for (const [k, v] of Object.entries((node[':@'] as Record<string, string>) ?? {}))
        attributes[localName(k.replace(/^@_/, ''))] = String(v);
    const content = (node[name] as Ordered[]) ?? [];
    const children = content.map(fromOrdered).filter((c): c is XmlElement => c !== undefined);
    const text = content
        .filter((c) => '#text' in c)
        .map((c) => String(c['#text']))
        .join('');
    return { name: localName(name), text: children.length === 0 ? text : undefined, attributes, children };
}

/** Parses an XML document into its root element (namespace prefixes dropped). */
export function parseXml(xml: string): XmlElement {
    const parser = new XMLParser({
        preserveOrder: true,
        ignoreAttributes: false,
        ignoreDeclaration: true,
        ignorePiTags: true,
        parseTagValue: false,
        trimValues: true,
    });
    const nodes = parser.parse(xml) as Ordered[];
    const root = nodes.map(fromOrdered).find((e) => e !== undefined);
    if (!root) throw new Error('Empty XML document');
    return root;
}

export function find(parent: XmlElement | undefined, path: string): XmlElement | undefined {
    let current = parent;
    for (const name of path.split('/')) current = current?.children.find((c) => c.name === name);
    return current;
}

export function findAll(parent: XmlElement | undefined, name: string): XmlElement[] {
    return parent?.children.filter((c) => c.name === name) ?? [];
}

export function textOf(parent: XmlElement | undefined, path: string): string | undefined {
    return find(parent, path)?.text;
}

/** Inserts a child at its place in `order` (the WSDL element order): before the first later sibling. */
export function insertInOrder(parent: XmlElement, child: XmlElement, order: readonly string[]): XmlElement {
    const rank = order.indexOf(child.name);
    const at = parent.children.findIndex((c) => rank >= 0 && order.indexOf(c.name) > rank);
    if (at < 0) parent.children.push(child);
    else parent.children.splice(at, 0, child);
    return child;
}

export function setChild(parent: XmlElement, name: string, text: string, order: readonly string[]): void {
    const existing = parent.children.find((c) => c.name === name);
    if (existing) {
        existing.text = text;
        existing.children = [];
        delete existing.attributes.nil;
    } else insertInOrder(parent, element(name, text), order);
}

export function ensureChild(parent: XmlElement, name: string, order: readonly string[]): XmlElement {
    return parent.children.find((c) => c.name === name) ?? insertInOrder(parent, element(name), order);
}

function escape(text: string): string {
    return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Writes an element with every tag in the `met` namespace prefix; xsi:type and xsi:nil are kept. */
export function toXml(node: XmlElement, prefix = 'met'): string {
    const attrs = Object.entries(node.attributes)
        .filter(([k]) => k === 'type' || k === 'nil')
        .map(([k, v]) => ` xsi:${k}="${escape(k === 'type' && !v.includes(':') ? `${prefix}:${v}` : v)}"`)
        .join('');
    const tag = `${prefix}:${node.name}`;
    if (node.children.length === 0) {
        return node.text === undefined || node.text === ''
            ? `<${tag}${attrs}/>`
            : `<${tag}${attrs}>${escape(node.text)}</${tag}>`;
    }
    return `<${tag}${attrs}>${node.children.map((c) => toXml(c, prefix)).join('')}</${tag}>`;
}
