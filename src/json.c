/* json.c - the JSON writer. */
#include "json.h"

#include "fmt.h"

void json_init(json *j, FILE *out)
{
    j->out = out;
    j->depth = 0;
    j->more[0] = 0;
    j->keyed = 0;
}

void json_resume(json *j, FILE *out, int first)
{
    j->out = out;
    j->keyed = 0;
    if (j->depth < JSON_MAX_DEPTH) j->more[j->depth] = !first;
}

/* Before a value: the comma that separates it from the one before. */
static void before(json *j)
{
    if (j->keyed) {
        j->keyed = 0;
        return;
    }
    if (j->depth > 0 && j->more[j->depth]) fputc(',', j->out);
    if (j->depth < JSON_MAX_DEPTH) j->more[j->depth] = 1;
}

static void push(json *j, int c)
{
    before(j);
    fputc(c, j->out);
    j->depth++;
    if (j->depth < JSON_MAX_DEPTH) j->more[j->depth] = 0;
}

static void pop(json *j, int c)
{
    fputc(c, j->out);
    j->depth--;
    if (j->depth == 0) fputc('\n', j->out); /* one value a line */
}

void json_obj(json *j) { push(j, '{'); }
void json_arr(json *j) { push(j, '['); }
void json_end_obj(json *j) { pop(j, '}'); }
void json_end_arr(json *j) { pop(j, ']'); }

static void write_str(FILE *out, const char *s)
{
    fputc('"', out);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        switch (*p) {
        case '"': fputs("\\\"", out); break;
        case '\\': fputs("\\\\", out); break;
        case '\n': fputs("\\n", out); break;
        case '\t': fputs("\\t", out); break;
        case '\r': fputs("\\r", out); break;
        default:
            if (*p < 0x20) fprintf(out, "\\u%04x", *p);
            else fputc(*p, out);
        }
    }
    fputc('"', out);
}

void json_key(json *j, const char *k)
{
    before(j);
    write_str(j->out, k);
    fputc(':', j->out);
    j->keyed = 1;
}

void json_str(json *j, const char *s)
{
    if (!s) { json_null(j); return; }
    before(j);
    write_str(j->out, s);
}

void json_num(json *j, double x)
{
    char buf[64];
    before(j);
    if (fmt_nonfinite(buf, sizeof buf, x)) fputs("null", j->out);
    else {
        fmt_num(buf, sizeof buf, x);
        fputs(buf, j->out);
    }
}

void json_int(json *j, long long v)
{
    before(j);
    fprintf(j->out, "%lld", v);
}

void json_uint(json *j, unsigned long long v)
{
    before(j);
    fprintf(j->out, "%llu", v);
}

void json_bool(json *j, int b)
{
    before(j);
    fputs(b ? "true" : "false", j->out);
}

void json_null(json *j)
{
    before(j);
    fputs("null", j->out);
}

void json_kstr(json *j, const char *k, const char *s) { json_key(j, k); json_str(j, s); }
void json_knum(json *j, const char *k, double x) { json_key(j, k); json_num(j, x); }
void json_kint(json *j, const char *k, long long v) { json_key(j, k); json_int(j, v); }
void json_kbool(json *j, const char *k, int b) { json_key(j, k); json_bool(j, b); }

void json_typed(json *j, const char *type)
{
    json_obj(j);
    json_kstr(j, "type", type);
}
