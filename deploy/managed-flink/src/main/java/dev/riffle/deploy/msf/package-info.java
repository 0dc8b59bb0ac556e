/**
 * Deployment to Amazon Managed Service for Apache Flink: {@link dev.riffle.deploy.msf.RiffleMsfApp}
 * (the CDK app), {@link dev.riffle.deploy.msf.model} (suite, per-application descriptors and
 * properties, checked together) and {@link dev.riffle.deploy.msf.cdk} (the stacks and the
 * least-privilege policy).
 */
package dev.riffle.deploy.msf;
