package dev.riffle.deploy.msf.cdk;

import dev.riffle.deploy.msf.model.AppDescriptor;
import dev.riffle.deploy.msf.model.Deployment;
import dev.riffle.deploy.msf.model.Placeholders;
import dev.riffle.deploy.msf.model.Suite;

import software.amazon.awscdk.Aws;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.iam.Policy;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kinesisanalyticsv2.CfnApplication;
import software.amazon.awscdk.services.kinesisanalyticsv2.CfnApplicationCloudWatchLoggingOption;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.LogStream;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.sns.Topic;
import software.constructs.Construct;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One Managed Service for Apache Flink application and what only it uses: its role and
 * least-privilege policy ({@link Permissions}), its log group and stream, the application (Flink
 * 2.2, code from the code bucket, runtime properties from its file, parallelism and KPUs,
 * checkpoints, snapshots on, restore from the latest snapshot on update, system roll-back on) and
 * its alarms: consumer lag per input stream, downtime and restarts.
 */
public final class ApplicationStack extends Stack {

    /** MSF's name for the Flink 2.2 runtime. */
    public static final String RUNTIME = "FLINK-2_2";

    public static final String LOG_STREAM = "application";

    private final String dataStackName;

    public ApplicationStack(
            Construct scope,
            String id,
            Suite suite,
            Deployment.App app,
            String version,
            String dataStackName,
            StackProps props) {
        super(scope, id, props);
        this.dataStackName = dataStackName;
        AppDescriptor d = app.descriptor();
        String name = d.application();
        String keyArn = Fn.importValue(dataStackName + "-" + DataStack.KEY_ARN);
        String codeKey = codeKey(d, version);
        String logGroupName = "/aws/kinesis-analytics/" + name;

        LogGroup logGroup =
                LogGroup.Builder.create(this, "LogGroup")
                        .logGroupName(logGroupName)
                        .retention(retention(suite.logRetentionDays()))
                        .removalPolicy(RemovalPolicy.RETAIN)
                        .build();
        LogStream logStream =
                LogStream.Builder.create(this, "LogStream")
                        .logGroup(logGroup)
                        .logStreamName(LOG_STREAM)
                        .removalPolicy(RemovalPolicy.RETAIN)
                        .build();

        // Only MSF, acting for this application in this account, may assume the role.
        Role role =
                Role.Builder.create(this, "Role")
                        .description("Runs the MSF application " + name)
                        .assumedBy(
                                new ServicePrincipal("kinesisanalytics.amazonaws.com")
                                        .withConditions(
                                                Map.of(
                                                        "StringEquals",
                                                        Map.of("aws:SourceAccount", Aws.ACCOUNT_ID),
                                                        "ArnEquals",
                                                        Map.of(
                                                                "aws:SourceArn",
                                                                Fn.sub(Arns.application(name))))))
                        .build();
        Policy policy =
                Policy.Builder.create(this, "Policy")
                        .policyName(name + "-least-privilege")
                        .statements(
                                Permissions.of(suite, d, keyArn, codeKey, logGroupName, LOG_STREAM))
                        .roles(List.of(role))
                        .build();

        CfnApplication application =
                CfnApplication.Builder.create(this, "Application")
                        .applicationName(name)
                        .applicationDescription(d.description())
                        .runtimeEnvironment(RUNTIME)
                        .serviceExecutionRole(role.getRoleArn())
                        .applicationConfiguration(configuration(suite, app, codeKey))
                        .runConfiguration(
                                CfnApplication.RunConfigurationProperty.builder()
                                        .applicationRestoreConfiguration(
                                                CfnApplication
                                                        .ApplicationRestoreConfigurationProperty
                                                        .builder()
                                                        .applicationRestoreType(
                                                                "RESTORE_FROM_LATEST_SNAPSHOT")
                                                        .build())
                                        .flinkRunConfiguration(
                                                CfnApplication.FlinkRunConfigurationProperty
                                                        .builder()
                                                        .allowNonRestoredState(false)
                                                        .build())
                                        .build())
                        .build();
        // MSF checks the role's access to the code when the application is created.
        application.getNode().addDependency(policy);

        CfnApplicationCloudWatchLoggingOption logging =
                CfnApplicationCloudWatchLoggingOption.Builder.create(this, "Logging")
                        .applicationName(application.getRef())
                        .cloudWatchLoggingOption(
                                CfnApplicationCloudWatchLoggingOption
                                        .CloudWatchLoggingOptionProperty.builder()
                                        .logStreamArn(
                                                Fn.sub(Arns.logStream(logGroupName, LOG_STREAM)))
                                        .build())
                        .build();
        logging.getNode().addDependency(logStream);

        alarms(suite, d, application);
    }

