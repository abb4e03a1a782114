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
__attribute__((target("avx2")))
static sy_csv_plain_row sy_split_avx2(
    const uint8_t *base, intptr_t count, intptr_t position, uint8_t delimiter,
    sy_csv_field *fields, intptr_t capacity)
{
    sy_csv_plain_row result = { -1, 0, 0 };
    intptr_t fieldCount = 0, fieldStart = position, p = position;
    const __m256i delim = _mm256_set1_epi8((char)delimiter);
    const __m256i lf = _mm256_set1_epi8('\n'), cr = _mm256_set1_epi8('\r');
    const __m256i quote = _mm256_set1_epi8('"'), zero = _mm256_setzero_si256();
    while (p + 32 <= count) {
        __m256i v = _mm256_loadu_si256((const __m256i *)(base + p));
        __m256i stops = _mm256_or_si256(
            _mm256_or_si256(_mm256_cmpeq_epi8(v, delim), _mm256_cmpeq_epi8(v, lf)),
            _mm256_or_si256(
                _mm256_or_si256(_mm256_cmpeq_epi8(v, cr), _mm256_cmpeq_epi8(v, quote)),
                _mm256_cmpeq_epi8(v, zero)));
        uint32_t mask = (uint32_t)_mm256_movemask_epi8(stops) | (uint32_t)_mm256_movemask_epi8(v);
        int state = sy_take_stops(base, p, mask, delimiter, fields, capacity, &fieldCount, &fieldStart, &result);
        if (state == 1) {
            result.field_count = fieldCount;
            return result;
        }
        if (state < 0) return result;
        p += 32;
    }
    result.field_count = -1;
    return result;
}
#endif

static sy_csv_plain_row sy_split_sse2(
    const uint8_t *base, intptr_t count, intptr_t position, uint8_t delimiter,
    sy_csv_field *fields, intptr_t capacity)
{
    sy_csv_plain_row result = { -1, 0, 0 };
#if defined(__x86_64__)
    intptr_t fieldCount = 0, fieldStart = position, p = position;
    const __m128i delim = _mm_set1_epi8((char)delimiter);
    const __m128i lf = _mm_set1_epi8('\n'), cr = _mm_set1_epi8('\r');
    const __m128i quote = _mm_set1_epi8('"'), zero = _mm_setzero_si128();
    while (p + 16 <= count) {
        __m128i v = _mm_loadu_si128((const __m128i *)(base + p));
        __m128i stops = _mm_or_si128(
            _mm_or_si128(_mm_cmpeq_epi8(v, delim), _mm_cmpeq_epi8(v, lf)),
            _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, cr), _mm_cmpeq_epi8(v, quote)), _mm_cmpeq_epi8(v, zero)));
        uint32_t mask = (uint32_t)_mm_movemask_epi8(stops) | (uint32_t)_mm_movemask_epi8(v);
        int state = sy_take_stops(base, p, mask, delimiter, fields, capacity, &fieldCount, &fieldStart, &result);
        if (state == 1) {
            result.field_count = fieldCount;
            return result;
        }
        if (state < 0) return result;
        p += 16;
    }
#else
    (void)base; (void)count; (void)position; (void)delimiter; (void)fields; (void)capacity;
#endif
    result.field_count = -1;
    return result;
}

sy_csv_plain_row sy_csv_split_plain_row(
    const uint8_t *base, intptr_t count, intptr_t position, uint8_t delimiter,
    sy_csv_field *fields, intptr_t capacity)
{
#if defined(__x86_64__)
    if (__builtin_cpu_supports("avx2")) return sy_split_avx2(base, count, position, delimiter, fields, capacity);
#endif
    return sy_split_sse2(base, count, position, delimiter, fields, capacity);
}
