// The action's inputs after parsing and merging with the manifest's `api` block.
// Built once in src/inputs.ts; every stage receives what it needs from here.
import type { ShardSpec } from './shard.ts';

export type DeploymentCheck = 'error' | 'warning' | 'off';
export type FailOn = 'error' | 'warning' | 'never';
export type CommentMode = 'off' | 'on-failure' | 'always';

/** curl's --connect-to: requests for host:port go to connectHost:connectPort. Empty host/port match any. */
export interface ConnectTo {
  host: string;
  port: string;
  connectHost: string;
  connectPort: string;
}

export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface Settings {
  restApiId: string;
  stage: string;
  region: string;
  /** no trailing slash */
  baseUrl: string;
  /** true when base-url was not given and was derived from the API id, region and stage */
  baseUrlIsDefault: boolean;
  apiKey: string;
  authorizerToken: string;
  expectedDeploymentId: string;
  deploymentCheck: DeploymentCheck;
  waitForDeploymentSeconds: number;
  concurrency: number;
  timeoutMs: number;
  retries: number;
  failOn: FailOn;
  reportFile: string;
  summary: boolean;
  comment: CommentMode;
  githubToken: string;
  connectTo: ConnectTo[];
  /**
   * send each protected route's request again without credentials, and prove open doors beside
   * it (the `negative-probes` input, default true; absent in settings built by hand: off)
   */
  negativeProbes?: boolean;
  /**
   * Hosts besides this API's own execute-api host that may receive credentials: the input
   * `base-url`'s host, `trusted-hosts`, a custom domain mapped to this API (src/base-url.ts).
   */
  credentialHosts?: string[];
  /** `shard: k/n`: only this shard's routes are probed (src/shard.ts); absent: every route */
  shard?: ShardSpec;
}

/** The `merge-reports` mode: no manifest, no AWS; only what publishing the merged verdict needs. */
export interface MergeSettings {
  /** globs or paths of the shards' JSON reports, one per line, relative to the workspace */
  patterns: string[];
  failOn: FailOn;
  reportFile: string;
  summary: boolean;
  comment: CommentMode;
  githubToken: string;
  timeoutMs: number;
}
