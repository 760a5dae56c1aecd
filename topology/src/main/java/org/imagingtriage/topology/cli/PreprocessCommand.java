package org.imagingtriage.topology.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.imagingtriage.topology.config.ConfigSources;
import org.imagingtriage.topology.config.ImagingConfig;
import org.imagingtriage.topology.config.TriageConfigLoader;
import org.imagingtriage.topology.console.TerminalText;
import org.imagingtriage.topology.imaging.resolve.ResolverLimits;
import org.imagingtriage.topology.pipeline.ImagingStages;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code triage preprocess FILE|DIR... --out DIR}: the pipeline's imaging stages on local files. */
@Command(name = "preprocess",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        showDefaultValues = true,
        description = {
                "Run local image files through the pipeline's own imaging stages, without Kafka or Triton: "
                        + "decode, de-identification gate, preprocessing for MedGemma, and write each result as "
                        + "the 896x896 RGB PNG the model would see.",
                "",
                "Formats are recognised by signature, not extension: PNG, JPEG, DICOM ('DICM' after the "
                        + "128-byte preamble, or a file opening with its group 0002). Directories are walked "
                        + "recursively; files that are not images are reported as rejected (UNSUPPORTED_FORMAT).",
                "",
                "One line per input: path, ok or rejected, the pipeline's reason code (see topology/README.md), "
                        + "the transfer syntax UID and modality code (DICOM only, '-' otherwise) and the source's "
                        + "WxH. No other attribute value is ever printed. Outputs are named after the input "
                        + "(chest-01.dcm -> chest-01.png), with -2, -3... when a name is taken; existing files "
                        + "are never overwritten."},
        footer = {
                "",
                "Exit codes: 0 every input written; 1 some rejected (or an output could not be written); "
                        + "2 nothing done (bad options).",
                "",
                "Examples:",
                "  triage preprocess --out /tmp/medgemma chest-01.png scans/",
                "  triage preprocess --max-bytes 67108864 --out out/ exports/study-42/",
                "  triage preprocess --config /etc/triage/triage.properties --out out/ exports/",
                "  triage preprocess --allow-identified --out /tmp/local-only private-export/"})
final class PreprocessCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE|DIR", description = "Image files, or directories of them.")
    private List<Path> inputs;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "Directory for the PNGs; created if missing.")
    private Path out;

    @Option(names = "--max-bytes", paramLabel = "N",
            description = "Largest input file read; larger ones are rejected (IMAGE_TOO_LARGE). Default: "
                    + "limits.max.inline.image.bytes from the configuration (15 MiB unless set).")
    private Long maxBytes;

    @Option(names = "--config", paramLabel = "FILE",
            description = {"triage.properties whose limits.*, deidentification.* and imaging.* keys apply, so "
                    + "files are treated as the pipeline would treat them (decode caps, the gate's policy, the "
                    + "DICOM frame). Default: the file TRIAGE_CONFIG_FILE names, else the defaults. TRIAGE_* "
                    + "environment variables override it; other sections are ignored but must be known keys."})
    private Path config;

    @Option(names = "--allow-identified",
            description = "Skip the de-identification gate, for local experiments on files that may identify a "
                    + "patient. Prints a warning; keep the outputs local.")
    private boolean allowIdentified;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        ImagingConfig imaging = loadConfig();
        long readLimit = maxBytes != null ? maxBytes : imaging.limits().maxInlineImageBytes();
        if (readLimit < 1 || readLimit > ResolverLimits.MAX_ARRAY_BYTES) {
            throw new ParameterException(spec.commandLine(), "--max-bytes must be 1.." + ResolverLimits.MAX_ARRAY_BYTES);
        }
        Path outDirectory = outputDirectory();
        if (allowIdentified) {
            stderr.println("warning: --allow-identified: the de-identification gate is off; the outputs may show "
                    + "patient identity. Keep them local and never feed them to the pipeline.");
            stderr.flush();
        }
        ImagingStages stages = ImagingStages.from(imaging);
        LocalPreprocessor preprocessor = new LocalPreprocessor(readLimit, stages.decoders(),
                allowIdentified ? Optional.empty() : Optional.of(stages.gate()), stages.preprocessor(),
                new OutputNames(outDirectory));

        // Listed before anything is written, so outputs under an input directory are not read back.
        List<Path> files = files(outDirectory);
        int rejected = 0;
        for (Path file : files) {
            PreprocessOutcome outcome = preprocessor.process(file);
            if (!outcome.ok()) {
                rejected++;
            }
            stdout.println(outcome.line());
            stdout.flush();
        }
        stdout.println(files.size() + " input(s): " + (files.size() - rejected) + " ok, " + rejected
                + " rejected; outputs in " + TerminalText.safe(outDirectory.toString()));
        stdout.flush();
        return rejected == 0 ? ExitCodes.OK : ExitCodes.INCOMPLETE;
    }

    private ImagingConfig loadConfig() {
        ConfigSources sources = ConfigSources.environment(TriageCommand.environmentOf(spec));
        return TriageConfigLoader.loadImaging(config == null ? sources : sources.withFile(config));
    }

    private Path outputDirectory() {
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new ParameterException(spec.commandLine(), "--out is not a directory: " + TerminalText.safe(out.toString()));
        }
        try {
            return Files.createDirectories(out);
        } catch (IOException e) {
            throw new ParameterException(spec.commandLine(), "--out cannot be created: "
                    + TerminalText.safe(out.toString()) + " (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** Each input as given, directories expanded to their regular files in path order, outputs left out. */
    private List<Path> files(Path outDirectory) {
        Path outputs = outDirectory.toAbsolutePath().normalize();
        List<Path> files = new ArrayList<>();
        for (Path input : inputs) {
            if (!Files.isDirectory(input)) {
                files.add(input);
                continue;
            }
            try (Stream<Path> walk = Files.walk(input)) {
                walk.filter(Files::isRegularFile)
                        .filter(file -> !file.toAbsolutePath().normalize().startsWith(outputs))
                        .sorted()
                        .forEach(files::add);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + input, e);
            }
        }
        return files;
    }
}
