package org.imagingtriage.topology.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TerminalTextTest {

    @Test
    void controlCharactersAndBidiOverridesBecomeQuestionMarks() {
        assertThat(TerminalText.safe("a\u001b[2Jb\u0007c\u009bd\ne\u202ef")).isEqualTo("a?[2Jb?c?d?e?f");
    }

    @Test
    void printableTextIsKeptAndLongTextIsCut() {
        assertThat(TerminalText.safe("Épanchement pleural, 2 cm")).isEqualTo("Épanchement pleural, 2 cm");
        assertThat(TerminalText.safe("abcdefghij", 8)).isEqualTo("abcde...");
        assertThat(TerminalText.safe(null)).isEmpty();
    }
}
