// The region of a local run: the flag, then AWS_REGION / AWS_DEFAULT_REGION, then the profile's
// `region` in ~/.aws/config (as the AWS CLI finds it). Undefined when none names one.
import { APIGatewayClient } from '@aws-sdk/client-api-gateway';

export async function localRegion(given: string | undefined, env: NodeJS.ProcessEnv): Promise<string | undefined> {
  const named = given || env.AWS_REGION || env.AWS_DEFAULT_REGION;
  if (named) return named;
  // The SDK's own region chain reads the shared config file for AWS_PROFILE (or `default`).
  const client = new APIGatewayClient({});
  try {
    return (await client.config.region()) || undefined;
  } catch {
    return undefined;
  } finally {
    client.destroy();
  }
}
