package org.imagingtriage.devstack.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.imagingtriage.contract.ImageFormat;
import org.imagingtriage.devstack.ScratchDirectory;
import org.imagingtriage.devstack.bench.PreprocessBenchmark;
import org.imagingtriage.devstack.bench.PreprocessReference;
import org.imagingtriage.topology.imaging.ImagingException;
import org.imagingtriage.topology.imaging.dicom.pixel.DicomDecoder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code triage bench preprocess}: images per second per core from raw DICOM bytes to the
 * 896x896 RGB tensor, the pipeline's Java stages against the usual Python way (pydicom, numpy,
 * Pillow bilinear) on the same files in the same run.
 */
@Command(name = "preprocess",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
                "Time raw DICOM bytes -> 896x896 RGB uint8 tensor, one thread each (so per core): the pipeline's"
                        + " decoder and preprocessor, then the Python reference (pydicom + numpy + Pillow bilinear,"
                        + " run by /usr/bin/python3) on the same files: a 128x128 CT, a 64x64 MR, a 256x256 RGB"
                        + " image, a 512x512 CT and a 512x512 JPEG 2000 CT from Debian's python3-pydicom test files.",
                "",
                "Needs python3-pydicom, python3-numpy and python3-pil (apt-get install them)."},
        footer = {"", "Example:", "  ./triage bench preprocess --seconds 10"})
final class PreprocessBenchCommand implements Callable<Integer> {

    private static final double GOAL = 2.0;

    @Spec
    private CommandSpec spec;

    @Option(names = "--seconds", paramLabel = "S", defaultValue = "5",
            description = "Measured time per image and side, after a warm-up. Default: ${DEFAULT-VALUE}.")
    private int seconds;

    @Option(names = "--corpus", paramLabel = "DIR",
            defaultValue = "/usr/lib/python3/dist-packages/pydicom/data/test_files",
            description = "pydicom's test files. Default: ${DEFAULT-VALUE}.")
    private Path corpus;

    @Option(names = "--python", paramLabel = "PATH", defaultValue = "/usr/bin/python3",
            description = "A Python that imports pydicom, numpy and PIL. Default: ${DEFAULT-VALUE}.")
    private Path python;

    private record Input(String label, Path file) {
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (seconds < 1 || seconds > 600) {
            throw new ParameterException(spec.commandLine(), "--seconds must be between 1 and 600");
        }
        if (!Files.isDirectory(corpus)) {
            throw new ParameterException(spec.commandLine(), "--corpus " + corpus
                    + " is not a directory: install python3-pydicom, or point --corpus at its test_files");
        }
        PrintWriter out = spec.commandLine().getOut();
        Path work = Files.createTempDirectory("triage-bench-preprocess");
        try {
            PreprocessReference reference = PreprocessReference.in(work, python);
            reference.prepare(work, corpus);
            List<Input> inputs = List.of(
                    new Input("CT 128x128, explicit VR LE", corpus.resolve("CT_small.dcm")),
                    new Input("MR 64x64, explicit VR LE", corpus.resolve("MR_small.dcm")),
                    new Input("RGB 256x256, implicit VR LE", corpus.resolve("SC_rgb_jpeg_dcmd.dcm")),
                    new Input("CT 512x512, explicit VR LE", work.resolve(PreprocessReference.CT_512_UNCOMPRESSED)),
                    new Input("CT 512x512, JPEG 2000", corpus.resolve("693_J2KI.dcm")));
            Duration duration = Duration.ofSeconds(seconds);
            out.printf("Preprocessing, raw DICOM bytes to the 896x896 RGB tensor, one thread each: images/s per core"
                    + " (%d s per image and side)%n", seconds);
            out.flush();

            PreprocessBenchmark java = PreprocessBenchmark.pipelineDefaults();
            List<Double> javaRates = new ArrayList<>();
            for (Input input : inputs) {
                try {
                    javaRates.add(java.measure(ImageFormat.DICOM, Files.readAllBytes(input.file()),
                            Duration.ofSeconds(Math.min(3, seconds)), duration).imagesPerSecond());
                } catch (ImagingException e) {
                    throw new IllegalStateException("the pipeline refuses " + input.file().getFileName() + " ("
                            + e.reasonCode() + "): nothing to measure", e);
                }
            }
            Map<Path, Double> pythonRates = reference.imagesPerSecond(inputs.stream().map(Input::file).toList(),
                    duration);

            out.printf("  %-34s %10s %10s %12s%n", "image", "Java", "Python", "Java/Python");
            boolean met = true;
            for (int i = 0; i < inputs.size(); i++) {
                double javaRate = javaRates.get(i);
                double pythonRate = pythonRates.get(inputs.get(i).file());
                met &= javaRate >= GOAL * pythonRate;
                out.printf("  %-34s %10.1f %10.1f %11.1fx%n", inputs.get(i).label(), javaRate, pythonRate,
                        javaRate / pythonRate);
            }
            out.printf("Goal: Java at least %.0fx the Python reference on every image: %s%n", GOAL,
                    met ? "met" : "NOT met");
            out.printf("Java %s (%s), JPEG 2000 by %s; %s; %d cores%n", System.getProperty("java.version"),
                    System.getProperty("java.vm.name"), DicomDecoder.jpeg2000Decoder(), reference.versions().strip(),
                    Runtime.getRuntime().availableProcessors());
            out.flush();
            return 0;
        } finally {
            ScratchDirectory.delete(work);
        }
    }
}
