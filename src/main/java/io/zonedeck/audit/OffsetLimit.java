package io.zonedeck.audit;

import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;

/** A page at any offset (a lazy grid asks for offset/limit pairs that need not align with pages). */
record OffsetLimit(long offset, int size, Sort sort) implements Pageable {
    static OffsetLimit of(long offset, int limit, Sort sort) {
        return new OffsetLimit(Math.max(0, offset), Math.max(1, Math.min(limit, 1000)), sort);
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
        return new OffsetLimit(offset + size, size, sort);
    }

    @Override
    public Pageable previousOrFirst() {
        return new OffsetLimit(Math.max(0, offset - size), size, sort);
    }

    @Override
    public Pageable first() {
        return new OffsetLimit(0, size, sort);
    }

    @Override
    public Pageable withPage(int pageNumber) {
        return new OffsetLimit((long) pageNumber * size, size, sort);
    }

    @Override
    public boolean hasPrevious() {
        return offset > 0;
    }
}
