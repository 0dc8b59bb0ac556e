package dev.riffle.connector.kvs.split;

import dev.riffle.connector.kvs.KvsFragment;
import dev.riffle.connector.kvs.StartSelector;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.connector.source.SourceSplit;

import javax.annotation.Nullable;

import java.io.Serializable;
import java.math.BigInteger;
import java.util.Objects;

/**
 * One KVS stream (read with GetMedia, unbounded) or one MKV file (bounded), with how far it has
 * been read: the last complete fragment emitted (its number, timestamps and the continuation token
 * GetMedia sent after it) and how many fragments have been emitted.
 *
 * <p>A restored stream split resumes after its last complete fragment: with {@code
 * CONTINUATION_TOKEN} when GetMedia gave one, else with {@code FRAGMENT_NUMBER}; in both cases the
 * reader drops any fragment whose number is not greater than the last one (fragment numbers grow
 * with ingestion order), so whichever way KVS interprets the selector, nothing is repeated. A file
 * split skips the fragments already emitted.
 */
@Internal
public final class KvsSplit implements SourceSplit, Serializable {
    private static final long serialVersionUID = 1L;

    /** What a split reads. */
    public enum Kind {
        STREAM,
        FILE
    }

    private final Kind kind;
    private final String target;
    private final StartSelector initialSelector;
    @Nullable private final String lastFragmentNumber;
    @Nullable private final Long lastProducerTimestampMillis;
    @Nullable private final Long lastServerTimestampMillis;
    @Nullable private final String continuationToken;
    private final long fragmentsRead;

    public KvsSplit(
            Kind kind,
            String target,
            StartSelector initialSelector,
            @Nullable String lastFragmentNumber,
            @Nullable Long lastProducerTimestampMillis,
            @Nullable Long lastServerTimestampMillis,
            @Nullable String continuationToken,
            long fragmentsRead) {
        this.kind = Objects.requireNonNull(kind);
        this.target = Objects.requireNonNull(target);
        this.initialSelector = Objects.requireNonNull(initialSelector);
        this.lastFragmentNumber = lastFragmentNumber;
        this.lastProducerTimestampMillis = lastProducerTimestampMillis;
        this.lastServerTimestampMillis = lastServerTimestampMillis;
        this.continuationToken = continuationToken;
        this.fragmentsRead = fragmentsRead;
    }

    /** A stream that has not been read yet. */
    public static KvsSplit stream(String streamArnOrName, StartSelector selector) {
        return new KvsSplit(Kind.STREAM, streamArnOrName, selector, null, null, null, null, 0);
    }

    /** A file that has not been read yet. */
    public static KvsSplit file(String path) {
        return new KvsSplit(Kind.FILE, path, StartSelector.earliest(), null, null, null, null, 0);
    }

    @Override
    public String splitId() {
        return (kind == Kind.STREAM ? "stream:" : "file:") + target;
    }

    public Kind kind() {
        return kind;
    }

    /** The stream ARN or name, or the file path. */
    public String target() {
        return target;
    }

    public StartSelector initialSelector() {
        return initialSelector;
    }

    @Nullable
    public String lastFragmentNumber() {
        return lastFragmentNumber;
    }

    @Nullable
    public Long lastProducerTimestampMillis() {
        return lastProducerTimestampMillis;
    }

    @Nullable
    public Long lastServerTimestampMillis() {
        return lastServerTimestampMillis;
    }

    @Nullable
    public String continuationToken() {
        return continuationToken;
    }

    public long fragmentsRead() {
        return fragmentsRead;
    }

    /** Where GetMedia should start to continue after the last complete fragment. */
    public StartSelector resumeSelector() {
        if (continuationToken != null) {
            return StartSelector.continuationToken(continuationToken);
        }
        if (lastFragmentNumber != null) {
            return StartSelector.fragmentNumber(lastFragmentNumber);
        }
        return initialSelector;
    }

    /** This split after {@code fragment} was emitted. */
    public KvsSplit after(KvsFragment fragment) {
        return new KvsSplit(
                kind,
                target,
                initialSelector,
                fragment.getFragmentNumber() != null
                        ? fragment.getFragmentNumber()
                        : lastFragmentNumber,
                fragment.getProducerTimestampMillis(),
                fragment.getServerTimestampMillis(),
                fragment.getContinuationToken(),
                fragmentsRead + 1);
    }

    /**
     * This split restarted from {@code selector} with its history forgotten (after the stream's
     * retained data moved past the last fragment).
     */
    public KvsSplit restartedFrom(StartSelector selector) {
        return new KvsSplit(
                kind,
                target,
                selector,
                lastFragmentNumber,
                lastProducerTimestampMillis,
                lastServerTimestampMillis,
                null,
                fragmentsRead);
    }

    /**
     * True if a fragment with this number comes after the last one emitted. Fragments without a
     * number (plain MKV) and splits that emitted none always qualify.
     */
    public boolean isAfterLast(@Nullable String fragmentNumber) {
        if (fragmentNumber == null || lastFragmentNumber == null) {
            return true;
        }
        try {
            return new BigInteger(fragmentNumber).compareTo(new BigInteger(lastFragmentNumber)) > 0;
        } catch (NumberFormatException e) {
            return !fragmentNumber.equals(lastFragmentNumber);
        }
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof KvsSplit)) {
            return false;
        }
        KvsSplit s = (KvsSplit) o;
        return fragmentsRead == s.fragmentsRead
                && kind == s.kind
                && target.equals(s.target)
                && initialSelector.equals(s.initialSelector)
                && Objects.equals(lastFragmentNumber, s.lastFragmentNumber)
                && Objects.equals(lastProducerTimestampMillis, s.lastProducerTimestampMillis)
                && Objects.equals(lastServerTimestampMillis, s.lastServerTimestampMillis)
                && Objects.equals(continuationToken, s.continuationToken);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, target, lastFragmentNumber, fragmentsRead);
    }

    @Override
    public String toString() {
        return "KvsSplit{"
                + splitId()
                + ", initial="
                + initialSelector
                + ", last="
                + lastFragmentNumber
                + ", token="
                + continuationToken
                + ", read="
                + fragmentsRead
                + '}';
    }
}
