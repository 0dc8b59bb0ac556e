/** Building Random Cut Forest models and turning them into checkpointable bytes. */
package dev.riffle.jobs.anomaly.rcf;
