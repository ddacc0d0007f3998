// The manifest's `api:` block: where the routes live. Every key is optional; action inputs override.

import { isMap } from 'yaml';
import { checkBaseUrl } from '../base-url.ts';
import type { ManifestApi, SourceLocation } from '../types.ts';
import type { Ctx, Item } from './parse.ts';
import { describe, entriesOf, scalarText } from './parse.ts';

const API_KEYS = {
  'rest-api-id': 'restApiId',
  stage: 'stage',
  region: 'region',
  'base-url': 'baseUrl',
} as const satisfies Record<string, keyof ManifestApi>;

type ApiKey = keyof typeof API_KEYS;

export interface ParsedApi {
  api: ManifestApi;
  apiSource: Partial<Record<keyof ManifestApi, SourceLocation>>;
}

/** Returns what it could read; problems go to `ctx`. */
export function parseApi(item: Item, ctx: Ctx): ParsedApi {
  const parsed: ParsedApi = { api: {}, apiSource: {} };
  if (!isMap(item.node)) {
    ctx.report(
      item.at,
      `\`api\` must be a mapping, not ${describe(item.node)}`,
      'write e.g. `api: { rest-api-id: a1b2c3d4e5, stage: prod, region: us-east-1 }`',
    );
    return parsed;
  }
  const keys = Object.keys(API_KEYS) as ApiKey[];
  for (const entry of entriesOf(item.node, ctx, item.at, { keys, where: '`api`' })) {
    const key = entry.key as ApiKey;
    const value = scalarText(entry.node)?.trim();
    if (value === undefined || value === '') {
      ctx.report(
        entry.at,
        `\`api.${key}\` is ${describe(entry.node)}`,
        `write a value or remove \`${key}\` (then the \`${key}\` input must give it)`,
      );
      continue;
    }
    const complaint = VALIDATORS[key](value);
    if (complaint) {
      ctx.report(entry.at, complaint.message, complaint.fix);
      continue;
    }
    parsed.api[API_KEYS[key]] = value;
    parsed.apiSource[API_KEYS[key]] = entry.keyAt;
  }
  return parsed;
}

type Validator = (value: string) => { message: string; fix: string } | undefined;

const VALIDATORS: Record<ApiKey, Validator> = {
  'rest-api-id': (id) => {
    if (/^[a-z0-9]{10}$/.test(id)) return undefined;
    const fromUrl = /^https?:\/\/([a-z0-9]{10})\.execute-api\./i.exec(id)?.[1];
    return {
      message: `\`api.rest-api-id\` \`${id}\` is not a REST API id: API Gateway ids are 10 lowercase letters and digits (e.g. \`a1b2c3d4e5\`)`,
      fix: fromUrl
        ? `that is an invoke URL: write \`rest-api-id: ${fromUrl.toLowerCase()}\` (and the URL as \`base-url\` if you need it)`
        : 'copy the id from `aws apigateway get-rest-apis`, the console, or your deploy outputs',
    };
  },
  stage: (stage) => {
    if (/^[A-Za-z0-9_-]{1,128}$/.test(stage)) return undefined;
    const trimmed = stage.replace(/^\/+|\/+$/g, '');
    return {
      message: `\`api.stage\` \`${stage}\` is not a stage name: stage names are letters, digits, \`-\` and \`_\``,
      fix:
        trimmed !== stage && /^[A-Za-z0-9_-]+$/.test(trimmed)
          ? `write \`stage: ${trimmed}\`, without slashes`
          : 'write the stage name as shown by `aws apigateway get-stages`',
    };
  },
  region: (region) => {
    if (/^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d{1,2}$/.test(region)) return undefined;
    const zone = /^([a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]+-\d{1,2})[a-z]$/.exec(region);
    return {
      message: `\`api.region\` \`${region}\` is not an AWS region (like \`us-east-1\`, \`eu-central-1\`, \`us-gov-west-1\`)`,
      fix: zone ? `that is an availability zone: write \`region: ${zone[1]}\`` : 'write the region the API is deployed in, in lower case',
    };
  },
  'base-url': (url) => {
    const checked = checkBaseUrl(url, '`api.base-url`');
    return 'problem' in checked ? checked.problem : undefined;
  },
};
