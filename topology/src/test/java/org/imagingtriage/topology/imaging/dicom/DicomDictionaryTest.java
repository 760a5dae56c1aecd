package org.imagingtriage.topology.imaging.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.imagingtriage.topology.imaging.deid.IdentifyingAttribute;
import org.imagingtriage.topology.imaging.deid.IdentifyingAttributes;
import org.junit.jupiter.api.Test;

/** Tags, their keywords and implicit VRs, the VR table and the transfer syntax table. */
class DicomDictionaryTest {

    @Test
    void everyTagConstantIsUniqueAndNamedByItsKeyword() throws Exception {
        // given
        List<Field> constants = tagConstants();

        // when
        Set<Integer> numbers = constants.stream().map(DicomDictionaryTest::value).collect(Collectors.toSet());

        // then
        assertThat(numbers).hasSameSizeAs(constants);
        for (Field constant : constants) {
            assertThat(Tag.keywordOf(value(constant))).contains(constant.getName());
        }
    }

    @Test
    void everyTagButItemsAndDelimitersHasAnImplicitVr() {
        // given
        Set<Integer> noVr = Set.of(Tag.Item, Tag.ItemDelimitationItem, Tag.SequenceDelimitationItem);

        // when / then
        for (Field constant : tagConstants()) {
            int tag = value(constant);
            assertThat(ElementDictionary.contains(tag)).as(constant.getName()).isEqualTo(!noVr.contains(tag));
        }
    }

    @Test
    void implicitVrFallsBackByKindOfTag() {
        // when / then
        assertThat(ElementDictionary.implicitVr(Tag.Rows)).isEqualTo(VR.US);
        assertThat(ElementDictionary.implicitVr(Tag.PixelData)).isEqualTo(VR.OW);
        assertThat(ElementDictionary.implicitVr(0x00280000)).as("group length").isEqualTo(VR.UL);
        assertThat(ElementDictionary.implicitVr(0x00090010)).as("private creator").isEqualTo(VR.LO);
        assertThat(ElementDictionary.implicitVr(0x00091010)).as("private").isEqualTo(VR.UN);
        assertThat(ElementDictionary.implicitVr(0x00181030)).as("standard but not ours").isEqualTo(VR.UN);
    }

    @Test
    void everyIdentifyingAttributeOfTheGateIsATagWithTheSameKeyword() {
        // given: the gate's dictionary is built from Tag, so this guards the reconciliation
        List<IdentifyingAttribute> attributes = IdentifyingAttributes.defaults().all();

        // then
        assertThat(attributes).hasSizeGreaterThan(40);
        for (IdentifyingAttribute attribute : attributes) {
            int tag = Integer.parseUnsignedInt(attribute.tag(), 16);
            assertThat(Tag.keywordOf(tag)).as(attribute.keyword()).contains(attribute.keyword());
            assertThat(ElementDictionary.contains(tag)).as(attribute.keyword()).isTrue();
        }
    }

    @Test
    void tagsAreDescribedByKeywordAndNumberOnly() {
        // when / then
        assertThat(Tag.describe(Tag.Rows)).isEqualTo("Rows (0028,0010)");
        assertThat(Tag.describe(0x00091010)).isEqualTo("(0009,1010)");
        assertThat(Tag.toString(Tag.DataSetTrailingPadding)).isEqualTo("(FFFC,FFFC)");
        assertThat(Tag.hex(Tag.PersonName)).isEqualTo("0040a123");
        assertThat(Tag.isPrivate(0x00091010)).isTrue();
        assertThat(Tag.isPixelData(Tag.FloatPixelData)).isTrue();
    }

    @Test
    void longLengthVrsAreTheThirteenOfPs35() {
        // when
        Set<VR> longForm = Arrays.stream(VR.values()).filter(VR::hasLongLength).collect(Collectors.toSet());

        // then
        assertThat(longForm).containsExactlyInAnyOrder(VR.OB, VR.OD, VR.OF, VR.OL, VR.OV, VR.OW, VR.SQ, VR.SV, VR.UC,
                VR.UN, VR.UR, VR.UT, VR.UV);
    }

