package org.imagingtriage.topology.imaging.preprocess;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LetterboxGeometryTest {

    @Test
    void landscapeFillsTheWidthAndIsCentredVertically() {
        // when
        LetterboxGeometry geometry = Letterbox.geometry(1000, 500);

        // then
        assertThat(geometry).isEqualTo(new LetterboxGeometry(1000, 500, 896, 448, 0, 224, 0.896));
    }

    @Test
    void portraitFillsTheHeightAndIsCentredHorizontally() {
        // when
        LetterboxGeometry geometry = Letterbox.geometry(300, 600);

        // then
        assertThat(geometry.contentWidth()).isEqualTo(448);
        assertThat(geometry.contentHeight()).isEqualTo(896);
        assertThat(geometry.offsetX()).isEqualTo(224);
        assertThat(geometry.offsetY()).isZero();
    }

    @Test
    void squareFillsTheSquare() {
        // when / then
        assertThat(Letterbox.geometry(2, 2)).isEqualTo(new LetterboxGeometry(2, 2, 896, 896, 0, 0, 448.0));
    }

    @Test
    void anOddPixelOfPaddingGoesBelow() {
        // when: 896 * 333 / 1000 = 298.4 -> 298, leaving 598 rows of padding; 897 * ... checks rounding up
        LetterboxGeometry geometry = Letterbox.geometry(1000, 333);
        LetterboxGeometry roundsUp = Letterbox.geometry(1000, 335);

        // then
        assertThat(geometry.contentHeight()).isEqualTo(298);
        assertThat(geometry.offsetY()).isEqualTo(299);
        assertThat(roundsUp.contentHeight()).isEqualTo(300);
        assertThat(roundsUp.offsetY()).isEqualTo(298);
    }

    @Test
    void extremelyThinImagesKeepAtLeastOnePixel() {
        // when / then
        assertThat(Letterbox.geometry(65_535, 1).contentHeight()).isEqualTo(1);
        assertThat(Letterbox.geometry(65_535, 1).offsetY()).isEqualTo(447);
    }
}
