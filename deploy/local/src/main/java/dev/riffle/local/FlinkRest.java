package dev.riffle.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The few calls of the JobManager's REST API the launcher makes (the same endpoints the web UI
 * uses).
 */
final class FlinkRest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    FlinkRest(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** {@code GET /overview}: TaskManagers, slots and job counts. */
    JsonNode overview() throws IOException {
        return get("/overview");
    }

    /** {@code GET /jobs/overview}: every job with its name and state. */
    JsonNode jobs() throws IOException {
        return get("/jobs/overview");
    }

    /** {@code PATCH /jobs/<id>?mode=cancel}: cancels a job, as the web UI's Cancel button does. */
    void cancel(String jobId) throws IOException {
        HttpRequest request =
                HttpRequest.newBuilder(URI.create(baseUrl + "/jobs/" + jobId + "?mode=cancel"))
                        .timeout(Duration.ofSeconds(5))
                        .method("PATCH", HttpRequest.BodyPublishers.noBody())
                        .build();
        try {
            HttpResponse<String> response =
                    http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IOException(
                        "cancelling job "
                                + jobId
                                + " answered "
                                + response.statusCode()
                                + ": "
                                + response.body());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while cancelling job " + jobId, e);
        }
    }

    /** {@code GET <path>} of the REST API, as JSON. */
    JsonNode get(String path) throws IOException {
        HttpRequest request =
                HttpRequest.newBuilder(URI.create(baseUrl + path))
                        .timeout(Duration.ofSeconds(5))
                        .GET()
                        .build();
        try {
            HttpResponse<String> response =
                    http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IOException(
                        "GET "
                                + path
                                + " answered "
                                + response.statusCode()
                                + ": "
                                + response.body());
            }
            return JSON.readTree(response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted during GET " + path, e);
        }
    }
}
