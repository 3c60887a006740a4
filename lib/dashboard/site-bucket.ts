import { RemovalPolicy } from 'aws-cdk-lib';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { acknowledge } from '../nag';

/**
 * The private bucket behind the distribution: the dashboard under `ops/`, the public form's
 * static files under `form/`. Only CloudFront reads it (origin access control, distribution.ts).
 */
export function siteBucket(scope: Construct): Bucket {
  const bucket = new Bucket(scope, 'Site', {
    blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
    objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
    enforceSSL: true,
    encryption: BucketEncryption.S3_MANAGED,
    // Retained, without auto-delete: the bucket holds only a build that git can reproduce, so
    // an orphan after `cdk destroy` costs nothing; DESTROY would fail on a non-empty bucket
    // anyway, and auto-delete would add a Lambda allowed to delete objects. Unversioned for
    // the same reason: the history of the dashboard is the repository.
    removalPolicy: RemovalPolicy.RETAIN,
    autoDeleteObjects: false,
  });
  acknowledge(bucket, {
    id: 'AwsSolutions-S1',
    reason:
      'No server access logs: only CloudFront (through the origin access control) reads this bucket and only the deployment provider writes it, ' +
      'so the logs would hold nothing but those two, and CloudTrail already records the deployments; a log bucket would be one more store to protect.',
  });
  return bucket;
}
