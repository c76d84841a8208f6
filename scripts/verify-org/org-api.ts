/**
 * The few calls verify:org makes to a real org: REST and Tooling queries, describe, one Tooling PATCH and DELETE,
 * Tooling executeAnonymous, and one Metadata SOAP createMetadata. Errors carry the API's own code and message,
 * which the report shows as evidence.
 */

export class OrgApiError extends Error {
    constructor(
        readonly status: number,
        readonly code: string,
        readonly apiMessage: string
    ) {
        super(`${code}: ${apiMessage}`);
        this.name = 'OrgApiError';
    }
}

export interface SaveResult {
    fullName: string;
    success: boolean;
    errors: { statusCode: string; message: string }[];
}

export interface AnonymousResult {
    compiled: boolean;
    success: boolean;
    compileProblem: string | null;
    exceptionMessage: string | null;
}

const METADATA_NS = 'http://soap.sforce.com/2006/04/metadata';
const TIMEOUT_MS = 60000;

function xmlText(text: string): string {
    return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function decode(text: string): string {
    return text
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&apos;/g, "'")
        .replace(/&amp;/g, '&');
}

/** The text of every `<name>` element (any prefix) in `xml`. */
function elements(xml: string, name: string): string[] {
    const found: string[] = [];
    const pattern = new RegExp(`<(?:\\w+:)?${name}(?:\\s[^>]*)?>([\\s\\S]*?)</(?:\\w+:)?${name}>`, 'g');
    for (let m = pattern.exec(xml); m; m = pattern.exec(xml)) found.push(m[1]);
    return found;
}

/** A Metadata component for createMetadata: its type and its child elements in WSDL order. */
export interface Component {
    type: string;
    fields: [string, string][];
}

export class OrgApi {
    constructor(
        readonly instanceUrl: string,
        private readonly accessToken: string,
        readonly apiVersion = '65.0'
    ) {}

    private get base(): string {
        return `${this.instanceUrl}/services/data/v${this.apiVersion}`;
    }

    private async send(method: string, path: string, body?: unknown): Promise<unknown> {
        const response = await fetch(`${this.base}${path}`, {
            method,
            body: body === undefined ? undefined : JSON.stringify(body),
            headers: {
                Authorization: `Bearer ${this.accessToken}`,
                Accept: 'application/json',
                'Content-Type': 'application/json',
            },
            signal: AbortSignal.timeout(TIMEOUT_MS),
        });
        const text = await response.text();
        if (!response.ok) {
            let code = `HTTP_${response.status}`;
            let message = response.statusText;
            try {
                const [first] = JSON.parse(text) as { errorCode: string; message: string }[];
                code = first.errorCode;
                message = first.message;
            } catch {
                // not a REST error array: the HTTP status says it
            }
            throw new OrgApiError(response.status, code, message);
        }
        return text ? (JSON.parse(text) as unknown) : undefined;
    }

    /** A SOQL query (data or Tooling API), all pages. */
    async query<T = Record<string, unknown>>(soql: string, tooling = false): Promise<T[]> {
        const records: T[] = [];
        let path: string | undefined = `${tooling ? '/tooling' : ''}/query/?q=${encodeURIComponent(soql)}`;
        while (path) {
            const page = (await this.send('GET', path)) as { records?: T[]; nextRecordsUrl?: string } | undefined;
            records.push(...(page?.records ?? []));
            path = page?.nextRecordsUrl?.replace(/^\/services\/data\/v[\d.]+/, '');
        }
        return records;
    }

    get<T>(path: string): Promise<T> {
        return this.send('GET', path) as Promise<T>;
    }

    async patch(path: string, body: unknown): Promise<void> {
        await this.send('PATCH', path, body);
    }

    async delete(path: string): Promise<void> {
        await this.send('DELETE', path);
    }

    /** Runs Apex as the user (Tooling executeAnonymous): nothing is saved unless the Apex does DML. */
    executeAnonymous(apex: string): Promise<AnonymousResult> {
        return this.get<AnonymousResult>(`/tooling/executeAnonymous/?anonymousBody=${encodeURIComponent(apex)}`);
    }

    /** createMetadata with AllOrNoneHeader: one SaveResult per component, in order. */
    async createMetadata(components: readonly Component[]): Promise<SaveResult[]> {
        const metadata = components
            .map(
                (c) =>
                    `<met:metadata xsi:type="met:${c.type}">` +
                    c.fields.map(([name, value]) => `<met:${name}>${xmlText(value)}</met:${name}>`).join('') +
                    '</met:metadata>'
            )
            .join('');
        const envelope =
            '<?xml version="1.0" encoding="UTF-8"?>' +
            `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:met="${METADATA_NS}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
            `<soapenv:Header><met:SessionHeader><met:sessionId>${this.accessToken}</met:sessionId></met:SessionHeader>` +
            '<met:AllOrNoneHeader><met:allOrNone>true</met:allOrNone></met:AllOrNoneHeader></soapenv:Header>' +
            `<soapenv:Body><met:createMetadata>${metadata}</met:createMetadata></soapenv:Body></soapenv:Envelope>`;
        const response = await fetch(`${this.instanceUrl}/services/Soap/m/${this.apiVersion}`, {
            method: 'POST',
            body: envelope,
            headers: { 'Content-Type': 'text/xml; charset=UTF-8', SOAPAction: '""' },
            signal: AbortSignal.timeout(TIMEOUT_MS),
        });
        const xml = await response.text();
        const fault = elements(xml, 'Fault')[0];
        if (fault !== undefined) {
            const code = (elements(fault, 'faultcode')[0] ?? 'SOAP_FAULT').replace(/^.*:/, '');
            throw new OrgApiError(response.status, code, decode(elements(fault, 'faultstring')[0] ?? ''));
        }
        return elements(xml, 'result').map((r) => ({
            fullName: decode(elements(r, 'fullName')[0] ?? ''),
            success: elements(r, 'success')[0] === 'true',
            errors: elements(r, 'errors').map((e) => ({
                statusCode: elements(e, 'statusCode')[0] ?? '',
                message: decode(elements(e, 'message')[0] ?? ''),
            })),
        }));
    }
}
