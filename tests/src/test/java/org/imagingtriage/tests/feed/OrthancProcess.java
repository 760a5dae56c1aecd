package org.imagingtriage.tests.feed;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's Orthanc started for one test: its own storage under a temporary directory, HTTP and
 * DICOM on free ports, remote HTTP access refused (Orthanc binds every interface, so this is
 * what keeps it to the machine), one registered user, and stores accepted only from the one
 * registered modality, {@link #SENDER_AET} on 127.0.0.1. {@code dcmsend} pushes files to it.
 */
final class OrthancProcess implements AutoCloseable {

    static final Path ORTHANC = Path.of("/usr/sbin/Orthanc");
    static final Path DCMSEND = Path.of("/usr/bin/dcmsend");
    static final String AET = "TRIAGEPACS";
    static final String SENDER_AET = "TRIAGESEND";
    static final String USER = "feed";
    static final String PASSWORD = "feed-password-for-tests";
    private static final Path GDCM_PLUGIN = Path.of("/usr/share/orthanc/plugins/libOrthancGdcm.so");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Path directory;
    private final Path configFile;
    private final Path log;
    private Process process;
    private final int httpPort;
    private final int dicomPort;
    private final HttpClient http = HttpClient.newHttpClient();

    private OrthancProcess(Path directory, Path configFile, Path log, int httpPort, int dicomPort) {
        this.directory = directory;
        this.configFile = configFile;
        this.log = log;
        this.httpPort = httpPort;
        this.dicomPort = dicomPort;
    }

    /**
     * @param stableAgeSeconds Orthanc's StableAge: seconds without a new instance before a series is stable
     */
    static OrthancProcess start(Path directory, int stableAgeSeconds) throws IOException, InterruptedException {
        if (!Files.isExecutable(ORTHANC) || !Files.isExecutable(DCMSEND)) {
            throw new IllegalStateException("this test needs Debian's orthanc and dcmtk packages; scripts/test "
                    + "installs them");
        }
        int httpPort = freePort();
        int dicomPort = freePort();
        Path storage = Files.createDirectories(directory.resolve("storage"));
        ObjectMapper json = new ObjectMapper();
        ObjectNode config = json.createObjectNode();
        config.put("Name", "triage-test-pacs");
        config.put("StorageDirectory", storage.toString());
        config.put("IndexDirectory", storage.toString());
        config.put("HttpPort", httpPort);
        config.put("DicomPort", dicomPort);
        config.put("DicomAet", AET);
        config.put("RemoteAccessAllowed", false);
        config.put("AuthenticationEnabled", true);
        config.putObject("RegisteredUsers").put(USER, PASSWORD);
        config.put("DicomAlwaysAllowStore", false);
        config.put("DicomAlwaysAllowEcho", false);
        config.put("DicomCheckModalityHost", true);
        config.putObject("DicomModalities").putArray("sender").add(SENDER_AET).add("127.0.0.1").add(1);
        config.put("StableAge", stableAgeSeconds);
        config.put("HttpCompressionEnabled", false);
        if (Files.exists(GDCM_PLUGIN)) {
            config.putArray("Plugins").add(GDCM_PLUGIN.toString());
        }
        Path configFile = directory.resolve("orthanc.json");
        Files.writeString(configFile, json.writerWithDefaultPrettyPrinter().writeValueAsString(config));
        OrthancProcess orthanc = new OrthancProcess(directory, configFile, directory.resolve("orthanc.log"),
                httpPort, dicomPort);
        orthanc.restart();
        return orthanc;
    }

    /** Starts Orthanc (again, after {@link #close()}) on the same ports and storage, and waits until it answers. */
    void restart() throws IOException, InterruptedException {
        process = new ProcessBuilder(ORTHANC.toString(), configFile.toString())
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        try {
            awaitReady();
        } catch (IOException | InterruptedException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /** The REST root, as the feed's configuration names it. */
    URI url() {
        return URI.create("http://127.0.0.1:" + httpPort);
    }

    /** Sends files to Orthanc over DICOM as the registered modality, with dcmtk's dcmsend. */
    void send(List<Path> files) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(DCMSEND.toString(), "--aetitle", SENDER_AET, "--call", AET,
                "--no-halt", "127.0.0.1", Integer.toString(dicomPort)));
        files.forEach(file -> command.add(file.toString()));
        Path log = Files.createTempFile(directory, "dcmsend", ".log");
        Process dcmsend = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!dcmsend.waitFor(120, TimeUnit.SECONDS)) {
            dcmsend.destroyForcibly();
            throw new IllegalStateException("dcmsend did not finish within 120 s; its log: " + log);
        }
        if (dcmsend.exitValue() != 0) {
            throw new IllegalStateException("dcmsend exited with " + dcmsend.exitValue() + ": "
                    + Files.readString(log, StandardCharsets.UTF_8));
        }
    }

    /** GET with the feed's credentials; the answer's status and body. */
    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        String credentials = Base64.getEncoder().encodeToString((USER + ":" + PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        return http.send(HttpRequest.newBuilder(url().resolve(path)).header("Authorization", "Basic " + credentials)
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Stops Orthanc as an operator would (SIGTERM), or kills it after a grace period. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private void awaitReady() throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Orthanc exited with " + process.exitValue() + ": "
                        + Files.readString(log, StandardCharsets.UTF_8));
            }
            try {
                if (get("/system").statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // Not listening yet.
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("Orthanc did not answer within " + START_TIMEOUT.toSeconds() + " s; log: " + log);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
