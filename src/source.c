/* source.c - sources joined in one line space, and positions in them. */
#include "source.h"

/* Skips n characters (code points) of p, not past end. */
const char *source_skip(const char *p, const char *end, int n)
{
    while (n > 0 && p < end) {
        p++;
        while (p < end && ((unsigned char)*p & 0xC0) == 0x80) p++;
        n--;
    }
    return p;
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

/* The end of the line at p: its \n, \r\n or \r, or end. */
static const char *line_end(const char *p, const char *end)
{
    while (p < end && *p != '\n' && *p != '\r') p++;
    return p;
}

/* Past the line end at p (p < end). */
static const char *next_line(const char *p, const char *end)
{
    return p + (p + 1 < end && p[0] == '\r' && p[1] == '\n' ? 2 : 1);
}

int source_index(source *src, arena *a)
{
    const char *p = src->text, *end = src->text + src->len;
    int n = 1;
    for (const char *q = line_end(p, end); q < end; q = line_end(next_line(q, end), end)) n++;
    if (!a) return n;
    size_t *v = arena_alloc(a, (size_t)n * sizeof *v);
    int i = 0;
    v[i++] = 0;
    for (const char *q = line_end(p, end); q < end; q = line_end(q, end)) {
        q = next_line(q, end);
        v[i++] = (size_t)(q - p);
    }
    src->lines = v;
    src->nlines = n;
    return n;
}

const char *source_line(const source *src, int line)
{
    const char *p = src->text, *end = src->text + src->len;
    if (line < 1) return NULL;
    if (src->lines) return line <= src->nlines ? p + src->lines[line - 1] : NULL;
    for (int l = 1; l < line; l++) {
        p = line_end(p, end);
        if (p == end) return NULL;
        p = next_line(p, end);
    }
    return p;
}

size_t source_offset(const source *src, int line, int col)
{
    const char *p = source_line(src, line), *end = src->text + src->len;
    if (!p) p = end;
    return (size_t)(source_skip(p, end, col - 1) - src->text);
}
