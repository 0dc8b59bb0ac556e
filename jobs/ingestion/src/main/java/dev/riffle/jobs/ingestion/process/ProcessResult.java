package dev.riffle.jobs.ingestion.process;

import dev.riffle.common.deadletter.ErrorType;
import dev.riffle.common.event.Event;

import org.apache.flink.annotation.Internal;

/** What {@link RecordProcessor} made of one raw record: an event, a rejection, or a filter hit. */
@Internal
public final class ProcessResult {
    /** The three outcomes. */
    public enum Kind {
        ACCEPTED,
        REJECTED,
        FILTERED
    }

    public final Kind kind;

    /** The normalized (and, if a database is set, enriched) event; set unless rejected. */
    public final Event event;

    /** Why it was rejected; set only for {@link Kind#REJECTED}. */
    public final ErrorType error;

    /** The rejection's message for the dead letter. */
    public final String message;

    /** Which rule filtered it out; set only for {@link Kind#FILTERED}. */
    public final String filterReason;

    /** Whether geolocation found no country for an accepted event. */
    public final boolean geoMiss;

    private ProcessResult(
            Kind kind,
            Event event,
            ErrorType error,
            String message,
            String filterReason,
            boolean geoMiss) {
        this.kind = kind;
        this.event = event;
        this.error = error;
        this.message = message;
        this.filterReason = filterReason;
        this.geoMiss = geoMiss;
    }

    static ProcessResult accepted(Event event, boolean geoMiss) {
        return new ProcessResult(Kind.ACCEPTED, event, null, null, null, geoMiss);
    }

    static ProcessResult rejected(ErrorType error, String message) {
        return new ProcessResult(Kind.REJECTED, null, error, message, null, false);
    }

    static ProcessResult filtered(Event event, String reason) {
        return new ProcessResult(Kind.FILTERED, event, null, null, reason, false);
    }

    @Override
    public String toString() {
        switch (kind) {
            case REJECTED:
                return "REJECTED " + error + ": " + message;
            case FILTERED:
                return "FILTERED " + filterReason + ": " + event.eventId;
            default:
                return "ACCEPTED " + event + (geoMiss ? " (geo miss)" : "");
        }
    }
}
