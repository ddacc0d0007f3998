// Path, query and header parameters of an operation → the values its check sends.

import { isScalar } from 'yaml';
import { isHeaderName, isSendableHeaderValue } from '../fields.ts';
import type { Item } from '../parse.ts';
import { describe } from '../parse.ts';
import { paramValue } from '../route.ts';
import type { Doc } from './doc.ts';
import { child, items, resolve, scalar, text } from './doc.ts';
import { parameterExample } from './examples.ts';
import type { Operation } from './operation.ts';
import type { Override } from './override.ts';
import { OVERRIDE_KEY } from './override.ts';

/** The path item's parameters, replaced by the operation's own of the same name and place. */
export function parametersOf(op: Operation, doc: Doc): Item[] {
  const byKey = new Map<string, Item>();
  for (const list of [op.pathParameters, child(op.node, 'parameters', doc)]) {
    for (const raw of items(list, doc)) {
      const parameter = resolve(raw, doc);
      const name = text(child(parameter, 'name', doc));
      const place = text(child(parameter, 'in', doc));
      if (parameter && name !== undefined && place !== undefined) byKey.set(`${place}\u0000${name}`, parameter);
    }
  }
  return [...byKey.values()];
}

function parameterNamed(parameters: Item[], place: string, name: string, doc: Doc): Item | undefined {
  return parameters.find((p) => text(child(p, 'in', doc)) === place && text(child(p, 'name', doc)) === name);
}

/** A value for every `{parameter}` of the path: the override's, else the document's example. */
export function pathParams(op: Operation, parameters: Item[], override: Override, doc: Doc, where: string): Record<string, string> {
  const { ctx } = doc;
  const values: Record<string, string> = {};
  for (const given of override.params) {
    if (op.params.some((p) => p.name === given.key)) continue;
    const names = op.params.map((p) => `\`${p.name}\``).join(', ');
    ctx.report(
      given.keyAt,
      `\`${OVERRIDE_KEY}.params.${given.key}\` names no \`{parameter}\` of \`${op.path}\``,
      names ? `remove it; this path's parameters are ${names}` : 'remove it: this path has no parameters',
    );
  }
  for (const declared of op.params) {
    const given = override.params.find((e) => e.key === declared.name);
    if (given) {
      const value = paramValue(given, declared, ctx);
      if (value !== undefined) values[declared.name] = value;
      continue;
    }
    const parameter = parameterNamed(parameters, 'path', declared.name, doc);
    const add = `or give it in \`${OVERRIDE_KEY}: { params: { ${declared.name}: "…" } }\` on the operation`;
    if (!parameter) {
      ctx.report(
        op.pathAt,
        `path parameter \`{${declared.name}}\` of ${where} is not declared in \`parameters\`, so it has no example value`,
        `declare it with an example, e.g. \`{ name: ${declared.name}, in: path, required: true, example: "42" }\`, ${add}`,
      );
      continue;
    }
    const example = parameterExample(parameter, doc);
    if (!example) {
      ctx.report(
        parameter.at,
        `path parameter \`${declared.name}\` of ${where} has no example value to send`,
        `add \`example: "…"\` (or \`schema: { example: … }\`, \`default\`, \`enum\`) to the parameter, ${add}`,
      );
      continue;
    }
    const value = scalarExample(example, `path parameter \`${declared.name}\``, doc)
      ? paramValue({ key: declared.name, keyAt: example.at, node: example.node, at: example.at }, declared, ctx)
      : undefined;
    if (value !== undefined) values[declared.name] = value;
  }
  return values;
}

/** Values for the required query or header parameters that `given` does not already set. */
export function valuesOf(
  place: 'query' | 'header',
  parameters: Item[],
  given: Record<string, string>,
  doc: Doc,
  where: string,
): Record<string, string> {
  const { ctx } = doc;
  const values: Record<string, string> = {};
  const lowerGiven = new Set(Object.keys(given).map((k) => (place === 'header' ? k.toLowerCase() : k)));
  for (const parameter of parameters) {
    if (text(child(parameter, 'in', doc)) !== place) continue;
    const required = child(parameter, 'required', doc);
    if (!(isScalar(required?.node) && required.node.value === true)) continue;
    const name = text(child(parameter, 'name', doc)) ?? '';
    if (lowerGiven.has(place === 'header' ? name.toLowerCase() : name)) continue;
    const what = `required ${place} parameter \`${name}\``;
    const example = parameterExample(parameter, doc);
    if (!example) {
      ctx.report(
        parameter.at,
        `${what} of ${where} has no example value to send`,
        `add \`example: "…"\` to the parameter, or give it in \`${OVERRIDE_KEY}: { ${place === 'query' ? 'query' : 'headers'}: { ${name}: "…" } }\` on the operation`,
      );
      continue;
    }
    if (!scalarExample(example, what, doc)) continue;
    const value = scalar(example) ?? '';
    if (place === 'header' && !isHeaderName(name)) {
      ctx.report(parameter.at, `\`${name}\` is not a valid header name`, 'use letters, digits and `-` (e.g. `x-request-id`)');
      continue;
    }
    if (place === 'header' && !isSendableHeaderValue(value)) {
      // the value is not repeated: headers may hold credentials
      ctx.report(
        example.at,
        `the example of header \`${name}\` has a character that cannot be sent in a header (a control character, a line break or a non-ASCII letter)`,
        'write the example in printable ASCII on one line',
      );
      continue;
    }
    values[name] = value;
  }
  return values;
}

/** A string, number or boolean: lists and objects are no single value to send. */
function scalarExample(example: Item, what: string, doc: Doc): boolean {
  if (scalar(example) !== undefined) return true;
  doc.ctx.report(
    example.at,
    `the example of ${what} is ${describe(example.node)}; only a string, a number or a boolean can be sent`,
    `write a single value as the example, or give one in \`${OVERRIDE_KEY}\` on the operation`,
  );
  return false;
}
