package org.imagingtriage.topology.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TransientNamesTest {

    @ParameterizedTest(name = "{0}: ignored {1}")
    @CsvSource({
            "chest.png, false",
            "lateral/chest.png, false",
            "chest.png.json, false",
            ".DS_Store, true",
            ".chest.png.x7Gh2a, true",
            "chest.png.part, true",
            "chest.png.PART, true",
            "chest.png.tmp, true",
            "chest.png.filepart, true",
            ".git/chest.png, true",
            "upload.tmp/chest.png, true"})
    void hiddenAndTemporaryNamesAreIgnoredAnywhereInThePath(String relative, boolean ignored) {
        assertThat(TransientNames.isIgnored(Path.of(relative))).isEqualTo(ignored);
    }
}
