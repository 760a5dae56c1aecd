package org.imagingtriage.topology.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class PipelineReasonTest {

    /** A row of the README's pipeline reason table: | `CODE` | STAGE | meaning |. */
    private static final Pattern ROW = Pattern.compile("^\\| `([A-Z0-9_]+)` \\| ([A-Z]+) \\| (.+) \\|$", Pattern.MULTILINE);

    @Test
    void readmeTableListsEveryPipelineReasonWithItsStageAndMeaning() throws Exception {
        // given: surefire runs in the module directory; the table is the one under its heading
        String readme = Files.readString(Path.of("README.md"));
        String section = readme.substring(readme.indexOf("### Pipeline reason codes"));
        section = section.substring(0, section.indexOf("\n## "));

        // when
        Map<String, String> documented = new LinkedHashMap<>();
        Matcher row = ROW.matcher(section);
        while (row.find()) {
            documented.put(row.group(1), row.group(2) + " " + row.group(3));
        }

        // then
        Map<String, String> declared = new LinkedHashMap<>();
        for (PipelineReason reason : PipelineReason.values()) {
            declared.put(reason.name(), reason.stage() + " " + reason.meaning());
        }
        assertThat(documented).containsExactlyEntriesOf(declared);
    }
}
