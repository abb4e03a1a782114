#ifndef SWITCHYARD_BYTE_SCAN_H
#define SWITCHYARD_BYTE_SCAN_H

#include <stdint.h>

/// Where one field of a CSV row lies: content bytes `start ..< end` and flags
/// (bit 0 quoted, bit 1 doubled quotes to undo, bit 2 lives in the scanner's scratch buffer).
typedef struct {
    intptr_t start;
    intptr_t end;
    uint8_t flags;
} sy_csv_field;

/// The result of `sy_csv_split_plain_row`.
typedef struct {
    /// Number of fields written, or -1 when the row needs the full scanner (it holds a
    /// quote, or more than `capacity` fields, or too few bytes remain for block reads).
    intptr_t field_count;
    /// Offset of the row's line end (`\n` or `\r`), or `count` when the input ends first.
    intptr_t row_end;
    /// 1 when the row holds a NUL or a byte >= 0x80 (its encoding must be checked).
    int special;
} sy_csv_plain_row;

/// Splits the row starting at `position` of the `count` bytes at `base` into fields
/// separated by `delimiter`, when the row holds no quote character.
///
/// Reads 32 bytes at a time (one AVX2 or two SSE2 loads; elsewhere it always gives up) and
/// never reads at or past `base + count`. Writes the fields, unquoted and in place, to
/// `fields` (room for `capacity`). `sse2_only` keeps to SSE2 even where AVX2 is available
/// (tests compare the two).
sy_csv_plain_row sy_csv_split_plain_row(
    const uint8_t *base, intptr_t count, intptr_t position, uint8_t delimiter,
    sy_csv_field *fields, intptr_t capacity, int sse2_only);

/// Asks the processor to bring the cache line at `address` closer: a hint that never faults,
/// so that a lookup a few dozen nanoseconds later finds its line loaded.
static inline void sy_prefetch(const void *address) { __builtin_prefetch(address, 0, 3); }

#endif
