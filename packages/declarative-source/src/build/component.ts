/** A manifest component after loading: a plain object with a `type` and its inherited `$parameters`. */
export type Component = Record<string, unknown> & { readonly type?: unknown };

export function isComponent(value: unknown): value is Component {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export function typeOf(component: Component | undefined): string | undefined {
  return typeof component?.type === 'string' ? component.type : undefined;
}

/** The component's `$parameters` (what templates read as `parameters`). */
export function parametersOf(component: Component): Record<string, unknown> {
  const parameters = component.$parameters;
  return isComponent(parameters) ? parameters : {};
}

export function childComponent(component: Component, key: string): Component | undefined {
  const value = component[key];
  return isComponent(value) ? value : undefined;
}

export function childComponents(component: Component, key: string): Component[] {
  const value = component[key];
  if (Array.isArray(value)) return value.filter(isComponent);
  return isComponent(value) ? [value] : [];
}
