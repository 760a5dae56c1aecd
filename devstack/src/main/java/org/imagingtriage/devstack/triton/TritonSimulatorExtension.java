package org.imagingtriage.devstack.triton;

import org.imagingtriage.devstack.BuildLayout;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.ParameterResolutionException;

/**
 * Gives a test class a running {@link TritonSimulator} as a constructor, lifecycle or test
 * method parameter, configured by {@link SimulatedTriton}. One simulator per test class, started
 * on first use and closed by JUnit when the class is done (it lives in the class-level store,
 * where JUnit closes {@link AutoCloseable} values). Tests of one class share its queues,
 * statistics and faults: reset faults in {@code @AfterEach} if a test changes them.
 */
public final class TritonSimulatorExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(TritonSimulatorExtension.class);
    private static final String CLASSPATH_PREFIX = "classpath:";

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == TritonSimulator.class;
    }

    @Override
    public TritonSimulator resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        ExtensionContext classContext = classContext(extensionContext);
        Class<?> testClass = classContext.getRequiredTestClass();
        return classContext.getStore(NAMESPACE).getOrComputeIfAbsent(testClass,
                key -> TritonSimulator.started(config(testClass)), TritonSimulator.class);
    }

    static TritonSimulatorConfig config(Class<?> testClass) {
        SimulatedTriton settings = testClass.getAnnotation(SimulatedTriton.class);
        String repository = settings == null ? "" : settings.modelRepository();
        TritonSimulatorConfig config = TritonSimulatorConfig.forRepository(repository(repository, testClass))
                .withLatency(LatencyProfile.named(settings == null ? "instant" : settings.profile()));
        if (settings != null) {
            config = config.withModels(List.of(settings.models())).withSeed(settings.seed());
        }
        return config;
    }

    private static Path repository(String setting, Class<?> testClass) {
        if (setting.startsWith(CLASSPATH_PREFIX)) {
            String resource = setting.substring(CLASSPATH_PREFIX.length());
            URL url = testClass.getClassLoader().getResource(resource);
            if (url == null || !"file".equals(url.getProtocol())) {
                throw new ParameterResolutionException("model repository " + setting + " is not a directory on the classpath");
            }
            try {
                return Path.of(url.toURI());
            } catch (URISyntaxException e) {
                throw new ParameterResolutionException("cannot read the location of " + setting, e);
            }
        }
        if (!setting.isEmpty()) {
            return Path.of(setting);
        }
        Path project = BuildLayout.fromBuild().tritonModelRepository();
        if (!Files.isDirectory(project)) {
            throw new ParameterResolutionException("the project's model repository " + project
                    + " is missing; set @SimulatedTriton(modelRepository = ...)");
        }
        return project;
    }

    private static ExtensionContext classContext(ExtensionContext context) {
        ExtensionContext current = context;
        while (current.getTestMethod().isPresent() && current.getParent().isPresent()) {
            current = current.getParent().get();
        }
        return current;
    }
}
