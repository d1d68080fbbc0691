package io.zonedeck.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonedeck.base.ZoneDeckException.FieldProblem;
import java.util.List;
import org.junit.jupiter.api.Test;

class QuotaTest {
    static final QuotaUsage USED = new QuotaUsage(3, 3072, 75, 2, 150, 4, 3, 1);

    @Test
    void unlimited_passes_anything() {
        assertThat(Quota.UNLIMITED.exceededBy(USED, new QuotaUsage(100, 1 << 30, 1 << 20, 64, 6400, 99, 99, 99)))
                .isEmpty();
    }

    @Test
    void a_limit_is_reached_exactly_and_passed_by_one() {
        Quota q = new Quota(4L, null, null, null, null, null, null, null);
        QuotaUsage one = new QuotaUsage(1, 0, 0, 0, 0, 0, 0, 0);
        assertThat(q.exceededBy(USED, one)).isEmpty();
        assertThat(q.exceededBy(USED.plus(one), one))
                .extracting(FieldProblem::field, FieldProblem::code, FieldProblem::message)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(
                        "quota.machines",
                        "QuotaExceeded",
                        "Machines quota exceeded: 4 of 4 in use, this needs 1 more."));
    }

    @Test
    void every_passed_limit_is_named_with_its_unit() {
        Quota q = new Quota(10L, 4096L, 80L, null, 200L, null, null, 1L);
        List<FieldProblem> p = q.exceededBy(USED, new QuotaUsage(1, 1536, 10, 0, 100, 0, 1, 1));
        assertThat(p)
                .extracting(FieldProblem::message)
                .containsExactly(
                        "RAM quota exceeded: 3 GiB of 4 GiB in use, this needs 1.5 GiB more.",
                        "Disk quota exceeded: 75 GiB of 80 GiB in use, this needs 10 GiB more.",
                        "CPU cap quota exceeded: 150 % of 200 % in use, this needs 100 % more.",
                        "Public IPs quota exceeded: 1 of 1 in use, this needs 1 more.");
    }

    @Test
    void a_tenant_over_a_lowered_limit_keeps_what_it_has_and_may_do_what_does_not_grow_it() {
        Quota lowered = new Quota(1L, 1024L, null, null, null, 0L, null, null);
        assertThat(lowered.exceededBy(USED, new QuotaUsage(0, 0, 0, 0, 0, 0, 1, 0)))
                .isEmpty();
        assertThat(lowered.exceededBy(USED, QuotaUsage.NONE)).isEmpty();
        assertThat(lowered.exceededBy(USED, new QuotaUsage(0, 0, 0, 0, 0, 1, 0, 0)))
                .extracting(FieldProblem::field)
                .containsExactly("quota.snapshots");
    }

    @Test
    void negative_limits_are_field_errors_and_zero_is_allowed() {
        Quota q = new Quota(0L, -1L, null, null, null, null, -5L, null);
        assertThat(q.problems()).extracting(FieldProblem::field).containsExactly("ramMiB", "vnics");
    }
}
