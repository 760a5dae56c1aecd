package org.imagingtriage.topology.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code triage feed}: the feeds that publish image events. Each source is a subcommand. */
@Command(name = "feed",
        mixinStandardHelpOptions = true,
        description = {
                "Publish de-identified images as ImageEvents (Avro, Confluent wire format) to the pipeline's "
                        + "topics: STAT and URGENT to the priority topic (topics.priority.name), ROUTINE to the "
                        + "events topic (topics.events.name), keyed by SOP Instance UID."},
        subcommands = {FeedFolderCommand.class, FeedOrthancCommand.class},
        footer = {
                "",
                "Examples:",
                "  triage feed folder --modality CR --body-part CHEST /srv/images/inbox",
                "  triage feed orthanc --config triage.properties --url https://pacs.example.org:8042",
                "  triage feed orthanc --help"})
final class FeedCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    /** {@code triage feed} without a source: the usage, on stderr. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }
}
