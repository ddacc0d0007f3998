// The demo's main scenario, shared by `npm run demo` and `npm run screenshots`: the "shop" API
// whose stage serves an older deployment, checked against DEMO_MANIFEST by dist/index.js.
import { startEmulator, type Emulator } from '../emulator/index.ts';
import { runAction, type ActionRun } from '../emulator/run-action.ts';
import { DEMO_MANIFEST, SHOP_API_ID, shopModel } from '../emulator/scenarios/shop.ts';

/** Where the demo's manifest lives in the workspace, as annotations name it. */
export const DEMO_MANIFEST_FILE = '.github/apigw-routes.yml';

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
  });
}
