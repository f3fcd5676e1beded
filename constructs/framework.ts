/**
 * The one place Palisade imports the CDK-for-Terraform framework from.
 *
 * cdktf is archived upstream; CDK Terrain (`cdktn`) is its rename-fork. Swapping frameworks means
 * changing the module name below (and the provider bindings' package), not every construct.
 */
export { App, Aspects, Fn, LocalBackend, S3Backend, TerraformElement, TerraformOutput, TerraformResource, TerraformStack, Testing, Token } from 'cdktf';
export type { IAspect } from 'cdktf';
export { Construct } from 'constructs';
export type { IConstruct, IValidation } from 'constructs';