    @Test
    void textVrsAndTheirValueRules() {
        // when
        Set<VR> text = Arrays.stream(VR.values()).filter(VR::isText).collect(Collectors.toSet());

        // then
        assertThat(text).containsExactlyInAnyOrder(VR.AE, VR.AS, VR.CS, VR.DA, VR.DS, VR.DT, VR.IS, VR.LO, VR.LT,
                VR.PN, VR.SH, VR.ST, VR.TM, VR.UC, VR.UI, VR.UR, VR.UT);
        assertThat(VR.LT.isMultiValuedText()).isFalse();
        assertThat(VR.CS.isMultiValuedText()).isTrue();
        assertThat(VR.PN.usesSpecificCharacterSet()).isTrue();
        assertThat(VR.CS.usesSpecificCharacterSet()).isFalse();
        assertThat(VR.forCode("SQ")).contains(VR.SQ);
        assertThat(VR.forCode("XX")).isEmpty();
        assertThat(VR.forCode("sq")).isEmpty();
    }

    @Test
    void transferSyntaxTableCoversTheNativeAndEncapsulatedSyntaxes() {
        // when / then
        assertSyntax("1.2.840.10008.1.2", false, false, false, false);
        assertSyntax("1.2.840.10008.1.2.1", true, false, false, false);
        assertSyntax("1.2.840.10008.1.2.1.99", true, false, true, false);
        assertSyntax("1.2.840.10008.1.2.2", true, true, false, false);
        for (String uid : List.of("1.2.840.10008.1.2.4.50", "1.2.840.10008.1.2.4.51", "1.2.840.10008.1.2.4.57",
                "1.2.840.10008.1.2.4.70", "1.2.840.10008.1.2.4.80", "1.2.840.10008.1.2.4.81",
                "1.2.840.10008.1.2.4.90", "1.2.840.10008.1.2.4.91", "1.2.840.10008.1.2.5", "1.2.840.10008.1.2.1.98",
                "1.2.840.10008.1.2.4.201", "1.2.840.10008.1.2.4.112", "1.2.840.10008.1.2.4.107")) {
            assertSyntax(uid, true, false, false, true);
        }
        assertThat(TransferSyntax.known()).hasSizeGreaterThan(50);
    }

    @Test
    void unknownTransferSyntaxKeepsItsUid() {
        // when
        TransferSyntax unknown = TransferSyntax.forUid("1.2.3.4.5");

        // then
        assertThat(unknown.isKnown()).isFalse();
        assertThat(unknown.uid()).isEqualTo("1.2.3.4.5");
        assertThat(unknown.name()).isEqualTo("unknown transfer syntax");
        assertThat(TransferSyntax.forUid("1.2.840.10008.1.2.4.50")).isSameAs(TransferSyntax.JPEG_BASELINE);
    }

    private static void assertSyntax(String uid, boolean explicitVr, boolean bigEndian, boolean deflated,
            boolean encapsulated) {
        TransferSyntax syntax = TransferSyntax.forUid(uid);
        assertThat(syntax.isKnown()).as(uid).isTrue();
        assertThat(syntax.isExplicitVr()).as(uid).isEqualTo(explicitVr);
        assertThat(syntax.isBigEndian()).as(uid).isEqualTo(bigEndian);
        assertThat(syntax.isDeflated()).as(uid).isEqualTo(deflated);
        assertThat(syntax.isEncapsulated()).as(uid).isEqualTo(encapsulated);
        assertThat(syntax.name()).as(uid).isNotBlank();
    }

    private static List<Field> tagConstants() {
        List<Field> constants = new ArrayList<>();
        for (Field field : Tag.class.getDeclaredFields()) {
            if (field.getType() == int.class && Modifier.isPublic(field.getModifiers())) {
                constants.add(field);
            }
        }
        return constants;
    }

    private static int value(Field constant) {
        try {
            return constant.getInt(null);
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        }
    }
}
