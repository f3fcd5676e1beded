import { App } from '../constructs/framework';
import { EstateConfig } from '../config/schema';
import { NetworkStack } from './network-stack';
import { PalisadeStack } from './palisade-stack';

/** Builds every stack of every environment into the app. */
export function buildEstate(app: App, config: EstateConfig): PalisadeStack[] {
  const stacks: PalisadeStack[] = [];
  for (const environment of config.environments) {
    stacks.push(new NetworkStack(app, environment));
  }
  return stacks;
}
