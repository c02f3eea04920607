package org.captionlab.gui.library;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How a row of the photo grid fills its width (no display needed: {@link LibraryView#fit} is arithmetic). */
class GridFitTest {

    /** Every width from two small tiles to a wide screen: the tiles fill the row to within one pixel per column. */
    @Test
    void rowsFillTheirWidthWithTilesNearTheirNominalSize() {
        for (int width = 300; width <= 2400; width++) {
            LibraryView.Fit fit = LibraryView.fit(width);
            double row = fit.columns() * fit.tileWidth() + (fit.columns() - 1) * LibraryView.GAP;
            assertThat(row).as("row at %s px", width).isLessThanOrEqualTo(width);
            assertThat(width - row).as("unused at %s px (%s)", width, fit).isLessThan(fit.columns());
            assertThat(fit.tileWidth() / LibraryView.TILE_WIDTH).as("scale at %s px", width)
                    .isBetween(LibraryView.MIN_SCALE - 0.01, LibraryView.MAX_SCALE);
            assertThat(fit.imageWidth()).isLessThanOrEqualTo(LibraryView.MAX_IMAGE_WIDTH);
            assertThat(fit.imageHeight()).isLessThanOrEqualTo(LibraryView.MAX_IMAGE_HEIGHT);
        }
    }

    @Test
    void columnsFollowTheWidth() {
        int previous = 0;
        for (int width = 200; width <= 2400; width += 10) {
            int columns = LibraryView.fit(width).columns();
            assertThat(columns).as("columns at %s px", width).isGreaterThanOrEqualTo(previous);
            previous = columns;
        }
        // The grid's share of a 1600 px window (about 730 px): four columns, where fixed tiles made three.
        assertThat(LibraryView.fit(730).columns()).isEqualTo(4);
        // At 1280 px (about 570 px): three, as before.
        assertThat(LibraryView.fit(570).columns()).isEqualTo(3);
        assertThat(LibraryView.fit(100).columns()).isEqualTo(1);
    }
}
