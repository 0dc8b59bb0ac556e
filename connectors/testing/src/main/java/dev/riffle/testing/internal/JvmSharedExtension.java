package dev.riffle.testing.internal;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.function.Supplier;

/**
 * Base of the extensions over an emulator that one JVM's tests share (starting one costs seconds):
 * the first test class to need it starts it, it lives in JUnit's root store, and JUnit closes it
 * when the run ends.
 */
public abstract class JvmSharedExtension<S extends ExtensionContext.Store.CloseableResource>
        implements BeforeAllCallback {
    private final Class<S> type;
    private final Supplier<S> start;
    private volatile S shared;

    protected JvmSharedExtension(Class<S> type, Supplier<S> start) {
        this.type = type;
        this.start = start;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        shared(context);
    }

    /** The shared resource, started now if no test class of this JVM started it yet. */
    protected final S shared(ExtensionContext context) {
        if (shared == null) {
            shared =
                    context.getRoot()
                            .getStore(ExtensionContext.Namespace.create(getClass()))
                            .getOrComputeIfAbsent(type, k -> start.get(), type);
        }
        return shared;
    }

    /** The shared resource; fails naming the extension when used before JUnit started it. */
    protected final S requireStarted() {
        if (shared == null) {
            throw new IllegalStateException(
                    getClass().getSimpleName()
                            + " is not started: register it with @RegisterExtension on a static"
                            + " field, or use it from a test method.");
        }
        return shared;
    }
}
