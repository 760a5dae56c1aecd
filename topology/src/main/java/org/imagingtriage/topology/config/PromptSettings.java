package org.imagingtriage.topology.config;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.imagingtriage.inference.medgemma.PromptCatalog;

/**
 * Which prompt catalog the pipeline uses.
 *
 * @param catalogFile an operator's catalog (the format of inference-client's
 *     {@code medgemma-prompts.json}); empty for the catalog shipped in the jar
 */
public record PromptSettings(Optional<Path> catalogFile) {

    public PromptSettings {
        Objects.requireNonNull(catalogFile, ConfigKeys.PROMPTS_CATALOG_FILE);
        catalogFile.ifPresent(file -> ConfigFiles.requireReadable(file, ConfigKeys.PROMPTS_CATALOG_FILE));
    }

    public static PromptSettings shipped() {
        return new PromptSettings(Optional.empty());
    }

    public static PromptSettings from(ConfigValues values) {
        return new PromptSettings(values.path(ConfigKeys.PROMPTS_CATALOG_FILE));
    }

    /**
     * Reads and checks the catalog. The loader calls this once at start-up so that a bad catalog
     * fails there, naming the key.
     */
    public PromptCatalog loadCatalog() {
        if (catalogFile.isEmpty()) {
            return PromptCatalog.loadDefault();
        }
        try {
            return PromptCatalog.load(catalogFile.get());
        } catch (IllegalArgumentException | UncheckedIOException e) {
            throw new TriageConfigException(ConfigKeys.PROMPTS_CATALOG_FILE,
                    ConfigKeys.PROMPTS_CATALOG_FILE + ": " + e.getMessage());
        }
    }
}
