/**
 * Tags by which a bucket declares one of the two documented exceptions of the S3 baseline. `SecureBucket` writes
 * them; the S3 rules honour them only when the bucket really plays that role (see each rule).
 *
 * - `EncryptionException = alb-access-logs`: SSE-S3 instead of SSE-KMS, because Application Load Balancer access-log
 *   delivery supports only SSE-S3 (AWS ELB user guide, "Enable access logs", bucket requirements). Honoured only when
 *   an `aws_lb` writes its access logs to the bucket.
 * - `AccessLoggingException = server-access-log-target`: the bucket that receives S3 server access logs does not log
 *   into itself (that would log its own log deliveries forever). Honoured only when an `aws_s3_bucket_logging`
 *   targets the bucket.
 */
export const ENCRYPTION_EXCEPTION_TAG = 'EncryptionException';
export const ALB_ACCESS_LOGS_EXCEPTION = 'alb-access-logs';
export const ACCESS_LOGGING_EXCEPTION_TAG = 'AccessLoggingException';
export const LOG_TARGET_EXCEPTION = 'server-access-log-target';
