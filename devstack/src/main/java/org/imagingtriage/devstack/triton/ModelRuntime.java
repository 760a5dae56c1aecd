package org.imagingtriage.devstack.triton;

/**
 * Everything one served model version has at run time. Triton schedules and counts each version
 * separately, and so does the simulator.
 */
record ModelRuntime(SimulatedModel model, long version, DynamicBatcher batcher, ModelStatisticsRecorder statistics,
                    ExecutionHistory history) {

    static String key(String modelName, long version) {
        return modelName + "\u0000" + version;
    }
}
