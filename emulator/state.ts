// Mutable emulator state shared by the control plane and the data plane.
import type { DeploymentModel, EmulatorModel, FaultModel, ResourcesModel, RestApiModel } from './model.ts';

export class EmulatorState {
  readonly model: EmulatorModel;
  readonly region: string;
  readonly accountId: string;
  /** control-plane calls by operation name ("GetResources") */
  readonly controlCalls: Record<string, number> = {};
  /** data-plane requests by "<VERB> <path after the stage>" */
  readonly dataCalls: Record<string, number> = {};
  /** body bytes written by `huge-body` and `endless-body` faults, by data-plane key */
  readonly streamedBytes: Record<string, number> = {};
  /** Lambda authorizer functions run, by authorizer name (a request refused before the function is not counted) */
  readonly authorizerCalls: Record<string, number> = {};
  /** requests served per side of a canary stage, by "<api id>/<stage>" */
  readonly canaryServed: Record<string, { stable: number; canary: number }> = {};
  private faults: FaultModel[] = [];

  constructor(model: EmulatorModel) {
    // Deep copy: tests mutate the state (deploy, add resources) without touching their fixtures.
    this.model = structuredClone(model);
    this.region = model.region ?? 'us-east-1';
    this.accountId = model.accountId ?? '123456789012';
  }

  api(id: string): RestApiModel | undefined {
    return this.model.apis.find((a) => a.id === id);
  }

  /** The region an API lives in. */
  regionOf(api: RestApiModel): string {
    return api.region ?? this.region;
  }

  /** The API `id` as the control plane of `region` sees it: an API of another region is not there. */
  apiIn(id: string, region: string): RestApiModel | undefined {
    const api = this.api(id);
    return api && this.regionOf(api) === region ? api : undefined;
  }

  /** Every region the emulator serves: the model's, and those its APIs live in. */
  regions(): string[] {
    return [...new Set([this.region, ...this.model.apis.map((a) => this.regionOf(a))])];
  }

  /** Freeze the current definition of an API into a new deployment; point `stage` at it when given. */
  deploy(apiId: string, opts: { stage?: string; id?: string; createdDate?: string; description?: string } = {}): DeploymentModel {
    const api = this.api(apiId);
    if (!api) throw new Error(`emulator: no API ${apiId}`);
    const deployment: DeploymentModel = {
      id: opts.id ?? Math.random().toString(36).slice(2, 8),
      createdDate: opts.createdDate ?? new Date().toISOString(),
      ...(opts.description !== undefined ? { description: opts.description } : {}),
      resources: structuredClone(api.resources) as ResourcesModel,
      // A resource policy change takes effect with the next deployment.
      policy: api.policy ?? null,
    };
    api.deployments.push(deployment);
    if (opts.stage) {
      // Updating a stage puts a pending disableExecuteApiEndpoint into effect.
      delete api.disableExecuteApiEndpointPending;
      const stage = api.stages.find((s) => s.name === opts.stage);
      if (stage) stage.deploymentId = deployment.id;
      else api.stages.push({ name: opts.stage, deploymentId: deployment.id });
    }
    return deployment;
  }

  addFault(fault: FaultModel): void {
    this.faults.push({ ...fault });
  }

  /** The fault to apply to this request, if any; consumes one of its `count`. */
  takeFault(target: string, isDataPlane: boolean): FaultModel | undefined {
    const fault = this.faults.find((f) => f.count > 0 && (f.target === target || (isDataPlane && f.target === '*')));
    if (fault) fault.count -= 1;
    return fault;
  }

  countControl(operation: string): void {
    this.controlCalls[operation] = (this.controlCalls[operation] ?? 0) + 1;
  }

  countData(key: string): void {
    this.dataCalls[key] = (this.dataCalls[key] ?? 0) + 1;
  }

  resetCounters(): void {
    for (const k of Object.keys(this.controlCalls)) delete this.controlCalls[k];
    for (const k of Object.keys(this.dataCalls)) delete this.dataCalls[k];
    for (const k of Object.keys(this.streamedBytes)) delete this.streamedBytes[k];
    for (const k of Object.keys(this.authorizerCalls)) delete this.authorizerCalls[k];
    for (const k of Object.keys(this.canaryServed)) delete this.canaryServed[k];
  }
}
