package org.imagingtriage.topology.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import org.imagingtriage.topology.config.TopicFinding;
import org.imagingtriage.topology.config.TopicProvisioner;
import org.imagingtriage.topology.config.TopicReport;
import org.imagingtriage.topology.config.TopicSpec;
import org.imagingtriage.topology.config.TriageClientConfig;
import org.imagingtriage.topology.console.TerminalText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code triage topics}: provisions the pipeline's topics and exits, so a deployment can create
 * them in a job of its own (with an administrator's credentials) and run the pipeline with
 * {@code topics.provisioning=check}. It applies exactly the rules {@code triage run} applies at
 * start-up, from the same configuration.
 */
@Command(name = "topics",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
                "Create the pipeline's topics that are missing (events, priority events, drafts, dead letters,"
                        + " reviews: partitions, replication, retention, compaction and max.message.bytes from the"
                        + " topics.* keys) and check the ones that exist, as `triage run` does at start-up; then exit.",
                "With --check, or topics.provisioning=check, nothing is created.",
                ""},
        footer = {
                "",
                "Exit codes: 0 every topic is usable (warnings printed); 1 a topic is missing or unusable, or the"
                        + " brokers did not answer; 2 bad options or configuration.",
                "",
                "Examples:",
                "  triage topics --config /etc/triage/triage.properties",
                "  triage topics --check --bootstrap-server kafka:9092 --registry-url http://registry:8081"})
final class TopicsCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private ConfigOptions config;

    @Option(names = "--check", description = "Only check; create nothing, whatever topics.provisioning says.")
    private boolean checkOnly;

    @Override
    public Integer call() {
        TriageClientConfig client = config.loadClient(TriageCommand.environmentOf(spec));
        TopicProvisioner provisioner = new TopicProvisioner(client.topics(), client.limits());
        TopicReport report;
        try (Admin admin = Admin.create(client.adminConfig())) {
            report = checkOnly ? provisioner.check(admin) : provisioner.provision(admin);
        }
        PrintWriter out = spec.commandLine().getOut();
        for (TopicSpec topic : provisioner.specs()) {
            out.printf("%-9s %s (%s)%n", state(topic, report), topic.name(), topic.settingsSummary());
        }
        for (TopicFinding finding : report.findings()) {
            out.printf("%s: %s%n", finding.severity(), TerminalText.safe(finding.message()));
        }
        out.flush();
        return report.hasErrors() ? ExitCodes.INCOMPLETE : ExitCodes.OK;
    }

    private static String state(TopicSpec topic, TopicReport report) {
        if (report.created().contains(topic.name())) {
            return "created";
        }
        return report.errors().stream()
                .filter(finding -> finding.topic().equals(topic.name()))
                .map(finding -> "missing".equals(finding.setting()) ? "MISSING" : "UNUSABLE")
                .findFirst()
                .orElse("ok");
    }
}
