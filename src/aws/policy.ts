// The least-privilege IAM policy this action needs, printed when the control plane is denied.
//
// ARN formats (API Gateway developer guide, "ARN format reference" and "IAM policy examples
// for API execution permissions"):
//   management: arn:<partition>:apigateway:<region>::/restapis/<api-id>[/...]   (no account)
//   invoke:     arn:<partition>:execute-api:<region>:<account>:<api-id>/<stage>/<VERB>/<path>

/** The ARN partition of a region: China and GovCloud regions have their own. */
export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  if (region.startsWith('us-isob-')) return 'aws-iso-b';
  if (region.startsWith('us-iso-')) return 'aws-iso';
  return 'aws';
}

/**
 * apigateway:GET on the API and everything under it (GetRestApi, GetStages, GetStage,
 * GetDeployments, GetDeployment, GetResources, GetAuthorizers) and execute-api:Invoke for
 * the routes signed with SigV4. With `stage`, Invoke is limited to that stage. With
 * `domainName` (a base-url on a custom domain), also GetDomainName and GetBasePathMappings on it.
 */
export function leastPrivilegePolicy(region: string, restApiId: string, stage?: string, domainName?: string): string {
  const partition = partitionOf(region);
  const api = `arn:${partition}:apigateway:${region}::/restapis/${restApiId}`;
  const domain = domainName ? `arn:${partition}:apigateway:${region}::/domainnames/${domainName.toLowerCase()}` : undefined;
  const invoke = `arn:${partition}:execute-api:${region}:*:${restApiId}/${stage ? `${stage}/` : ''}*`;
  const policy = {
    Version: '2012-10-17',
    Statement: [
      { Sid: 'ReadApiGatewayDefinition', Effect: 'Allow', Action: 'apigateway:GET', Resource: [api, `${api}/*`] },
      ...(domain
        ? [{ Sid: 'ReadCustomDomain', Effect: 'Allow', Action: 'apigateway:GET', Resource: [domain, `${domain}/basepathmappings`] }]
        : []),
      { Sid: 'InvokeIamRoutes', Effect: 'Allow', Action: 'execute-api:Invoke', Resource: [invoke] },
    ],
  };
  return JSON.stringify(policy, null, 2);
}
