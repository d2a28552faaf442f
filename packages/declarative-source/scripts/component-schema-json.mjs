// Writes src/manifest/component-schema.json from schema/declarative_component_schema.yaml (the verbatim copy).
import { readFileSync, writeFileSync } from 'node:fs';
import { parse } from 'yaml';

const here = (path) => new URL(`../${path}`, import.meta.url);
const schema = parse(readFileSync(here('schema/declarative_component_schema.yaml'), 'utf8'));
writeFileSync(here('src/manifest/component-schema.json'), `${JSON.stringify(schema)}\n`);
