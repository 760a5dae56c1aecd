package org.imagingtriage.devstack.triton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.google.protobuf.TextFormat;

import org.imagingtriage.inference.proto.ModelConfig;
import org.imagingtriage.inference.proto.ModelVersionPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a Triton model repository: {@code <repository>/<model>/config.pbtxt} in protobuf text
 * format, and numeric version directories next to it ({@code 1/}, {@code 2/}, ...).
 */
final class ModelRepositoryLoader {

    static final String CONFIG_FILE = "config.pbtxt";
    /** Real configs are a few KB; a bigger file is a mistake, not a model. */
    static final long MAX_CONFIG_BYTES = 1L << 20;

    private static final Logger LOG = LoggerFactory.getLogger(ModelRepositoryLoader.class);
    private static final Pattern VERSION_DIRECTORY = Pattern.compile("[0-9]{1,18}");

    private ModelRepositoryLoader() {
    }

    /**
     * @param modelNames the models to load; empty loads every directory that has a config.pbtxt
     * @return the models by name, in name order
     */
    static Map<String, SimulatedModel> load(Path repository, List<String> modelNames) {
        if (!Files.isDirectory(repository)) {
            throw new IllegalArgumentException("model repository " + repository + " is not a directory");
        }
        List<String> names = modelNames.isEmpty() ? discover(repository) : modelNames;
        Map<String, SimulatedModel> models = new LinkedHashMap<>();
        for (String name : names) {
            SimulatedModel model = loadModel(repository.resolve(name), name);
            models.put(model.name(), model);
        }
        if (models.isEmpty()) {
            throw new IllegalArgumentException("model repository " + repository + " holds no model with a " + CONFIG_FILE);
        }
        return Collections.unmodifiableMap(models);
    }

    static SimulatedModel loadModel(Path modelDirectory, String directoryName) {
        Path configFile = modelDirectory.resolve(CONFIG_FILE);
        if (!Files.isRegularFile(configFile)) {
            throw new IllegalArgumentException("model '" + directoryName + "' has no " + configFile);
        }
        ModelConfig config = ModelConfigNormalizer.normalize(directoryName, parse(configFile));
        if (!config.getName().equals(directoryName)) {
            // Triton addresses a model by its directory; a different name in the file is a copy
            // and paste error that the real server reports at load time.
            throw new IllegalArgumentException("model directory '" + directoryName + "' holds a config named '"
                    + config.getName() + "' (" + configFile + ")");
        }
        String problem = ModelConfigValidator.problem(config);
        if (problem != null) {
            throw new IllegalArgumentException("cannot load model '" + directoryName + "' from " + configFile
                    + ": Invalid argument: " + problem);
        }
        List<Long> versions = versions(modelDirectory, config.getVersionPolicy());
        if (versions.isEmpty()) {
            throw new IllegalArgumentException("at least one version must be available under the version policy of"
                    + " model '" + directoryName + "' (no numeric version directory in " + modelDirectory + ")");
        }
        LOG.info("Loaded simulated model '{}' versions {} from {}", directoryName, versions, configFile);
        return new SimulatedModel(config, versions);
    }

    /** Parses one config.pbtxt by field name, exactly as Triton's loader does. */
    static ModelConfig parse(Path configFile) {
        try {
            long size = Files.size(configFile);
            if (size > MAX_CONFIG_BYTES) {
                throw new IllegalArgumentException(configFile + " has " + size + " bytes, more than the "
                        + MAX_CONFIG_BYTES + " a model config may have");
            }
            ModelConfig.Builder builder = ModelConfig.newBuilder();
            TextFormat.getParser().merge(Files.readString(configFile, StandardCharsets.UTF_8), builder);
            return builder.build();
        } catch (TextFormat.ParseException e) {
            throw new IllegalArgumentException("cannot parse " + configFile + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + configFile, e);
        }
    }

    private static List<String> discover(Path repository) {
        List<String> names = new ArrayList<>();
        try (Stream<Path> children = Files.list(repository)) {
            children.filter(Files::isDirectory).sorted().forEach(directory -> {
                if (Files.isRegularFile(directory.resolve(CONFIG_FILE))) {
                    names.add(directory.getFileName().toString());
                } else {
                    LOG.warn("Skipping {}: no {}", directory, CONFIG_FILE);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list model repository " + repository, e);
        }
        return names;
    }

    private static List<Long> versions(Path modelDirectory, ModelVersionPolicy policy) {
        TreeSet<Long> present = new TreeSet<>();
        try (Stream<Path> children = Files.list(modelDirectory)) {
            children.filter(Files::isDirectory)
                    .map(directory -> directory.getFileName().toString())
                    .filter(name -> VERSION_DIRECTORY.matcher(name).matches())
                    .map(Long::parseLong)
                    .forEach(present::add);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list model directory " + modelDirectory, e);
        }
        List<Long> served = new ArrayList<>();
        switch (policy.getPolicyChoiceCase()) {
            case ALL -> served.addAll(present);
            case SPECIFIC -> policy.getSpecific().getVersionsList().stream().filter(present::contains).sorted().forEach(served::add);
            default -> {
                int latest = Math.max(1, policy.getLatest().getNumVersions());
                present.descendingSet().stream().limit(latest).sorted().forEach(served::add);
            }
        }
        return served;
    }
}
