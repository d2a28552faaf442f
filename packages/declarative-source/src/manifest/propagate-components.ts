import { customComponentTypes, defaultComponentTypes } from './default-component-types.js';

type Json = unknown;
type JsonObject = Record<string, Json>;

export const PARAMETERS_KEY = '$parameters';

function isObject(value: Json): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** An inline JSON schema (a record schema, a connection specification) is data, not a component. */
function isJsonSchemaObject(node: JsonObject): boolean {
  const type = node.type;
  return type === 'object' || (Array.isArray(type) && type.length === 2 && type[0] === 'null' && type[1] === 'object');
}

/**
 * Fills in missing component types and passes `$parameters` down, as the CDK does before it builds components:
 * a component's own parameters win over its parent's; each parameter also fills the component's field of the same
 * name when that field is missing or empty (so `$parameters: { path: users }` sets the requester's path); the
 * parameter named like a child field is not passed into that child. The input is not modified.
 */
export function propagateComponents(manifest: JsonObject): JsonObject {
  const root = { ...manifest, type: manifest.type ?? 'DeclarativeSource' };
  return propagate('', root, {});
}

function propagate(place: string, component: JsonObject, inherited: JsonObject): JsonObject {
  const node: JsonObject = { ...component };
  if (node.type === undefined) {
    const found = (Object.hasOwn(node, 'class_name') ? customComponentTypes : defaultComponentTypes)[place];
    if (found !== undefined) node.type = found;
  }
  const own = isObject(node[PARAMETERS_KEY]) ? node[PARAMETERS_KEY] : {};
  Reflect.deleteProperty(node, PARAMETERS_KEY);
  const parameters: JsonObject = { ...inherited, ...own };
  if (isJsonSchemaObject(node)) return node;
  if (node.type === undefined) {
    // A plain object (such as request_parameters) may still hold typed components.
    for (const [field, value] of Object.entries(node)) {
      if (isObject(value) && value.type !== undefined) node[field] = propagate(place, value, parameters);
    }
    return node;
  }
  for (const [key, value] of Object.entries(parameters)) if (!isTruthy(node[key])) node[key] = value;
  const type = typeof node.type === 'string' ? node.type : JSON.stringify(node.type);
  for (const [field, value] of Object.entries(node)) {
    if (!isObject(value) && !Array.isArray(value)) continue;
    const forChild = { ...parameters };
    Reflect.deleteProperty(forChild, field);
    const childPlace = `${type}.${field}`;
    node[field] = Array.isArray(value)
      ? value.map((element: Json) => (isObject(element) ? propagate(childPlace, element, forChild) : element))
      : propagate(childPlace, value, forChild);
  }
  if (Object.keys(parameters).length > 0) node[PARAMETERS_KEY] = parameters;
  return node;
}

/** Python truthiness of a field value (`value or parameter`). */
function isTruthy(value: Json): boolean {
  if (value === undefined || value === null || value === false || value === 0 || value === '') return false;
  if (Array.isArray(value)) return value.length > 0;
  if (isObject(value)) return Object.keys(value).length > 0;
  return true;
}
