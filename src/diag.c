/* diag.c - recording and printing diagnostics. */
#include "diag.h"

#include "json.h"
#include "mem.h"
#include "utf8.h"

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

/* The text of line `line` (1-based) of src, copied into the arena; a long
 * line is cut to a window around column `col`, whose place in the copy goes
 * to *at. */
static const char *line_text(arena *a, const source *src, int line, int col, int *at)
{
    const char *p = source_line(src, line), *end = src->text + src->len;
    *at = col;
    if (!p) return NULL;
    const char *e = p;
    while (e < end && *e != '\n' && *e != '\r') e++;
    if (e - p <= DIAG_BEFORE + DIAG_AFTER) return arena_strndup(a, p, (size_t)(e - p));
    int from = col > DIAG_BEFORE ? col - DIAG_BEFORE : 1;
    const char *s = source_skip(p, e, from - 1), *t = source_skip(s, e, DIAG_BEFORE + DIAG_AFTER);
    *at = col - from + 1 + (s > p ? 3 : 0);
    return arena_printf(a, "%s%.*s%s", s > p ? "..." : "", (int)(t - s), s, t < e ? "..." : "");
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
                   part && part->text && loc.line > 0 ? line_text(&d->mem, part, loc.line - part->line0, loc.col, &at) : NULL, at};
    vec_push(d->list, g);
    if (sev == COOP_ERROR) {
        d->errors++;
        d->incomplete = 0;
    }
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
        const coop_diag *g = &d->list.v[i];
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
        if (g->source_line && g->loc.line > 0) {
            int end = g->loc.end_line == g->loc.line ? g->loc.end_col : g->loc.col + 1;
            print_caret(out, g->source_line, g->source_col, g->source_col + (end - g->loc.col));
        }
    }
}
