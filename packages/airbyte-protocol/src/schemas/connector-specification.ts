import { z } from 'zod';
import { JsonObjectSchema } from './json-object.js';
import { DestinationSyncModeSchema, FieldPathSchema as fieldPath } from './catalog.js';

/** Deprecated in favour of `advanced_auth`, kept so old specs still parse. */
export const OAuth2SpecificationSchema = z.looseObject({
  rootObject: z.array(z.union([z.string(), z.number().int()])).optional(),
  oauthFlowInitParameters: z.array(fieldPath).optional(),
  oauthFlowOutputParameters: z.array(fieldPath).optional(),
});
export type OAuth2Specification = z.infer<typeof OAuth2SpecificationSchema>;

export const OAuthConnectorInputSpecificationSchema = z.looseObject({
  consent_url: z.string(),
  scope: z.string().optional(),
  access_token_url: z.string(),
  access_token_headers: JsonObjectSchema.optional(),
  access_token_params: JsonObjectSchema.optional(),
  extract_output: z.array(z.string()).optional(),
  state: z.looseObject({ min: z.number().int().optional(), max: z.number().int().optional() }).optional(),
  client_id_key: z.string().optional(),
  client_secret_key: z.string().optional(),
  scope_key: z.string().optional(),
  state_key: z.string().optional(),
  auth_code_key: z.string().optional(),
  redirect_uri_key: z.string().optional(),
  token_expiry_key: z.string().optional(),
});

export const OAuthConfigSpecificationSchema = z.looseObject({
  oauth_user_input_from_connector_config_specification: JsonObjectSchema.optional(),
  oauth_connector_input_specification: OAuthConnectorInputSpecificationSchema.optional(),
  complete_oauth_output_specification: JsonObjectSchema.optional(),
  complete_oauth_server_input_specification: JsonObjectSchema.optional(),
  complete_oauth_server_output_specification: JsonObjectSchema.optional(),
});
export type OAuthConfigSpecification = z.infer<typeof OAuthConfigSpecificationSchema>;

export const AdvancedAuthSchema = z.looseObject({
  auth_flow_type: z.enum(['oauth2.0', 'oauth1.0']).optional(),
  predicate_key: fieldPath.optional(),
  predicate_value: z.string().optional(),
  oauth_config_specification: OAuthConfigSpecificationSchema.optional(),
});
export type AdvancedAuth = z.infer<typeof AdvancedAuthSchema>;

/** What `spec` prints. `connectionSpecification` is the JSON Schema of the connector's config. */
export const ConnectorSpecificationSchema = z.looseObject({
  documentationUrl: z.string().optional(),
  changelogUrl: z.string().optional(),
  connectionSpecification: JsonObjectSchema,
  supportsIncremental: z.boolean().optional(),
  supportsNormalization: z.boolean().optional(),
  supportsDBT: z.boolean().optional(),
  supported_destination_sync_modes: z.array(DestinationSyncModeSchema).optional(),
  authSpecification: z
    .looseObject({
      auth_type: z.enum(['oauth2.0']).optional(),
      oauth2Specification: OAuth2SpecificationSchema.optional(),
    })
    .optional(),
  advanced_auth: AdvancedAuthSchema.optional(),
  protocol_version: z.string().optional(),
});
export type ConnectorSpecification = z.infer<typeof ConnectorSpecificationSchema>;
