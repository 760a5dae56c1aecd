package org.imagingtriage.devstack.triton;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Configures the simulator {@link TritonSimulatorExtension} starts for a test class. Without it
 * the extension serves the project's repository with the {@code instant} profile and seed 0.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface SimulatedTriton {

    /**
     * The model repository: {@code classpath:some/dir} for test resources, a path, or empty for
     * the project's {@code triton-models/model-repository} (searched upwards from the working
     * directory, so it works from the repository root and from a module).
     */
    String modelRepository() default "";

    /** Models to load; empty = all. */
    String[] models() default {};

    /** A {@link LatencyProfile#named(String) built-in profile}. */
    String profile() default "instant";

    long seed() default 0;
}
