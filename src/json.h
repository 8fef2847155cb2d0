/*
 * json.h - the one JSON writer: commas, escaping and numbers are done here
 * and nowhere else.  A writer emits one value; a top-level object or array
 * ends its line.  Keys and strings are UTF-8 as given; control characters
 * are escaped; numbers are the shortest text that reads back as the same
 * double, and null when not finite.
 */
#ifndef COOP_JSON_H
#define COOP_JSON_H

#include <stdio.h>

/* Deepest nesting a writer keeps track of (coop's output needs 5). */
#define JSON_MAX_DEPTH 32

typedef struct json {
    FILE *out;
    int depth;
    unsigned char more[JSON_MAX_DEPTH]; /* a value was written at this depth */
    int keyed;                          /* a key was just written */
} json;

void json_init(json *j, FILE *out);
void json_obj(json *j);        /* { */
void json_arr(json *j);        /* [ */
void json_end_obj(json *j);    /* } */
void json_end_arr(json *j);    /* ] */
void json_key(json *j, const char *k);
void json_str(json *j, const char *s);   /* NULL writes null */
void json_num(json *j, double x);
void json_int(json *j, long long v);
void json_uint(json *j, unsigned long long v);
void json_bool(json *j, int b);
void json_null(json *j);

/* A key and its value, the common case. */
void json_kstr(json *j, const char *k, const char *s);
void json_knum(json *j, const char *k, double x);
void json_kint(json *j, const char *k, long long v);
void json_kbool(json *j, const char *k, int b);
/* {"type":TYPE, ...: opens an object and writes its type. */
void json_typed(json *j, const char *type);
/* Points j, a writer inside an array, at out, its next value written as
 * the array's first (no comma before it) when first, else after a comma:
 * values written apart (a sweep's points, made in other processes) join
 * as one writer would have written them. */
void json_resume(json *j, FILE *out, int first);

#endif
