package org.imagingtriage.topology.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.imagingtriage.topology.imaging.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/** The command line as an operator meets it: help, usage errors, configuration errors, exit codes. */
class TriageCommandTest {

    @TempDir
    Path directory;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    /** Runs {@code triage args} on an empty environment, so the developer's own TRIAGE_* variables do not leak in. */
    private int triage(String... args) {
        return triage(Map.of(), args);
    }

    private int triage(Map<String, String> environment, String... args) {
        CommandLine commandLine = TriageCommand.commandLine(environment);
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    @Test
    void topLevelHelpListsTheCommandsExitCodesAndExamples() {
        // when
        int exit = triage("--help");

        // then
        assertThat(exit).isZero();
        assertThat(out.toString()).contains("Usage: triage", "feed", "review", "help", "Exit codes:",
                "triage feed folder --config", "triage review --config");
    }

    @ParameterizedTest(name = "triage {0} --help")
    @CsvSource(delimiter = '|', value = {
            "feed        | Usage: triage feed   | STAT and URGENT to the priority topic | triage feed folder --modality",
            "feed folder | Usage: triage feed folder | sidecar <image file name>.json | Sidecar example",
            "review      | Usage: triage review | read_committed                          | --tail --from-beginning --max 20",
            "run         | Usage: triage run    | exactly once                            | triage run --config"})
    void everyCommandExplainsWhatItDoesAndShowsExamples(String command, String usage, String description,
                                                        String example) {
        // when
        int exit = triage((command + " --help").split(" "));

        // then
        assertThat(exit).isZero();
        assertThat(out.toString()).contains(usage, description, "Examples:", example);
    }

    @Test
    void feedFolderHelpDocumentsEveryOption() {
        // when
        triage("feed", "folder", "--help");

        // then
        assertThat(out.toString()).contains("DIR", "--recursive", "--modality", "--body-part", "--priority",
                "--source", "--deidentified-method", "--not-deidentified", "--inline-max-bytes", "--skip-unknown",
                "--dry-run", "--repeat", "--interval-ms", "--progress-every", "--verbose", "--config",
                "--bootstrap-server", "--registry-url", "Default: ROUTINE");
    }

    @Test
    void reviewHelpDocumentsEveryOption() {
        // when
        triage("review", "--help");

        // then
        assertThat(out.toString()).contains("--from-beginning", "--group", "--max", "--timeout-ms", "--lines",
                "--config", "--bootstrap-server", "--registry-url", "disclaimer", "SIMULATED");
    }

    @Test
    void aCommandIsRequired() {
        assertThat(triage()).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("Usage: triage");
        assertThat(triage("feed")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("Usage: triage feed");
    }

    @Test
    void unknownOptionsAndBadValuesAreUsageErrors() {
        assertThat(triage("review", "--form-beginning")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("Unknown option: '--form-beginning'");
        assertThat(triage("feed", "folder", "--priority", "SOON", directory.toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--priority");
    }

    @Test
    void optionValuesTheFeedRefusesAreUsageErrorsToo() {
        // when / then
        assertThat(triage("feed", "folder", "--modality", "chest x-ray", directory.toString()))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("the modality must be a DICOM code string");
        assertThat(triage("feed", "folder", "--repeat", "0", directory.toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(triage("feed", "folder", directory.resolve("missing").toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("DIR is not a directory");
    }

    @Test
    void aDeidentificationMethodCannotBeClaimedAlongsideNoClaim() {
        // when / then
        assertThat(triage("feed", "folder", "--not-deidentified", "--deidentified-method", "Orthanc /anonymize",
                directory.toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--not-deidentified and --deidentified-method contradict each other");
    }

    @Test
    void theHelpCommandShowsACommandsHelp() {
        assertThat(triage("help", "review")).isZero();
        assertThat(out.toString()).contains("Usage: triage review");
    }

    @Test
    void reviewTakesOneModeAndEachModesOptionsOnlyWithIt() throws Exception {
        // when / then: two modes at once
        assertThat(triage("review", "--web", "--tail")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("choose one of --web, --tail and --hash-password");
        // tail's options without --tail
        assertThat(triage("review", "--max", "3")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("apply to --tail only");
        // the console's identity options without --web
        assertThat(triage("review", "--identity-header", "X-Forwarded-User")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("apply to --web only");
        assertThat(triage("review", "--tail", "--port", "9000")).isEqualTo(ExitCodes.USAGE);
        assertThat(triage("review", "--web", "--reviewer", "dr-lee", "--identity-header", "X-User"))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--reviewer applies to the terminal worklist only");
        // the console without an identity source, or with both
        assertThat(triage("review", "--web")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--web needs exactly one of --users-file");
        Path users = Files.writeString(directory.resolve("reviewers"), "# nobody yet\n");
        assertThat(triage("review", "--web", "--users-file", users.toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("lists no reviewer");
        assertThat(triage("review", "--web", "--users-file", directory.resolve("missing").toString()))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--users-file: cannot read the users file");
        // a reviewer name that could not be a login id
        assertThat(triage("review", "--reviewer", "dr lee")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--reviewer: a reviewer name is 1 to 64");
        assertThat(triage("review", "--hash-password", "<b>")).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void aConfigurationErrorNamesTheKeyAndExitsTwoWithoutAStackTrace() {
        // given no configuration at all
        // when
        int exit = triage("review", "--tail", "--max", "1");

        // then
        assertThat(exit).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString())
                .contains("triage review: configuration error: kafka.bootstrap.servers is required")
                .contains("TRIAGE_KAFKA_BOOTSTRAP_SERVERS", "(or the option --bootstrap-server)")
                .doesNotContain("\tat ")
                .doesNotContain("Exception");
    }

    @Test
    void aBadValueInTheEnvironmentIsNamedWithItsVariable() {
        // when
        int exit = triage(Map.of("TRIAGE_TOPICS_PARTITIONS", "many"), "feed", "folder", "--bootstrap-server",
                "broker:9092", "--registry-url", "http://registry:8081", directory.toString());

        // then
        assertThat(exit).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("topics.partitions must be a whole number",
                "environment variable TRIAGE_TOPICS_PARTITIONS").doesNotContain("many");
    }

    @Test
    void feedAndReviewNeedNoTritonTarget() {
        // given brokers and registry on the command line, nothing about Triton anywhere
        FeedFoldersForCli.png(directory, "chest.png", TestImages.png(TestImages.grey8(8, 8, (x, y) -> x)));

        // when: a dry run needs the configuration but no broker
        int exit = triage("feed", "folder", "--dry-run", "--bootstrap-server", "broker:9092", "--registry-url",
                "http://registry:8081", directory.toString());

        // then
        assertThat(err.toString()).isEmpty();
        assertThat(exit).isZero();
        assertThat(out.toString()).contains("would publish chest.png  PNG", "-> imaging.events", "nothing was sent");
    }

    @Test
    void metadataProblemsStopTheFeedBeforeAnythingIsSent() {
        // given a sidecar with a misspelt key
        FeedFoldersForCli.png(directory, "chest.png", TestImages.png(TestImages.grey8(8, 8, (x, y) -> y)));
        FeedFoldersForCli.text(directory, "chest.png.json", "{\"bodypart\": \"CHEST\"}");

        // when
        int exit = triage("feed", "folder", "--bootstrap-server", "broker:9092", "--registry-url",
                "http://registry:8081", directory.toString());

        // then
        assertThat(exit).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("1 metadata problem(s); nothing was sent",
                "chest.png.json: key bodypart: unknown key");
    }

    @Test
    void unknownFilesMakeTheExitCodeOneUnlessExpected() {
        // given
        FeedFoldersForCli.png(directory, "chest.png", TestImages.png(TestImages.grey8(8, 8, (x, y) -> y)));
        FeedFoldersForCli.text(directory, "notes.txt", "not an image");
        String[] args = {"feed", "folder", "--dry-run", "--bootstrap-server", "b:9092", "--registry-url", "http://r:1",
                directory.toString()};

        // when / then
        assertThat(triage(args)).isEqualTo(ExitCodes.INCOMPLETE);
        String[] expected = {"feed", "folder", "--dry-run", "--skip-unknown", "--bootstrap-server", "b:9092",
                "--registry-url", "http://r:1", directory.toString()};
        assertThat(triage(expected)).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).contains("skipped   notes.txt: not an image");
    }

    @Test
    void runNeedsTheTritonTargetAndNamesIt() {
        // when: Kafka and the registry given, Triton not
        int exit = triage("run", "--bootstrap-server", "127.0.0.1:1", "--registry-url", "http://127.0.0.1:1");

        // then
        assertThat(exit).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("triton.target").doesNotContain("at org.");
    }

    @Test
    void theVersionIsPrinted() {
        assertThat(triage("--version")).isZero();
        assertThat(out.toString()).startsWith("triage ");
    }
}
