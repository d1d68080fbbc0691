package io.zonedeck.compute;

import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;

/** A page at any offset (a lazy grid asks for offset/limit pairs that need not align with pages). */
record OffsetPage(long offset, int size) implements Pageable {
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
        return Sort.unsorted();
    }

    @Override
    public Pageable next() {
        return new OffsetPage(offset + size, size);
    }

    @Override
    public Pageable previousOrFirst() {
        return new OffsetPage(Math.max(0, offset - size), size);
    }

    @Override
    public Pageable first() {
        return new OffsetPage(0, size);
    }

    @Override
    public Pageable withPage(int pageNumber) {
        return new OffsetPage((long) pageNumber * size, size);
    }

    @Override
    public boolean hasPrevious() {
        return offset > 0;
    }
}
