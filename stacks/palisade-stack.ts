import { EnvironmentConfig } from '../config/schema';
import { Construct, PalisadeStack as LibraryPalisadeStack } from '../index';
import { configureStateBackend } from './state-backend';

export interface PalisadeStackProps {
  readonly environment: EnvironmentConfig;
  /** What the stack holds (`network`, `edge`…): the stack is named `<environment>-<component>`. */
  readonly component: string;
  /** Keep local state even when the environment has an S3 backend (the state bootstrap stack). @default false */
  readonly localState?: boolean;
}

/**
 * A stack of the example estate: the library's `PalisadeStack` (provider locked to account and region, default tags,
 * readable addresses, synth gate) with the estate's whole environment config and its Terraform state backend.
 */
export class PalisadeStack extends LibraryPalisadeStack {
  declare public readonly environment: EnvironmentConfig;

  constructor(scope: Construct, props: PalisadeStackProps) {
    super(scope, { environment: props.environment, component: props.component });
    // Local state unless the environment configures its S3 backend (README, "Remote state for teams").
    configureStateBackend(this, props.environment, props.localState ?? false);
  }
}
