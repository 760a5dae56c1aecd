package org.imagingtriage.topology.imaging.dicom;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The charset text in a data set is decoded with. The pipeline reads codes and numbers from text,
 * never names, so two charsets are enough: UTF-8 where Specific Character Set says ISO_IR 192,
 * ISO-8859-1 otherwise. ISO-8859-1 maps every byte to a character, so no declared charset
 * (ISO 2022 escapes, GB18030, a misspelt term) can make decoding fail; the default repertoire
 * (ASCII) and Latin-1 (ISO_IR 100) decode exactly.
 */
final class CharacterSets {

    static final Charset DEFAULT = StandardCharsets.ISO_8859_1;
    private static final String UTF_8_TERM = "ISO_IR 192";

    private CharacterSets() {
    }

    /** The charset for Specific Character Set's defined terms. */
    static Charset forTerms(List<String> terms) {
        return terms.contains(UTF_8_TERM) ? StandardCharsets.UTF_8 : DEFAULT;
    }
}
