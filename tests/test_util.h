/* Small helpers shared by the test suites. */
#ifndef ES_TEST_UTIL_H
#define ES_TEST_UTIL_H
#include <stdlib.h>
#include <string.h>
#include <criterion/criterion.h>

/* A copy of text with the first occurrence of `from` (which must exist)
 * replaced by `to`: a malformed variant of a valid file. Free it. */
static inline char *edit(const char *text, const char *from, const char *to)
{
    const char *at = strstr(text, from);
    cr_assert_not_null(at, "'%s' not in the text", from);
    size_t a = (size_t)(at - text), lf = strlen(from), lt = strlen(to), ln = strlen(text);
    char *out = malloc(ln - lf + lt + 1);
    memcpy(out, text, a);
    memcpy(out + a, to, lt);
    memcpy(out + a + lt, at + lf, ln - a - lf + 1);
    return out;
}
#endif
