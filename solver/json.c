/* JSON output helpers; see json.h. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <evosched/evosched.h>
#include "json.h"

/* The length of the well-formed UTF-8 sequence at s (RFC 3629, table 3-7
 * of the Unicode standard), or 0 when the byte there does not start one. */
static size_t utf8_sequence(const unsigned char *s)
{
    unsigned char c = s[0];
    if (c < 0x80)
        return 1;
    size_t len;
    unsigned char lo = 0x80, hi = 0xBF; /* the range of the second byte */
    if (c >= 0xC2 && c <= 0xDF)
        len = 2;
    else if (c >= 0xE0 && c <= 0xEF) {
        len = 3;
        lo = c == 0xE0 ? 0xA0 : 0x80; /* E0 80..9F would be overlong */
        hi = c == 0xED ? 0x9F : 0xBF; /* ED A0..BF would be a surrogate */
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4;
        lo = c == 0xF0 ? 0x90 : 0x80; /* overlong */
        hi = c == 0xF4 ? 0x8F : 0xBF; /* above U+10FFFF */
    } else
        return 0; /* a continuation byte, C0, C1 (overlong) or F5..FF */
    if (s[1] < lo || s[1] > hi)
        return 0;
    for (size_t i = 2; i < len; i++)
        if (s[i] < 0x80 || s[i] > 0xBF) /* the terminating NUL fails here too */
            return 0;
    return len;
}

cJSON *es_json_text(const char *s)
{
    if (!s)
        return cJSON_CreateNull();
    const unsigned char *u = (const unsigned char *)s;
    size_t bad = 0, n = 0;
    while (u[n]) {
        size_t len = utf8_sequence(u + n);
        bad += len == 0;
        n += len ? len : 1;
    }
    if (bad == 0)
        return cJSON_CreateString(s);
    /* each bad byte (1) becomes EF BF BD (3) */
    char *clean = malloc(n + 2 * bad + 1), *out = clean;
    if (!clean)
        return NULL;
    for (size_t i = 0; i < n;) {
        size_t len = utf8_sequence(u + i);
        if (len) {
            memcpy(out, u + i, len);
            out += len;
            i += len;
        } else {
            memcpy(out, "\xEF\xBF\xBD", 3);
            out += 3;
            i++;
        }
    }
    *out = '\0';
    cJSON *item = cJSON_CreateString(clean);
    free(clean);
    return item;
}

void es_json_add_text(cJSON *o, const char *key, const char *s)
{
    cJSON_AddItemToObject(o, key, es_json_text(s));
}

cJSON *es_json_number(int has, double v)
{
    return has && isfinite(v) ? cJSON_CreateNumber(v) : cJSON_CreateNull();
}

int es_json_write(FILE *f, cJSON *j)
{
    char *text = j ? cJSON_Print(j) : NULL;
    cJSON_Delete(j);
    if (!text)
        return ES_ENOMEM;
    int ok = fputs(text, f) >= 0 && fputc('\n', f) != EOF;
    free(text);
    return ok ? ES_OK : ES_EIO;
}
