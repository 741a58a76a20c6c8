/* What every JSON document the command writes goes through (results,
 * bench summaries, bounds; docs/json.md): cJSON builds them, these helpers
 * make sure that what cJSON is given is valid JSON text. */
#ifndef ES_JSON_H
#define ES_JSON_H
#include <stdio.h>
#include <cjson/cJSON.h>

/* A JSON string holding s, or null when s is NULL. JSON text is UTF-8
 * (RFC 8259), but file names, plug-in names and messages quoting a file are
 * whatever bytes they are; cJSON copies them as they come, so a Latin-1
 * file name made the whole document unreadable to a JSON parser. Each byte
 * that does not belong to a well-formed UTF-8 sequence (RFC 3629: no
 * overlong forms, surrogates or code points above U+10FFFF) becomes U+FFFD,
 * the replacement character. Returns NULL when out of memory; the caller
 * owns the item (or hands it to a container that does). */
cJSON *es_json_text(const char *s);

/* Adds es_json_text(s) to object o under key; o owns it. */
void es_json_add_text(cJSON *o, const char *key, const char *s);

/* A number, or null when has is 0 or v is not finite (JSON has no NaN or
 * infinity). The caller owns the item. */
cJSON *es_json_number(int has, double v);

/* Prints j to f with a final newline and deletes j (ownership passes here,
 * whatever the outcome). Returns ES_OK, ES_ENOMEM, or ES_EIO when f refuses
 * the text. */
int es_json_write(FILE *f, cJSON *j);
#endif
