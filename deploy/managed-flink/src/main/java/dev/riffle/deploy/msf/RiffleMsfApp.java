package dev.riffle.deploy.msf;

import dev.riffle.deploy.msf.cdk.ApplicationStack;
import dev.riffle.deploy.msf.cdk.DataStack;
import dev.riffle.deploy.msf.model.Deployment;

import software.amazon.awscdk.App;
import software.amazon.awscdk.BootstraplessSynthesizer;
import software.amazon.awscdk.StackProps;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The CDK app: one stack {@value #DATA_STACK} with what the applications share, and one stack
 * {@code riffle-app-<name>} per application folder. Runs offline ({@code cdk synth}, or this main)
 * and writes CloudFormation templates that deploy with {@code cdk deploy} or plain {@code aws
 * cloudformation deploy}: the stacks use no CDK assets and need no {@code cdk bootstrap}.
 *
 * <p>Context (all optional): {@code riffle.dir}, the folder with {@code suite.json} and {@code
 * apps/} (default: the current folder if it has {@code suite.json}, else {@code
 * deploy/managed-flink}); {@code riffle.version}, the version of the job jars in the code bucket
 * (default: this build's version).
 */
public final class RiffleMsfApp {

    public static final String DATA_STACK = "riffle-data";

    public static final String APP_STACK_PREFIX = "riffle-app-";

    private RiffleMsfApp() {}

    /**
     * Synthesizes into {@code cdk.out} (or where the CDK CLI says). Arguments {@code key=value} (or
     * {@code -c key=value}) set context, as {@code cdk -c} does.
     */
    public static void main(String[] args) {
        Map<String, Object> context = new HashMap<>();
        for (String arg : args) {
            if (arg.equals("-c")) {
                continue;
            }
            int eq = arg.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException(
                        "Invalid argument '"
                                + arg
                                + "': expected key=value, e.g. riffle.version=1.2.0");
            }
            context.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        String outdir = System.getenv("CDK_OUTDIR");
        App cdk =
                App.Builder.create()
                        .outdir(outdir != null ? outdir : "cdk.out")
                        .context(context)
                        .build();
        Object dir = cdk.getNode().tryGetContext("riffle.dir");
        Object version = cdk.getNode().tryGetContext("riffle.version");
        Deployment deployment =
                Deployment.load(dir != null ? Path.of(dir.toString()) : defaultDir());
        build(cdk, deployment, version != null ? version.toString() : buildVersion());
        cdk.synth();
    }

    /**
     * The stacks of {@code deployment}, for jars of {@code version}; the data stack comes first.
     */
    public static List<software.amazon.awscdk.Stack> build(
            App cdk, Deployment deployment, String version) {
        List<software.amazon.awscdk.Stack> stacks = new ArrayList<>();
        DataStack data = new DataStack(cdk, DATA_STACK, deployment.suite(), props());
        stacks.add(data);
        for (Deployment.App app : deployment.apps()) {
            ApplicationStack stack =
                    new ApplicationStack(
                            cdk,
                            APP_STACK_PREFIX + app.name(),
                            deployment.suite(),
                            app,
                            version,
                            DATA_STACK,
                            props());
            stack.addDependency(data);
            stacks.add(stack);
        }
        return stacks;
    }

    private static StackProps props() {
        // No assets, no bootstrap: the templates are plain CloudFormation.
        return StackProps.builder().synthesizer(new BootstraplessSynthesizer()).build();
    }

    private static Path defaultDir() {
        Path here = Path.of("");
        return Files.exists(here.resolve(Deployment.SUITE_FILE))
                ? here
                : Path.of("deploy", "managed-flink");
    }

    /** The version this module was built with (the job jars of the same build). */
    public static String buildVersion() {
        try (InputStream in =
                RiffleMsfApp.class
                        .getClassLoader()
                        .getResourceAsStream("riffle-deploy.properties")) {
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("riffle.version");
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException(
                    "riffle-deploy.properties is missing from the build", e);
        }
    }
}
