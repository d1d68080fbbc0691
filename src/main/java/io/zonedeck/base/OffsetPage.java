package io.zonedeck.base;

import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;

/**
 * A page at any offset (a lazy grid asks for offset/limit pairs that need not align with pages), with its order:
 * Spring Data's fluent {@code slice(pageable)} takes the order from the pageable, not from {@code sortBy}.
 */
public record OffsetPage(long offset, int size, Sort sort) implements Pageable {
    /** A page as a caller asked for it, clamped: offset ≥ 0, 1 ≤ size ≤ 1000. */
    public static OffsetPage of(long offset, int limit, Sort sort) {
        return new OffsetPage(Math.max(0, offset), Math.max(1, Math.min(limit, 1000)), sort);
    }

    @Override
    public int getPageNumber() {
        return (int) (offset / size);
    }

    @Override
    public int getPageSize() {
        return size;
    }

    @Override
    public long getOffset() {
        return offset;
    }

    @Override
    public Sort getSort() {
        return sort;
    }

    @Override
    public Pageable next() {
        return new OffsetPage(offset + size, size, sort);
    }

    @Override
    public Pageable previousOrFirst() {
        return new OffsetPage(Math.max(0, offset - size), size, sort);
    }

    @Override
    public Pageable first() {
        return new OffsetPage(0, size, sort);
    }

    @Override
    public Pageable withPage(int pageNumber) {
        return new OffsetPage((long) pageNumber * size, size, sort);
    }

    @Override
    public boolean hasPrevious() {
        return offset > 0;
    }
}
