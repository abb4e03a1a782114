#include "byte_scan.h"

#if defined(__x86_64__)
#include <immintrin.h>
#endif

/// Handles the set bits of one block's stop mask: a delimiter ends a field, a line end
/// ends the row, a quote gives up, anything else (NUL, byte >= 0x80) marks the row.
/// Returns 1 when the row ended, -1 to give up, 0 to read the next block.
static inline int sy_take_stops(
    const uint8_t *base, intptr_t blockStart, uint32_t mask, uint8_t delimiter,
    sy_csv_field *fields, intptr_t capacity, intptr_t *fieldCount, intptr_t *fieldStart,
    sy_csv_plain_row *result)
{
    while (mask) {
        intptr_t at = blockStart + __builtin_ctz(mask);
        mask &= mask - 1;
        uint8_t c = base[at];
        if (c == delimiter) {
            if (*fieldCount == capacity) return -1;
            fields[*fieldCount].start = *fieldStart;
            fields[*fieldCount].end = at;
            fields[*fieldCount].flags = 0;
            *fieldCount += 1;
            *fieldStart = at + 1;
        } else if (c == '\n' || c == '\r') {
            if (*fieldCount == capacity) return -1;
            fields[*fieldCount].start = *fieldStart;
            fields[*fieldCount].end = at;
            fields[*fieldCount].flags = 0;
            *fieldCount += 1;
            result->row_end = at;
            return 1;
        } else if (c == '"') {
            return -1;
        } else {
            result->special = 1;
        }
    }
    return 0;
}

#if defined(__x86_64__)
/// Bit i set when byte i of the 32 at `p` is a delimiter, line end, quote, NUL or >= 0x80.
__attribute__((target("avx2")))
static inline uint32_t sy_stops_avx2(const uint8_t *p, uint8_t delimiter)
{
    __m256i v = _mm256_loadu_si256((const __m256i *)p);
    __m256i stops = _mm256_or_si256(
        _mm256_or_si256(_mm256_cmpeq_epi8(v, _mm256_set1_epi8((char)delimiter)), _mm256_cmpeq_epi8(v, _mm256_set1_epi8('\n'))),
        _mm256_or_si256(
            _mm256_or_si256(_mm256_cmpeq_epi8(v, _mm256_set1_epi8('\r')), _mm256_cmpeq_epi8(v, _mm256_set1_epi8('"'))),
            _mm256_cmpeq_epi8(v, _mm256_setzero_si256())));
    return (uint32_t)_mm256_movemask_epi8(stops) | (uint32_t)_mm256_movemask_epi8(v);
}

/// The same for 16 bytes with SSE2, which every x86-64 processor has.
static inline uint32_t sy_stops_sse2_16(const uint8_t *p, uint8_t delimiter)
{
    __m128i v = _mm_loadu_si128((const __m128i *)p);
    __m128i stops = _mm_or_si128(
        _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8((char)delimiter)), _mm_cmpeq_epi8(v, _mm_set1_epi8('\n'))),
        _mm_or_si128(
            _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('\r')), _mm_cmpeq_epi8(v, _mm_set1_epi8('"'))),
            _mm_cmpeq_epi8(v, _mm_setzero_si128())));
    return (uint32_t)_mm_movemask_epi8(stops) | (uint32_t)_mm_movemask_epi8(v);
}

static inline uint32_t sy_stops_sse2(const uint8_t *p, uint8_t delimiter)
{
    return sy_stops_sse2_16(p, delimiter) | sy_stops_sse2_16(p + 16, delimiter) << 16;
}

/// Reads the row 32 bytes at a time, `stops` giving each block's mask (inlined into each
/// caller, so that each gets its own instruction set).
__attribute__((always_inline))
static inline sy_csv_plain_row sy_split_blocks(
    const uint8_t *base, intptr_t count, intptr_t position, uint8_t delimiter,
    sy_csv_field *fields, intptr_t capacity, uint32_t (*stops)(const uint8_t *, uint8_t))
{
    sy_csv_plain_row result = { -1, 0, 0 };
    intptr_t fieldCount = 0, fieldStart = position;
    for (intptr_t p = position; p + 32 <= count; p += 32) {
        int state = sy_take_stops(
            base, p, stops(base + p, delimiter), delimiter, fields, capacity, &fieldCount, &fieldStart, &result);
        if (state == 1) {
            result.field_count = fieldCount;
            return result;
        }
        if (state < 0) return result;
    }
    return result;
}

__attribute__((target("avx2")))
static sy_csv_plain_row sy_split_avx2(
    const uint8_t *base, intptr_t count, intptr_t position, uint8_t delimiter,
    sy_csv_field *fields, intptr_t capacity)
{
    return sy_split_blocks(base, count, position, delimiter, fields, capacity, sy_stops_avx2);
}

static sy_csv_plain_row sy_split_sse2(
    const uint8_t *base, intptr_t count, intptr_t position, uint8_t delimiter,
    sy_csv_field *fields, intptr_t capacity)
{
    return sy_split_blocks(base, count, position, delimiter, fields, capacity, sy_stops_sse2);
}
#endif

sy_csv_plain_row sy_csv_split_plain_row(
    const uint8_t *base, intptr_t count, intptr_t position, uint8_t delimiter,
    sy_csv_field *fields, intptr_t capacity, int sse2_only)
{
#if defined(__x86_64__)
    if (!sse2_only && __builtin_cpu_supports("avx2")) return sy_split_avx2(base, count, position, delimiter, fields, capacity);
    return sy_split_sse2(base, count, position, delimiter, fields, capacity);
#else
    // Elsewhere the Swift byte loop reads every row.
    (void)base; (void)count; (void)position; (void)delimiter; (void)fields; (void)capacity; (void)sse2_only;
    sy_csv_plain_row none = { -1, 0, 0 };
    return none;
#endif
}