    /** Where the application's jar lies in the code bucket. */
    public static String codeKey(AppDescriptor d, String version) {
        return "jobs/" + d.artifact() + "-" + version + ".jar";
    }

    private static CfnApplication.ApplicationConfigurationProperty configuration(
            Suite suite, Deployment.App app, String codeKey) {
        AppDescriptor d = app.descriptor();
        List<CfnApplication.PropertyGroupProperty> groups = new ArrayList<>();
        app.properties()
                .groups()
                .forEach(
                        (id, values) -> {
                            Map<String, String> map = new LinkedHashMap<>();
                            values.forEach(
                                    (k, v) -> map.put(k, Placeholders.hasAny(v) ? Fn.sub(v) : v));
                            groups.add(
                                    CfnApplication.PropertyGroupProperty.builder()
                                            .propertyGroupId(id)
                                            .propertyMap(map)
                                            .build());
                        });
        return CfnApplication.ApplicationConfigurationProperty.builder()
                .applicationCodeConfiguration(
                        CfnApplication.ApplicationCodeConfigurationProperty.builder()
                                .codeContentType("ZIPFILE")
                                .codeContent(
                                        CfnApplication.CodeContentProperty.builder()
                                                .s3ContentLocation(
                                                        CfnApplication.S3ContentLocationProperty
                                                                .builder()
                                                                .bucketArn(
                                                                        Fn.sub(
                                                                                Arns.bucket(
                                                                                        suite
                                                                                                .codeBucketName())))
                                                                .fileKey(codeKey)
                                                                .build())
                                                .build())
                                .build())
                .environmentProperties(
                        CfnApplication.EnvironmentPropertiesProperty.builder()
                                .propertyGroups(groups)
                                .build())
                .flinkApplicationConfiguration(
                        CfnApplication.FlinkApplicationConfigurationProperty.builder()
                                .checkpointConfiguration(
                                        CfnApplication.CheckpointConfigurationProperty.builder()
                                                .configurationType("CUSTOM")
                                                .checkpointingEnabled(true)
                                                .checkpointInterval(
                                                        d.checkpoints().intervalMillis())
                                                .minPauseBetweenCheckpoints(
                                                        d.checkpoints().minPauseMillis())
                                                .build())
                                .monitoringConfiguration(
                                        CfnApplication.MonitoringConfigurationProperty.builder()
                                                .configurationType("CUSTOM")
                                                .logLevel("INFO")
                                                .metricsLevel("APPLICATION")
                                                .build())
                                .parallelismConfiguration(
                                        CfnApplication.ParallelismConfigurationProperty.builder()
                                                .configurationType("CUSTOM")
                                                .parallelism(d.scaling().parallelism())
                                                .parallelismPerKpu(d.scaling().parallelismPerKpu())
                                                .autoScalingEnabled(d.scaling().autoScaling())
                                                .build())
                                .build())
                .applicationSnapshotConfiguration(
                        CfnApplication.ApplicationSnapshotConfigurationProperty.builder()
                                .snapshotsEnabled(true)
                                .build())
                .applicationSystemRollbackConfiguration(
                        CfnApplication.ApplicationSystemRollbackConfigurationProperty.builder()
                                .rollbackEnabled(true)
                                .build())
                .build();
    }

