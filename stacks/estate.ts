import { App } from '../index';
import { EstateConfig } from '../config/schema';
import { DataStack } from './data-stack';
import { EdgeStack } from './edge-stack';
import { HostsStack } from './hosts-stack';
import { NetworkStack } from './network-stack';
import { PalisadeStack } from './palisade-stack';
import { SecurityStack } from './security-stack';
import { StateBootstrapStack } from './state-bootstrap-stack';

export interface BuildEstateOptions {
  /** Also synthesize `<env>-state-bootstrap` for environments without a `stateBackend` section. @default false */
  readonly stateBootstrap?: boolean;
}

/** Builds every stack of every environment into the app. */
export function buildEstate(app: App, config: EstateConfig, options: BuildEstateOptions = {}): PalisadeStack[] {
  const stacks: PalisadeStack[] = [];
  for (const environment of config.environments) {
    const network = new NetworkStack(app, environment);
    stacks.push(network);
    const edge = environment.edge ? new EdgeStack(app, environment, network) : undefined;
    if (edge) stacks.push(edge);
    const data = environment.database ? new DataStack(app, environment, network) : undefined;
    if (data) stacks.push(data);
    if (environment.hosts) stacks.push(new HostsStack(app, environment, network, edge, data));
    stacks.push(new SecurityStack(app, environment));
    if (environment.stateBackend || options.stateBootstrap) stacks.push(new StateBootstrapStack(app, environment));
  }
  return stacks;
}
