package io.zonedeck.agent.driver.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.zonedeck.agent.api.Histogram;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LatencyModelTest {
    @Test
    void counts_add_up_to_the_events_drawn_or_discretised() {
        LatencyModel model = new LatencyModel(new SplittableRandom(1));
        for (long events :
                new long[] {0, 1, 7, LatencyModel.DRAW_LIMIT - 1, LatencyModel.DRAW_LIMIT, 12_345, 5_000_000}) {
            assertThat(model.add(events, 250, 0.8).build().total()).isEqualTo(events);
        }
        Histogram mixture = model.add(1000, 5, 0.5).add(30, 20_000, 0.5).build();
        assertThat(mixture.total()).isEqualTo(1030);
        assertThat(model.build()).isEqualTo(Histogram.EMPTY); // build empties the builder
    }

    @Test
    void the_median_lands_where_it_was_asked_and_the_spread_follows_sigma() {
        LatencyModel model = new LatencyModel(new SplittableRandom(2));
        for (double median : new double[] {3, 40, 700, 15_000, 2_000_000}) {
            Histogram h = model.add(100_000, median, 0.6).build();
            // the quantile is a bucket's upper bound: at most one log-linear step above, never below the bucket
            assertThat((double) h.quantile(0.5)).isBetween(median * 0.8, median * 2.3);
        }
        Histogram narrow = model.add(100_000, 1000, 0.2).build();
        Histogram wide = model.add(100_000, 1000, 1.2).build();
        assertThat(wide.quantile(0.99) / (double) wide.quantile(0.01))
                .isGreaterThan(10 * narrow.quantile(0.99) / (double) narrow.quantile(0.01));
    }

    @Test
    void extreme_values_fall_into_the_under_and_overflow_buckets() {
        LatencyModel model = new LatencyModel(new SplittableRandom(3));
        assertThat(model.add(1000, 0.1, 0.3).build().count(0)).isGreaterThan(990);
        assertThat(model.add(1000, 1e9, 0.3).build().count(Histogram.BUCKETS - 1))
                .isEqualTo(1000);
    }

    @Test
    void the_normal_cdf_is_accurate() {
        assertThat(LatencyModel.phi(0)).isCloseTo(0.5, within(1e-7));
        assertThat(LatencyModel.phi(1.959964)).isCloseTo(0.975, within(1e-6));
        assertThat(LatencyModel.phi(-1)).isCloseTo(0.158655, within(1e-6));
    }
}
