package org.imagingtriage.devstack.triton;

import java.util.Collection;
import java.util.Map;

/**
 * The loaded models, looked up by name and version string with Triton's messages and codes
 * (server src/common.cc GetModelVersionFromString; core model_repository_manager.cc and
 * model_lifecycle.cc GetModel).
 */
final class ModelRegistry {

    /** The version a request asked for; -1 = the latest ready version. */
    static final long LATEST = -1;

    private final Map<String, SimulatedModel> models;

    ModelRegistry(Map<String, SimulatedModel> models) {
        this.models = Map.copyOf(models);
    }

    record Resolved(SimulatedModel model, long version) {
    }

    Resolved resolve(String name, String versionString) {
        long requested = parseVersion(versionString);
        SimulatedModel model = models.get(name);
        if (model == null) {
            throw TritonError.notFound("Request for unknown model: '" + name + "' is not found");
        }
        if (requested == LATEST) {
            return new Resolved(model, model.latestVersion());
        }
        if (!model.versions().contains(requested)) {
            throw TritonError.notFound("Request for unknown model: '" + name + "' version " + requested + " is not found");
        }
        return new Resolved(model, requested);
    }

    Collection<SimulatedModel> all() {
        return models.values();
    }

    boolean contains(String name) {
        return models.containsKey(name);
    }

    static long parseVersion(String versionString) {
        if (versionString.isEmpty()) {
            return LATEST;
        }
        long version;
        try {
            version = Long.parseLong(versionString);
        } catch (NumberFormatException e) {
            // Triton parses with std::stol, whose exception text is "stol".
            throw TritonError.invalidArgument("failed to get model version from specified version string '"
                    + versionString + "' (details: stol), version should be an integral value > 0");
        }
        if (version < 0) {
            throw TritonError.invalidArgument("invalid model version specified '" + versionString
                    + "' , version should be an integral value > 0");
        }
        return version;
    }
}
