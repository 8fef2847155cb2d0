/* diag.c - recording and printing diagnostics. */
#include "diag.h"

#include "json.h"
#include "mem.h"
#include "utf8.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A diagnostic, and where its span ends in its source line as shown. */
typedef struct shown {
    coop_diag g;
    int source_end;
} shown;

struct coop_diags {
    VEC(shown) list;
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
const coop_diag *coop_diags_get(const coop_diags *d, size_t i) { return i < d->list.n ? &d->list.v[i].g : NULL; }
size_t coop_diags_errors(const coop_diags *d) { return d->errors; }
int coop_diags_incomplete(const coop_diags *d) { return d->incomplete; }

void diag_set_incomplete(coop_diags *d) { d->incomplete = 1; }

/* Characters of a long line shown before and after the column. */
#define DIAG_BEFORE 60
#define DIAG_AFTER 100

/* Column k (1-based) of the text s..t as it is shown: a NUL byte (which
 * would end the line's copy) shows as the two characters \0. */
static int shown_col(const char *s, const char *t, int k)
{
    int c = k;
    for (int i = 1; i < k && s < t; i++, s = source_skip(s, t, 1)) c += *s == 0;
    return c;
}

/* The text of line `loc.line - line0` of src, copied into the arena; a
 * long line is cut to a window around the column.  Where loc's columns
 * are in the copy goes to *at and *end. */
static const char *line_text(arena *a, const source *src, int line0, coop_loc loc, int *at, int *end)
{
    const char *p = source_line(src, loc.line - line0), *e = src->text + src->len;
    if (!p) return NULL;
    const char *le = p;
    while (le < e && *le != '\n' && *le != '\r') le++;
    int from = 1;
    const char *s = p, *t = le;
    if (le - p > DIAG_BEFORE + DIAG_AFTER) {
        from = loc.col > DIAG_BEFORE ? loc.col - DIAG_BEFORE : 1;
        s = source_skip(p, le, from - 1);
        t = source_skip(s, le, DIAG_BEFORE + DIAG_AFTER);
    }
    int pre = s > p ? 3 : 0, last = loc.end_line == loc.line ? loc.end_col : loc.col + 1;
    *at = shown_col(s, t, loc.col - from + 1) + pre;
    *end = shown_col(s, t, last - from + 1) + pre;
    size_t nuls = 0;
    for (const char *q = s; q < t; q++) nuls += *q == 0;
    char *r = arena_alloc(a, (size_t)(t - s) + nuls + 7), *w = r;
    w += sprintf(w, "%s", pre ? "..." : "");
    for (const char *q = s; q < t; q++)
        if (*q) *w++ = *q;
        else *w++ = '\\', *w++ = '0';
    sprintf(w, "%s", t < le ? "..." : "");
    return r;
}

void diag_at(coop_diags *d, const source *src, coop_loc loc, coop_severity sev, const char *fmt, ...)
{
    const source *part = source_part(src, loc.line);
    coop_loc where;
    source_where(src, loc, &where);
    if (d->capped) {
        /* past the limit errors are not kept, but still counted: callers
         * ask coop_diags_errors() whether a step failed */
        if (sev == COOP_ERROR) d->errors++, d->incomplete = 0;
        return;
    }
    if (sev == COOP_WARNING && d->warnings_capped) return;
    if (sev == COOP_WARNING && ++d->warnings > COOP_MAX_ERRORS) {
        d->warnings_capped = 1;
        shown n = {{COOP_NOTE, part ? arena_strdup(&d->mem, part->name) : NULL, {0, 0, 0, 0},
                    arena_printf(&d->mem, "too many warnings (limit %d); no more are shown", COOP_MAX_ERRORS), NULL, 0}, 0};
        vec_push(d->list, n);
        return;
    }
    if (sev == COOP_ERROR && d->errors == COOP_MAX_ERRORS) {
        d->capped = 1;
        d->errors++;
        d->incomplete = 0;
        shown n = {{COOP_NOTE, part ? arena_strdup(&d->mem, part->name) : NULL, {0, 0, 0, 0},
                    arena_printf(&d->mem, "too many errors (limit %d); stopping", COOP_MAX_ERRORS), NULL, 0}, 0};
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
    int at = loc.col, end = loc.col + 1;
    const char *line = part && part->text && loc.line > 0 ? line_text(&d->mem, part, part->line0, loc, &at, &end) : NULL;
    shown g = {{sev, part ? arena_strdup(&d->mem, part->name) : NULL, where, msg, line, at}, end};
    vec_push(d->list, g);
    if (sev == COOP_ERROR) {
        d->errors++;
        d->incomplete = 0;
    }
}

/* A diagnostic and its notes, list[at, at + n); about files[file] (n
 * for another file: then its loc is not compared). */
typedef struct group { size_t at, n; int file; coop_loc loc; size_t seq; } group;

static int group_cmp(const void *a, const void *b)
{
    const group *x = a, *y = b;
    if (x->file != y->file) return x->file < y->file ? -1 : 1;
    if (x->loc.line != y->loc.line) return x->loc.line < y->loc.line ? -1 : 1;
    if (x->loc.col != y->loc.col) return x->loc.col < y->loc.col ? -1 : 1;
    return x->seq < y->seq ? -1 : x->seq > y->seq; /* stable */
}

void diag_order(coop_diags *d, size_t from, const char *const *files, int n)
{
    VEC(group) gs = {0};
    int any = 0;
    for (size_t i = from; i < d->list.n;) {
        group g = {i, 1, n, {0, 0, 0, 0}, gs.n};
        while (i + g.n < d->list.n && d->list.v[i + g.n].g.severity == COOP_NOTE && d->list.v[i].g.severity != COOP_NOTE)
            g.n++;
        const char *f = d->list.v[i].g.file;
        for (int k = 0; f && d->list.v[i].g.loc.line > 0 && k < n && g.file == n; k++)
            if (strcmp(f, files[k]) == 0) g.file = k, g.loc = d->list.v[i].g.loc;
        any |= g.file < n;
        vec_push(gs, g);
        i += g.n;
    }
    if (any && gs.n > 1) {
        shown *was = mem_alloc((d->list.n - from) * sizeof *was);
        memcpy(was, d->list.v + from, (d->list.n - from) * sizeof *was);
        qsort(gs.v, gs.n, sizeof *gs.v, group_cmp);
        size_t w = from;
        for (size_t j = 0; j < gs.n; j++)
            for (size_t m = 0; m < gs.v[j].n; m++) d->list.v[w++] = was[gs.v[j].at + m - from];
        free(was);
    }
    vec_free(gs);
}

void coop_diags_add(coop_diags *d, coop_severity sev, const char *file, int line, int col, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *msg = NULL;
    size_t len = 0;
    FILE *f = mem_stream(&msg, &len);
    vfprintf(f, fmt, ap);
    fclose(f);
    va_end(ap);
    source at = {.name = file, .text = NULL}; /* no text: no source line to show */
    coop_loc loc = {line, col, line, col + 1};
    diag_at(d, file ? &at : NULL, line > 0 ? loc : (coop_loc){0, 0, 0, 0}, sev, "%s", msg);
    free(msg);
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
        for (int w = utf8_cp_width(cp); w > 0; w--) {
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

void coop_diags_print(const coop_diags *d, FILE *out, int as_json)
{
    for (size_t i = 0; i < d->list.n; i++) {
        const coop_diag *g = &d->list.v[i].g;
        if (as_json) {
            json j;
            json_init(&j, out);
            json_typed(&j, "diagnostic");
            json_kstr(&j, "severity", sev_name(g->severity));
            json_kstr(&j, "file", g->file);
            json_kint(&j, "line", g->loc.line);
            json_kint(&j, "col", g->loc.col);
            json_kstr(&j, "message", g->message);
            json_end_obj(&j);
            continue;
        }
        if (g->file && g->loc.line > 0)
            fprintf(out, "%s:%d:%d: ", g->file, g->loc.line, g->loc.col);
        else if (g->file)
            fprintf(out, "%s: ", g->file);
        else
            fputs("coop: ", out);
        fprintf(out, "%s: %s\n", sev_name(g->severity), g->message);
        if (g->source_line && g->loc.line > 0) print_caret(out, g->source_line, g->source_col, d->list.v[i].source_end);
    }
}
