package dev.riffle.connector.kinesis.source.reader.fanout;

import org.apache.flink.annotation.Internal;

import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardEvent;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardEventStream;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardResponse;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardResponseHandler;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * One SubscribeToShard call (at most 5 minutes) as seen by the fetcher thread: events arrive on SDK
 * threads into a queue; the fetcher asks for the next event only after it took one, so at most
 * {@value #BUFFERED_EVENTS} events wait per shard. The end of the subscription (normal, or an
 * error) is a final signal after the events.
 */
@Internal
final class ShardSubscription {
    static final int BUFFERED_EVENTS = 2;

    private final ConcurrentLinkedQueue<SubscribeToShardEvent> events =
            new ConcurrentLinkedQueue<>();
    private final Runnable onSignal;
    private volatile Subscription subscription;
    private volatile boolean ended;
    private volatile Throwable error;
    private volatile boolean cancelled;
    final long startedNanos;
    volatile boolean receivedEvent;

    ShardSubscription(Runnable onSignal, long startedNanos) {
        this.onSignal = onSignal;
        this.startedNanos = startedNanos;
    }

    SubscribeToShardResponseHandler handler() {
        return new SubscribeToShardResponseHandler() {
            @Override
            public void responseReceived(SubscribeToShardResponse response) {}

            @Override
            public void onEventStream(
                    software.amazon.awssdk.core.async.SdkPublisher<SubscribeToShardEventStream>
                            publisher) {
                publisher.subscribe(new EventSubscriber());
            }

            @Override
            public void exceptionOccurred(Throwable throwable) {
                end(throwable);
            }

            @Override
            public void complete() {
                end(null);
            }
        };
    }

    /** Watches the future of the call too: it fails when the call cannot even start. */
    void watch(CompletableFuture<Void> call) {
        call.whenComplete((ok, t) -> end(t));
    }

    private void end(Throwable t) {
        if (ended) {
            return;
        }
        if (t != null && error == null) {
            error = t;
        }
        ended = true;
        onSignal.run();
    }

    /** The next event, or null; asks the service for one more after each event taken. */
    SubscribeToShardEvent poll() {
        SubscribeToShardEvent e = events.poll();
        if (e != null && subscription != null && !cancelled) {
            subscription.request(1);
        }
        return e;
    }

    /** True once every event has been taken and the subscription is over. */
    boolean isOver() {
        return ended && events.isEmpty();
    }

    Throwable error() {
        return error;
    }

    void cancel() {
        cancelled = true;
        Subscription s = subscription;
        if (s != null) {
            s.cancel();
        }
        end(null);
    }

    private final class EventSubscriber implements Subscriber<SubscribeToShardEventStream> {
        @Override
        public void onSubscribe(Subscription s) {
            subscription = s;
            if (cancelled) {
                s.cancel();
            } else {
                s.request(BUFFERED_EVENTS);
            }
        }

        @Override
        public void onNext(SubscribeToShardEventStream item) {
            if (item instanceof SubscribeToShardEvent) {
                receivedEvent = true;
                events.add((SubscribeToShardEvent) item);
                onSignal.run();
            } else if (subscription != null) {
                subscription.request(1);
            }
        }

        @Override
        public void onError(Throwable t) {
            end(t);
        }

        @Override
        public void onComplete() {
            end(null);
        }
    }
}
