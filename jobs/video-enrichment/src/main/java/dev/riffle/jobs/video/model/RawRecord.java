package dev.riffle.jobs.video.model;

import javax.annotation.Nullable;

/** A Rekognition record as read from Kinesis: the bytes and where they came from. */
public class RawRecord {
    public byte[] data;
    @Nullable public String stream;
    @Nullable public String shardId;
    @Nullable public String sequenceNumber;
    public long arrivalMillis;

    public RawRecord() {}

    public RawRecord(
            byte[] data,
            @Nullable String stream,
            @Nullable String shardId,
            @Nullable String sequenceNumber,
            long arrivalMillis) {
        this.data = data;
        this.stream = stream;
        this.shardId = shardId;
        this.sequenceNumber = sequenceNumber;
        this.arrivalMillis = arrivalMillis;
    }
}
