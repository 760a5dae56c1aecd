package org.imagingtriage.topology.imaging.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.imagingtriage.topology.imaging.resolve.ResolverLimits;
import org.junit.jupiter.api.Test;

class DicomLimitsTest {

    @Test
    void defaultsFollowTheResolversReferenceCap() {
        // when
        DicomLimits limits = DicomLimits.defaults();

        // then
        assertThat(limits.maxPixelDataBytes()).isEqualTo(ResolverLimits.DEFAULT_MAX_REFERENCE_BYTES);
        assertThat(limits.maxInflatedBytes()).isEqualTo(ResolverLimits.DEFAULT_MAX_REFERENCE_BYTES);
        assertThat(limits.maxElementBytes()).isEqualTo(64 << 20);
        assertThat(limits.maxDepth()).isEqualTo(16);
    }

    @Test
    void forResolverCapsPixelDataAndInflationAtTheLargestImageAdmitted() {
        // given
        ResolverLimits resolver = new ResolverLimits(1 << 20, 4 << 20);

        // when
        DicomLimits limits = DicomLimits.forResolver(resolver);

        // then
        assertThat(limits.maxPixelDataBytes()).isEqualTo(4 << 20);
        assertThat(limits.maxInflatedBytes()).isEqualTo(4 << 20);
        assertThat(limits.maxElements()).isEqualTo(DicomLimits.DEFAULT_MAX_ELEMENTS);
    }

    @Test
    void nonPositiveOrOversizedCapsAreRefusedByName() {
        // when / then
        assertThatThrownBy(() -> new DicomLimits(0, 1, 1, 1, 1, 1)).hasMessageContaining("maxElementBytes");
        assertThatThrownBy(() -> new DicomLimits(1, 1, Integer.MAX_VALUE, 1, 1, 1))
                .hasMessageContaining("maxInflatedBytes");
        assertThatThrownBy(() -> DicomLimits.defaults().withMaxDepth(0)).hasMessageContaining("maxDepth");
        assertThatThrownBy(() -> DicomLimits.defaults().withMaxDepth(DicomLimits.MAX_DEPTH + 1))
                .hasMessageContaining("maxDepth");
        assertThatThrownBy(() -> new DicomLimits(1, 1, 1, 1, -1, 1)).hasMessageContaining("maxElements");
        assertThatThrownBy(() -> new DicomLimits(1, 1, 1, 1, 1, 0)).hasMessageContaining("maxFragments");
    }
}
