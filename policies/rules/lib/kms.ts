import type { Model } from '../../model/model';
import type { Resource } from '../../model/types';

/** Every KMS key resource type: AWS-generated and imported key material, primary and multi-Region replica keys. */
export const KMS_KEY_TYPES = ['aws_kms_key', 'aws_kms_external_key', 'aws_kms_replica_key', 'aws_kms_replica_external_key'] as const;

/** The KMS keys of the model, of every key type. */
export function kmsKeys(model: Model): Resource[] {
  return KMS_KEY_TYPES.flatMap((t) => model.ofType(t));
}
