// Table shapes the generated databases are made of: [name, base_type, semantic_type, database_type].

export type FieldTemplate = readonly [string, string, string | null, string];

export interface TableTemplate {
  name: string;
  description: string | null;
  fields: readonly FieldTemplate[];
}

const ID: FieldTemplate = ['id', 'type/BigInteger', 'type/PK', 'BIGINT'];
const CREATED: FieldTemplate = ['created_at', 'type/DateTimeWithLocalTZ', 'type/CreationTimestamp', 'TIMESTAMP'];

export const TABLE_TEMPLATES: readonly TableTemplate[] = [
  {
    name: 'orders',
    description: 'Confirmed orders for a product, from a user.',
    fields: [
      ID,
      ['user_id', 'type/Integer', 'type/FK', 'INTEGER'],
      ['product_id', 'type/Integer', 'type/FK', 'INTEGER'],
      ['subtotal', 'type/Float', null, 'DOUBLE PRECISION'],
      ['tax', 'type/Float', null, 'DOUBLE PRECISION'],
      ['total', 'type/Float', 'type/Currency', 'DOUBLE PRECISION'],
      ['discount', 'type/Float', 'type/Discount', 'DOUBLE PRECISION'],
      CREATED,
      ['quantity', 'type/Integer', 'type/Quantity', 'INTEGER'],
    ],
  },
  {
    name: 'people',
    description: 'A user who has an account.',
    fields: [
      ID,
      ['email', 'type/Text', 'type/Email', 'VARCHAR'],
      ['name', 'type/Text', 'type/Name', 'VARCHAR'],
      ['city', 'type/Text', 'type/City', 'VARCHAR'],
      ['state', 'type/Text', 'type/State', 'CHAR'],
      ['source', 'type/Text', 'type/Source', 'VARCHAR'],
      ['birth_date', 'type/Date', null, 'DATE'],
      ['latitude', 'type/Float', 'type/Latitude', 'DOUBLE PRECISION'],
      ['longitude', 'type/Float', 'type/Longitude', 'DOUBLE PRECISION'],
      CREATED,
    ],
  },
  {
    name: 'products',
    description: 'Products we sell.',
    fields: [
      ID,
      ['ean', 'type/Text', null, 'CHAR'],
      ['title', 'type/Text', 'type/Title', 'VARCHAR'],
      ['category', 'type/Text', 'type/Category', 'VARCHAR'],
      ['vendor', 'type/Text', 'type/Company', 'VARCHAR'],
      ['price', 'type/Float', 'type/Price', 'DOUBLE PRECISION'],
      ['rating', 'type/Float', 'type/Score', 'DOUBLE PRECISION'],
      CREATED,
    ],
  },
  {
    name: 'reviews',
    description: 'Reviews that users wrote about products.',
    fields: [
      ID,
      ['product_id', 'type/Integer', 'type/FK', 'INTEGER'],
      ['reviewer', 'type/Text', null, 'VARCHAR'],
      ['rating', 'type/Integer', 'type/Score', 'SMALLINT'],
      ['body', 'type/Text', 'type/Description', 'TEXT'],
      CREATED,
    ],
  },
  {
    name: 'invoices',
    description: null,
    fields: [
      ID,
      ['account_id', 'type/Integer', 'type/FK', 'INTEGER'],
      ['payment', 'type/Float', null, 'DOUBLE PRECISION'],
      ['expected_invoice', 'type/Boolean', null, 'BOOLEAN'],
      ['plan', 'type/Text', 'type/Category', 'VARCHAR'],
      ['date_received', 'type/Date', null, 'DATE'],
    ],
  },
  {
    name: 'sessions',
    description: 'Web sessions, one row per visit.',
    fields: [
      ID,
      ['user_id', 'type/Integer', 'type/FK', 'INTEGER'],
      ['started_at', 'type/DateTime', null, 'TIMESTAMP'],
      ['duration_seconds', 'type/Integer', 'type/Duration', 'INTEGER'],
      ['browser', 'type/Text', 'type/Category', 'VARCHAR'],
      ['landing_url', 'type/Text', 'type/URL', 'VARCHAR'],
    ],
  },
  {
    name: 'subscriptions',
    description: 'Plan changes per account.',
    fields: [
      ID,
      ['account_id', 'type/Integer', 'type/FK', 'INTEGER'],
      ['plan', 'type/Text', 'type/Category', 'VARCHAR'],
      ['seats', 'type/Integer', 'type/Quantity', 'INTEGER'],
      ['mrr', 'type/Decimal', 'type/Currency', 'NUMERIC'],
      ['started_at', 'type/Date', null, 'DATE'],
      ['ended_at', 'type/Date', null, 'DATE'],
      ['active', 'type/Boolean', null, 'BOOLEAN'],
    ],
  },
  {
    name: 'tickets',
    description: 'Support tickets.',
    fields: [
      ID,
      ['requester_email', 'type/Text', 'type/Email', 'VARCHAR'],
      ['priority', 'type/Text', 'type/Category', 'VARCHAR'],
      ['status', 'type/Text', 'type/Category', 'VARCHAR'],
      ['payload', 'type/JSON', 'type/SerializedJSON', 'JSONB'],
      CREATED,
    ],
  },
  {
    name: 'events',
    description: 'Product analytics events.',
    fields: [
      ID,
      ['account_id', 'type/Integer', 'type/FK', 'INTEGER'],
      ['event', 'type/Text', 'type/Category', 'VARCHAR'],
      ['page_url', 'type/Text', 'type/URL', 'VARCHAR'],
      ['button_label', 'type/Text', null, 'VARCHAR'],
      ['timestamp', 'type/DateTime', null, 'TIMESTAMP'],
    ],
  },
];

export interface EngineTemplate {
  engine: string;
  name: string;
  version: string;
  flavor: string;
  semver: number[];
  schema: string;
  upperCase: boolean;
}

export const ENGINES: readonly EngineTemplate[] = [
  {
    engine: 'postgres',
    name: 'Analytics Warehouse',
    version: '15.4',
    flavor: 'PostgreSQL',
    semver: [15, 4],
    schema: 'public',
    upperCase: false,
  },
  {
    engine: 'mysql',
    name: 'Shop Replica',
    version: '8.0.35',
    flavor: 'MySQL',
    semver: [8, 0, 35],
    schema: 'shop',
    upperCase: false,
  },
  {
    engine: 'snowflake',
    name: 'Snowflake DWH',
    version: '8.3.1',
    flavor: 'Snowflake',
    semver: [8, 3, 1],
    schema: 'PUBLIC',
    upperCase: true,
  },
  {
    engine: 'bigquery-cloud-sdk',
    name: 'BigQuery Events',
    version: '2.0',
    flavor: 'BigQuery',
    semver: [2, 0],
    schema: 'events',
    upperCase: false,
  },
  {
    engine: 'redshift',
    name: 'Redshift Finance',
    version: '1.0.57',
    flavor: 'Redshift',
    semver: [1, 0, 57],
    schema: 'finance',
    upperCase: false,
  },
];

export const SAMPLE_ENGINE: EngineTemplate = {
  engine: 'h2',
  name: 'Sample Database',
  version: '2.1.214 (2022-06-13)',
  flavor: 'H2',
  semver: [2, 1],
  schema: 'PUBLIC',
  upperCase: true,
};
