/**
 * The Metadata API element schema used by check:metadata.
 *
 * Base: the WSDL-derived schema that ships with jsforce (about API 45/46). Elements and types added to the
 * Metadata API after that version are listed here explicitly, each with the Salesforce doc it comes from,
 * so an unknown element is either a typo (the gate fails) or a documented newer element (listed below).
 */
import { ApiSchemas } from '@jsforce/jsforce-node/lib/api/metadata/schema';

/**
 * A property declaration, in the jsforce notation: 'string' | 'number' | 'boolean' | a type name;
 * a leading '?' marks it optional; a one-element array marks a repeated element; 'any' accepts any content.
 */
export type PropDecl = string | [string];

export interface TypeSchema {
    props: Record<string, PropDecl>;
    extends?: string;
}

/** Elements newer than the jsforce schema, by type. */
const EXTRA_ELEMENTS: Record<string, Record<string, PropDecl>> = {
    // CustomApplication: metadata-customapplication (API 47+ navigation settings).
    CustomApplication: { isNavAutomaticallyAdded: '?boolean', isNavTabPersistenceDisabled: '?boolean' },
    // LightningComponentBundle: targetConfigs holds nested <targetConfig> elements, typed as text in the old WSDL.
    LightningComponentBundle: { targetConfigs: '?any', capabilities: '?any' },
    // Profile / PermissionSet: servicePresenceStatusAccesses, API 64.0+ (metadata-profile, metadata-permissionset).
    Profile: { servicePresenceStatusAccesses: ['ServicePresenceStatusAccess'] },
    // NamedCredential: metadata-namedcredential (API 56.0+ SecuredEndpoint model; calloutStatus 59.0+).
    // protocol and principalType are required in the old WSDL but valid only for Legacy credentials (deprecated, 56.0).
    NamedCredential: {
        calloutStatus: '?string',
        description: '?string',
        principalType: '?string',
        protocol: '?string',
        namedCredentialParameters: ['NamedCredentialParameter'],
        namedCredentialType: '?string',
    },
    PermissionSet: {
        servicePresenceStatusAccesses: ['ServicePresenceStatusAccess'],
        externalCredentialPrincipalAccesses: ['PermissionSetExternalCredentialPrincipalAccess'],
    },
};

/** Types newer than the jsforce schema. */
const EXTRA_TYPES: Record<string, TypeSchema> = {
    // metadata-namedcredential: NamedCredentialParameter (API 56.0+).
    NamedCredentialParameter: {
        props: {
            certificate: '?string',
            description: '?string',
            externalCredential: '?string',
            globalNamedPrincipalCredential: '?boolean',
            managedFeatureEnabledCallout: '?boolean',
            outboundNetworkConnection: '?string',
            parameterName: 'string',
            parameterType: 'string',
            parameterValue: '?string',
            readOnlyNamedCredential: '?boolean',
            sequenceNumber: '?number',
            systemUserNamedCredential: '?boolean',
        },
    },
    // metadata-externalcredential: ExternalCredential and ExternalCredentialParameter (API 56.0+).
    ExternalCredential: {
        extends: 'Metadata',
        props: {
            authenticationProtocol: 'string',
            description: '?string',
            externalCredentialParameters: ['ExternalCredentialParameter'],
            label: 'string',
        },
    },
    ExternalCredentialParameter: {
        props: {
            authProvider: '?string',
            certificate: '?string',
            description: '?string',
            externalAuthIdentityProvider: '?string',
            parameterGroup: '?string',
            parameterName: 'string',
            parameterType: 'string',
            parameterValue: '?string',
            principal: '?string',
            sequenceNumber: '?number',
        },
    },
    ServicePresenceStatusAccess: { props: { enabled: 'boolean', servicePresenceStatus: 'string' } },
    // metadata-permissionset: externalCredentialPrincipalAccesses (API 56.0+).
    PermissionSetExternalCredentialPrincipalAccess: {
        props: { enabled: 'boolean', externalCredentialPrincipal: 'string' },
    },
};

const BASE = ApiSchemas as unknown as Record<string, { props: Record<string, PropDecl>; extends?: string }>;

export function schemaOf(typeName: string): TypeSchema | undefined {
    const extra = EXTRA_TYPES[typeName];
    if (extra) return extra;
    const base = BASE[typeName];
    if (!base) return undefined;
    return { props: { ...base.props, ...(EXTRA_ELEMENTS[typeName] ?? {}) }, extends: base.extends };
}

/** All properties of a type, its ancestors' included (e.g. fullName from Metadata). */
export function propsOf(typeName: string): Record<string, PropDecl> | undefined {
    const schema = schemaOf(typeName);
    if (!schema) return undefined;
    const inherited = schema.extends ? (propsOf(schema.extends) ?? {}) : {};
    return { ...inherited, ...schema.props };
}
