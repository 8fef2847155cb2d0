/* diag.c - recording and printing diagnostics. */
#include "diag.h"

#include "mem.h"
#include "report.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

struct coop_diags {
    VEC(coop_diag) list;
    arena mem;
    size_t errors, warnings;
    int incomplete; /* of the last error */
    int capped, warnings_capped;
};

coop_diags *coop_diags_new(void)
{
    coop_diags *d = mem_calloc(1, sizeof *d);
    arena_init(&d->mem);
    return d;
}

void coop_diags_clear(coop_diags *d)
{
    vec_free(d->list);
    arena_free(&d->mem);
    d->errors = d->warnings = 0;
    d->incomplete = d->capped = d->warnings_capped = 0;
}

void coop_diags_free(coop_diags *d)
{
    if (!d) return;
    coop_diags_clear(d);
    free(d);
}

size_t coop_diags_count(const coop_diags *d) { return d->list.n; }
const coop_diag *coop_diags_get(const coop_diags *d, size_t i) { return i < d->list.n ? &d->list.v[i] : NULL; }
size_t coop_diags_errors(const coop_diags *d) { return d->errors; }
int coop_diags_incomplete(const coop_diags *d) { return d->incomplete; }

void diag_set_incomplete(coop_diags *d) { d->incomplete = 1; }

/* Characters of a long line shown before and after the column. */
#define DIAG_BEFORE 60
#define DIAG_AFTER 100

/* Skips n characters (code points) of p, not past end. */
static const char *skip_chars(const char *p, const char *end, int n)
{
    while (n > 0 && p < end) {
        p++;
        while (p < end && ((unsigned char)*p & 0xC0) == 0x80) p++;
        n--;
    }
    return p;
}

/* The text of line `line` (1-based) of src, copied into the arena; a long
 * line is cut to a window around column `col`, whose place in the copy goes
 * to *at. */
static const char *line_text(arena *a, const source *src, int line, int col, int *at)
{
    const char *p = src->text, *end = src->text + src->len;
    *at = col;
    for (int l = 1; l < line && p < end; l++) { /* lines end at \n, \r\n or \r */
        while (p < end && *p != '\n' && *p != '\r') p++;
        if (p == end) return NULL;
        p += p + 1 < end && p[0] == '\r' && p[1] == '\n' ? 2 : 1;
    }
    if (p > end) return NULL;
    const char *e = p;
    while (e < end && *e != '\n' && *e != '\r') e++;
    if (e - p <= DIAG_BEFORE + DIAG_AFTER) return arena_strndup(a, p, (size_t)(e - p));
    int from = col > DIAG_BEFORE ? col - DIAG_BEFORE : 1;
    const char *s = skip_chars(p, e, from - 1), *t = skip_chars(s, e, DIAG_BEFORE + DIAG_AFTER);
    *at = col - from + 1 + (s > p ? 3 : 0);
    return arena_printf(a, "%s%.*s%s", s > p ? "..." : "", (int)(t - s), s, t < e ? "..." : "");
}

const source *source_part(const source *src, int line)
{
    if (!src || src->nparts == 0) return src;
    int a = 0, b = src->nparts; /* the last part with line0 < line */
    while (b - a > 1) {
        int mid = (a + b) / 2;
        if (src->parts[mid]->line0 < line) a = mid; else b = mid;
    }
    return src->parts[a];
}

const char *source_where(const source *src, coop_loc loc, coop_loc *shown)
{
    *shown = loc;
    if (!src) return NULL;
    const source *p = source_part(src, loc.line);
    if (loc.line > 0) {
        shown->line = loc.line - p->line0 + p->shift;
        shown->end_line = loc.end_line - p->line0 + p->shift;
    }
    return p->name;
}

size_t source_offset(const source *src, int line, int col)
{
    const char *p = src->text, *end = src->text + src->len;
    for (int l = 1; l < line && p < end; l++) { /* lines end at \n, \r\n or \r */
        while (p < end && *p != '\n' && *p != '\r') p++;
        if (p < end) p += p + 1 < end && p[0] == '\r' && p[1] == '\n' ? 2 : 1;
    }
    return (size_t)(skip_chars(p, end, col - 1) - src->text);
}