    private void alarms(Suite suite, AppDescriptor d, CfnApplication application) {
        String name = d.application();
        SnsAction notify =
                new SnsAction(
                        Topic.fromTopicArn(
                                this,
                                "AlarmTopic",
                                Fn.importValue(dataStackName + "-" + DataStack.ALARM_TOPIC_ARN)));
        Map<String, String> app = Map.of("Application", name);
        List<Alarm> alarms = new ArrayList<>();

        // MSF reports downtime (ms the job has not been running) while the application should run.
        alarms.add(
                alarm(
                        "Downtime",
                        name + "-downtime",
                        "The job of " + name + " has not been running for 3 minutes",
                        msf("downtime", app, "Maximum"),
                        0,
                        3));
        // Flink 2.2 on MSF dropped fullRestarts; numRestarts counts every restart.
        alarms.add(
                alarm(
                        "Restarts",
                        name + "-restarts",
                        "The job of " + name + " restarted more than twice in 15 minutes",
                        MathExpression.Builder.create()
                                .expression("DIFF(restarts)")
                                .usingMetrics(
                                        Map.of("restarts", msf("numRestarts", app, "Maximum")))
                                .period(Duration.minutes(15))
                                .label("restarts in 15 minutes")
                                .build(),
                        2,
                        1));
        // The source's own view of its lag, as the official connector names it.
        alarms.add(
                alarm(
                        "MillisBehindLatest",
                        name + "-millis-behind-latest",
                        "The sources of "
                                + name
                                + " are more than "
                                + d.alarms().maxLagMillis()
                                + " ms behind for 5 minutes",
                        msf("millisBehindLatest", app, "Maximum"),
                        d.alarms().maxLagMillis(),
                        5));
        // The same lag as Kinesis measures it, per input stream: present whatever the job reports.
        for (AppDescriptor.StreamRead r : d.reads()) {
            Metric lag =
                    r.efoConsumer() == null
                            ? Metric.Builder.create()
                                    .namespace("AWS/Kinesis")
                                    .metricName("GetRecords.IteratorAgeMilliseconds")
                                    .dimensionsMap(Map.of("StreamName", r.stream()))
                                    .statistic("Maximum")
                                    .period(Duration.minutes(1))
                                    .build()
                            : Metric.Builder.create()
                                    .namespace("AWS/Kinesis")
                                    .metricName("SubscribeToShardEvent.MillisBehindLatest")
                                    .dimensionsMap(
                                            Map.of(
                                                    "StreamName",
                                                    r.stream(),
                                                    "ConsumerName",
                                                    r.efoConsumer()))
                                    .statistic("Maximum")
                                    .period(Duration.minutes(1))
                                    .build();
            alarms.add(
                    alarm(
                            "Lag-" + r.stream(),
                            name + "-lag-" + r.stream(),
                            "Reading "
                                    + r.stream()
                                    + " is more than "
                                    + d.alarms().maxLagMillis()
                                    + " ms behind for 5 minutes",
                            lag,
                            d.alarms().maxLagMillis(),
                            5));
        }
        alarms.forEach(a -> a.addAlarmAction(notify));
    }

    private Alarm alarm(
            String id,
            String alarmName,
            String description,
            IMetric metric,
            double threshold,
            int periods) {
        return Alarm.Builder.create(this, id)
                .alarmName(alarmName)
                .alarmDescription(description)
                .metric(metric)
                .threshold(threshold)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
                .evaluationPeriods(periods)
                // A stopped application publishes nothing; that is not an incident.
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build();
    }

    private static Metric msf(String metric, Map<String, String> dims, String statistic) {
        return Metric.Builder.create()
                .namespace("AWS/KinesisAnalytics")
                .metricName(metric)
                .dimensionsMap(dims)
                .statistic(statistic)
                .period(Duration.minutes(1))
                .build();
    }

    private static RetentionDays retention(int days) {
        return switch (days) {
            case 7 -> RetentionDays.ONE_WEEK;
            case 14 -> RetentionDays.TWO_WEEKS;
            case 30 -> RetentionDays.ONE_MONTH;
            case 90 -> RetentionDays.THREE_MONTHS;
            case 365 -> RetentionDays.ONE_YEAR;
            default ->
                    throw new IllegalArgumentException(
                            "Invalid value "
                                    + days
                                    + " for logRetentionDays: accepted 7, 14, 30, 90, 365");
        };
    }
}
