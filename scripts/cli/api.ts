/**
 * The org's REST, Tooling and Metadata SOAP APIs, over fetch with a bearer token: only what the CLI uses.
 * Errors carry the API's own code and message.
 */
import { find, findAll, parseXml, textOf, toXml, type XmlElement } from './xml';

export class ApiError extends Error {
    constructor(
        readonly status: number,
        readonly code: string,
        message: string
    ) {
        super(`${code}: ${message}`);
        this.name = 'ApiError';
    }
}

export interface SaveResult {
    fullName: string;
    success: boolean;
    errors: { statusCode: string; message: string }[];
}

const NS = 'http://soap.sforce.com/2006/04/metadata';
/** Up to 120 s a call: an updateMetadata of ten profiles can take long on a slow network. */
const TIMEOUT_MS = 120000;

export class SalesforceApi {
    /** Requests sent that change the org (for the summary and the tests). */
    writes = 0;

    constructor(
        readonly instanceUrl: string,
        private readonly accessToken: string,
        readonly apiVersion = '65.0'
    ) {}

    private get base(): string {
        return `${this.instanceUrl}/services/data/v${this.apiVersion}`;
    }

    private async send(
        method: string,
        url: string,
        body?: string,
        headers: Record<string, string> = {},
        write = method !== 'GET'
    ): Promise<Response> {
        const response = await fetch(url, {
            method,
            body,
            headers: { Authorization: `Bearer ${this.accessToken}`, Accept: 'application/json', ...headers },
            signal: AbortSignal.timeout(TIMEOUT_MS),
        });
        if (write) this.writes++;
        return response;
    }

    private async json<T>(method: string, path: string, body?: unknown): Promise<T | undefined> {
        const response = await this.send(
            method,
            `${this.base}${path}`,
            body === undefined ? undefined : JSON.stringify(body),
            {
                'Content-Type': 'application/json',
            }
        );
        const text = await response.text();
        if (!response.ok) {
            let code = `HTTP_${response.status}`;
            let message = response.statusText;
            try {
                const [first] = JSON.parse(text) as { errorCode: string; message: string }[];
                code = first.errorCode;
                message = first.message;
            } catch {
                // not a REST error array: report the HTTP status
            }
            throw new ApiError(response.status, code, message);
        }
        return text ? (JSON.parse(text) as T) : undefined;
    }

    /** A SOQL query over REST, following nextRecordsUrl. */
    async query<T = Record<string, unknown>>(soql: string, tooling = false): Promise<T[]> {
        const records: T[] = [];
        let path: string | undefined = `${tooling ? '/tooling' : ''}/query/?q=${encodeURIComponent(soql)}`;
        while (path) {
            const page: { records: T[]; nextRecordsUrl?: string } | undefined = await this.json('GET', path);
            records.push(...(page?.records ?? []));
            path = page?.nextRecordsUrl?.replace(/^\/services\/data\/v[\d.]+/, '');
        }
        return records;
    }

    get<T>(path: string): Promise<T | undefined> {
        return this.json<T>('GET', path);
    }

    patch(path: string, body: unknown): Promise<unknown> {
        return this.json('PATCH', path, body);
    }

    post<T>(path: string, body: unknown): Promise<T | undefined> {
        return this.json<T>('POST', path, body);
    }

    /** One Metadata API call; returns its `<op>Response` element. */
    private async soap(operation: string, inner: string, allOrNone: boolean): Promise<XmlElement> {
        const header =
            `<met:SessionHeader><met:sessionId>${this.accessToken}</met:sessionId></met:SessionHeader>` +
            (allOrNone ? '<met:AllOrNoneHeader><met:allOrNone>true</met:allOrNone></met:AllOrNoneHeader>' : '');
        const body =
            '<?xml version="1.0" encoding="UTF-8"?>' +
            `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:met="${NS}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
            `<soapenv:Header>${header}</soapenv:Header><soapenv:Body><met:${operation}>${inner}</met:${operation}></soapenv:Body></soapenv:Envelope>`;
        const response = await this.send(
            'POST',
            `${this.instanceUrl}/services/Soap/m/${this.apiVersion}`,
            body,
            { 'Content-Type': 'text/xml; charset=UTF-8', SOAPAction: '""' },
            operation !== 'readMetadata' && operation !== 'listMetadata'
        );
        const envelope = parseXml(await response.text());
        const fault = find(envelope, 'Body/Fault');
        if (fault) {
            const code = (textOf(fault, 'faultcode') ?? 'SOAP_FAULT').replace(/^.*:/, '');
            throw new ApiError(response.status, code, textOf(fault, 'faultstring') ?? '');
        }
        const result = find(envelope, `Body/${operation}Response`);
        if (!response.ok || !result) throw new ApiError(response.status, 'UNEXPECTED_RESPONSE', response.statusText);
        return result;
    }

    /** The components asked for, in order; undefined where the org has none of that name. */
    async readMetadata(type: string, fullNames: readonly string[]): Promise<(XmlElement | undefined)[]> {
        const inner = `<met:type>${type}</met:type>${fullNames.map((n) => `<met:fullNames>${n}</met:fullNames>`).join('')}`;
        const response = await this.soap('readMetadata', inner, false);
        return findAll(find(response, 'result'), 'records').map((r) =>
            r.attributes.nil === 'true' || !textOf(r, 'fullName')
                ? undefined
                : { ...r, name: 'metadata', attributes: { type } }
        );
    }

    /** listMetadata of one type: each component's full name by its record Id (FileProperties `id`, `fullName`). */
    async listFullNames(type: string): Promise<Map<string, string>> {
        const response = await this.soap(
            'listMetadata',
            `<met:queries><met:type>${type}</met:type></met:queries><met:asOfVersion>${this.apiVersion}</met:asOfVersion>`,
            false
        );
        const names = new Map<string, string>();
        for (const r of findAll(response, 'result')) {
            const id = textOf(r, 'id');
            const fullName = textOf(r, 'fullName');
            if (id && fullName) names.set(id.slice(0, 15), fullName);
        }
        return names;
    }

    /** create or update, all-or-none, at most 10 components of one type. */
    async saveMetadata(
        operation: 'createMetadata' | 'updateMetadata',
        components: readonly XmlElement[]
    ): Promise<SaveResult[]> {
        if (components.length < 1 || components.length > 10)
            throw new Error(`A Metadata call takes 1 to 10 components, not ${components.length}`);
        const response = await this.soap(operation, components.map((c) => toXml(c)).join(''), true);
        return findAll(response, 'result').map((r) => ({
            fullName: textOf(r, 'fullName') ?? '',
            success: textOf(r, 'success') === 'true',
            errors: findAll(r, 'errors').map((e) => ({
                statusCode: textOf(e, 'statusCode') ?? '',
                message: textOf(e, 'message') ?? '',
            })),
        }));
    }
}
