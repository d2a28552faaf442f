import { asText, evaluate, type BuildContext } from './build-context.js';
import type { Component } from './component.js';

/** A RequestOption: where a value goes (`request_parameter`, `header`, `body_json`, `body_data`) and under which name. */
export function buildRequestOption(context: BuildContext, option: Component): { injectInto: string; field: string } {
  const path = option.field_path;
  const field = Array.isArray(path)
    ? path.map((segment) => asText(evaluate(context, option, segment))).join('.')
    : asText(evaluate(context, option, option.field_name ?? ''));
  return { injectInto: asText(option.inject_into), field };
}
