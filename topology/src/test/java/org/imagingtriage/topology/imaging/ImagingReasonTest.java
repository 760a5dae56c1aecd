package org.imagingtriage.topology.imaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ImagingReasonTest {

    /** A row of the README's reason table: | `CODE` | STAGE | yes/no | meaning |. */
    private static final Pattern ROW =
            Pattern.compile("^\\| `([A-Z0-9_]+)` \\| ([A-Z]+) \\| (yes|no) \\|", Pattern.MULTILINE);

    @Test
    void readmeTableListsEveryReasonWithItsStageAndRetryability() throws Exception {
        // given: surefire runs in the module directory
        String readme = Files.readString(Path.of("README.md"));

        // when
        Map<String, String> documented = new LinkedHashMap<>();
        Matcher row = ROW.matcher(readme);
        while (row.find()) {
            documented.put(row.group(1), row.group(2) + " " + row.group(3));
        }

        // then
        Map<String, String> declared = new LinkedHashMap<>();
        for (ImagingReason reason : ImagingReason.values()) {
            declared.put(reason.name(), reason.stage() + " " + (reason.isTransient() ? "yes" : "no"));
        }
        assertThat(documented).containsExactlyEntriesOf(declared);
    }

    @Test
    void onlyReadingAReferenceThatExistsIsTransient() {
        // when / then
        for (ImagingReason reason : ImagingReason.values()) {
            assertThat(reason.isTransient()).as(reason.name()).isEqualTo(reason == ImagingReason.REFERENCE_READ_FAILED);
        }
    }
}