void diag_at(coop_diags *d, const source *src, coop_loc loc, coop_severity sev, const char *fmt, ...)
{
    const source *part = source_part(src, loc.line);
    coop_loc shown;
    source_where(src, loc, &shown);
    if (d->capped) {
        /* past the limit errors are not kept, but still counted: callers
         * ask coop_diags_errors() whether a step failed */
        if (sev == COOP_ERROR) d->errors++, d->incomplete = 0;
        return;
    }
    if (sev == COOP_WARNING && d->warnings_capped) return;
    if (sev == COOP_WARNING && ++d->warnings > COOP_MAX_ERRORS) {
        d->warnings_capped = 1;
        coop_diag n = {COOP_NOTE, part ? arena_strdup(&d->mem, part->name) : NULL, {0, 0, 0, 0},
                       arena_printf(&d->mem, "too many warnings (limit %d); no more are shown", COOP_MAX_ERRORS), NULL, 0};
        vec_push(d->list, n);
        return;
    }
    if (sev == COOP_ERROR && d->errors == COOP_MAX_ERRORS) {
        d->capped = 1;
        d->errors++;
        d->incomplete = 0;
        coop_diag n = {COOP_NOTE, part ? arena_strdup(&d->mem, part->name) : NULL, {0, 0, 0, 0},
                       arena_printf(&d->mem, "too many errors (limit %d); stopping", COOP_MAX_ERRORS), NULL, 0};
        vec_push(d->list, n);
        return;
    }
    va_list ap, ap2;
    va_start(ap, fmt);
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *msg = arena_alloc(&d->mem, (size_t)n + 1);
    vsnprintf(msg, (size_t)n + 1, fmt, ap2);
    va_end(ap2);
    int at = loc.col;
    coop_diag g = {sev, part ? arena_strdup(&d->mem, part->name) : NULL, shown, msg,
                   part && loc.line > 0 ? line_text(&d->mem, part, loc.line - part->line0, loc.col, &at) : NULL, at};
    vec_push(d->list, g);
    if (sev == COOP_ERROR) {
        d->errors++;
        d->incomplete = 0;
    }
}

int utf8_decode(const unsigned char *s, size_t n, unsigned *cp)
{
    if (n == 0) return 0;
    unsigned c = s[0];
    int len;
    unsigned min;
    if (c < 0x80) { *cp = c; return 1; }
    else if ((c & 0xE0) == 0xC0) { len = 2; c &= 0x1F; min = 0x80; }
    else if ((c & 0xF0) == 0xE0) { len = 3; c &= 0x0F; min = 0x800; }
    else if ((c & 0xF8) == 0xF0) { len = 4; c &= 0x07; min = 0x10000; }
    else return 0;
    if ((size_t)len > n) return 0;
    for (int i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80) return 0;
        c = (c << 6) | (s[i] & 0x3F);
    }
    if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) return 0;
    *cp = c;
    return len;
}

/* East Asian wide characters take two columns in a terminal. */
static int cp_width(unsigned c)
{
    if (c < 0x1100) return 1;
    if ((c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0xA4CF) || (c >= 0xAC00 && c <= 0xD7A3) ||
        (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) ||
        (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x1F300 && c <= 0x1F64F) || (c >= 0x20000 && c <= 0x3FFFD))
        return 2;
    return 1;
}

int utf8_width(const char *s)
{
    int w = 0;
    size_t n = strlen(s);
    const unsigned char *p = (const unsigned char *)s;
    while (n) {
        unsigned cp;
        int k = utf8_decode(p, n, &cp);
        if (!k) { k = 1; cp = '?'; }
        w += cp_width(cp);
        p += k;
        n -= (size_t)k;
    }
    return w;
}

static const char *sev_name(coop_severity s)
{
    return s == COOP_ERROR ? "error" : s == COOP_WARNING ? "warning" : "note";
}

/* The source line, then a caret under column `col` and tildes up to
 * `end_col`; tabs are copied so the caret stays aligned, and wide
 * characters get two columns. */
static void print_caret(FILE *out, const char *line, int col, int end_col)
{
    fprintf(out, "  %s\n  ", line);
    const unsigned char *p = (const unsigned char *)line;
    size_t n = strlen(line);
    int c = 1, caret = 0;
    if (end_col <= col) end_col = col + 1;
    while (n && c < end_col) {
        unsigned cp;
        int k = utf8_decode(p, n, &cp);
        if (!k) { k = 1; cp = '?'; }
        for (int w = cp_width(cp); w > 0; w--) {
            if (c < col) fputc(cp == '\t' ? '\t' : ' ', out);
            else { fputc(caret ? '~' : '^', out); caret = 1; }
        }
        p += k; n -= (size_t)k; c++;
    }
    if (!caret) {
        for (; c < col; c++) fputc(' ', out);
        fputc('^', out);
    }
    fputc('\n', out);
}

void coop_diags_print(const coop_diags *d, FILE *out, int json)
{
    for (size_t i = 0; i < d->list.n; i++) {
        const coop_diag *g = &d->list.v[i];
        if (json) {
            fputs("{\"type\":\"diagnostic\",\"severity\":", out);
            report_json_str(out, sev_name(g->severity));
            fputs(",\"file\":", out);
            if (g->file) report_json_str(out, g->file); else fputs("null", out);
            fprintf(out, ",\"line\":%d,\"col\":%d,\"message\":", g->loc.line, g->loc.col);
            report_json_str(out, g->message);
            fputs("}\n", out);
            continue;
        }
        if (g->file && g->loc.line > 0)
            fprintf(out, "%s:%d:%d: ", g->file, g->loc.line, g->loc.col);
        else if (g->file)
            fprintf(out, "%s: ", g->file);
        else
            fputs("coop: ", out);
        fprintf(out, "%s: %s\n", sev_name(g->severity), g->message);
        if (g->source_line && g->loc.line > 0) {
            int end = g->loc.end_line == g->loc.line ? g->loc.end_col : g->loc.col + 1;
            print_caret(out, g->source_line, g->source_col, g->source_col + (end - g->loc.col));
        }
    }
}
