package org.imagingtriage.devstack.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;

/**
 * One registry per test run, shared by test classes and closed at the end of the run. Proven
 * by running two test classes in a JUnit run of their own, nested in this one, so that the run
 * has a beginning and an end this test can observe.
 */
class ApicurioRegistryExtensionIT {

    @Test
    void twoTestClassesOfOneRunShareOneRegistryThatIsClosedWhenTheRunEnds() {
        // given
        LauncherDiscoveryRequest twoClasses = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(FirstRegistryUser.class), selectClass(SecondRegistryUser.class))
                .build();
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        PublishedEntries published = new PublishedEntries();

        // when
        LauncherFactory.create().execute(twoClasses, summary, published);

        // then
        assertThat(summary.getSummary().getFailures()).isEmpty();
        assertThat(summary.getSummary().getTestsSucceededCount()).isEqualTo(2);
        assertThat(published.values("ccompatUrl")).hasSize(2).containsOnly(published.values("ccompatUrl").get(0));
        List<String> pids = published.values("pid");
        assertThat(pids).hasSize(2).containsOnly(pids.get(0));
        Optional<ProcessHandle> registry = ProcessHandle.of(Long.parseLong(pids.get(0)));
        assertThat(registry.map(ProcessHandle::isAlive)).as("registry process after the run").isNotEqualTo(Optional.of(true));
    }

    /** Collects what the inner run's tests publish through {@link TestReporter}. */
    private static final class PublishedEntries implements TestExecutionListener {

        private final List<Map.Entry<String, String>> entries = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void reportingEntryPublished(TestIdentifier testIdentifier, ReportEntry entry) {
            entries.addAll(entry.getKeyValuePairs().entrySet());
        }

        List<String> values(String key) {
            synchronized (entries) {
                return entries.stream().filter(e -> e.getKey().equals(key)).map(Map.Entry::getValue).toList();
            }
        }
    }

    /** A test class of the inner run; failsafe does not run nested classes on their own. */
    @ExtendWith(ApicurioRegistryExtension.class)
    static class FirstRegistryUser {

        @Test
        void usesTheRegistry(ApicurioRegistryProcess registry, TestReporter reporter) {
            assertThat(registry.isRunning()).isTrue();
            reporter.publishEntry(Map.of("ccompatUrl", registry.ccompatUrl(), "pid", Long.toString(registry.pid())));
        }
    }

    /** The second test class of the inner run. */
    @ExtendWith(ApicurioRegistryExtension.class)
    static class SecondRegistryUser {

        @Test
        void usesTheRegistry(ApicurioRegistryProcess registry, TestReporter reporter) {
            assertThat(registry.isRunning()).isTrue();
            reporter.publishEntry(Map.of("ccompatUrl", registry.ccompatUrl(), "pid", Long.toString(registry.pid())));
        }
    }
}
