// The demo's main scenario, shared by `npm run demo` and `npm run screenshots`: the "shop" API
// whose stage serves an older deployment, checked against DEMO_MANIFEST by dist/index.js.
import { startEmulator, type Emulator } from '../emulator/index.ts';
import { runAction, type ActionRun } from '../emulator/run-action.ts';
import { DEMO_MANIFEST, SHOP_API_ID, shopModel } from '../emulator/scenarios/shop.ts';

/** Where the demo's manifest lives in the workspace, as annotations name it. */
export const DEMO_MANIFEST_FILE = '.github/apigw-routes.yml';

/** What the runner sets on a pull request's run: the commit and the run the summary links to. */
export const GITHUB_RUN = {
  GITHUB_SHA: '3f9c2a1e5b7d4c6a8e0f1b2c3d4e5f6a7b8c9d0e',
  GITHUB_SERVER_URL: 'https://github.com',
  GITHUB_REPOSITORY: 'apigw-route-verify/apigw-route-verify',
  GITHUB_RUN_ID: '12345678901',
  GITHUB_RUN_ATTEMPT: '1',
};

/** The shop API with its classic mistakes; the stage `prod` is not on the newest deployment. */
export function startShopEmulator(): Promise<Emulator> {
  return startEmulator(shopModel({ stageOnNewest: false }));
}

/** Runs the bundled action on stage `prod` of the shop API with DEMO_MANIFEST. */
export function runShopDemo(emulator: Emulator): Promise<ActionRun> {
  return runAction({
    emulator,
    inputs: { 'base-url': emulator.invokeUrl(SHOP_API_ID, 'prod'), 'connect-to': emulator.connectTo },
    files: { [DEMO_MANIFEST_FILE]: DEMO_MANIFEST },
    env: GITHUB_RUN,
  });
}
