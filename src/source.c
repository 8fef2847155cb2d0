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

size_t source_offset(const source *src, int line, int col)
{
    const char *p = src->text, *end = src->text + src->len;
    for (int l = 1; l < line && p < end; l++) { /* lines end at \n, \r\n or \r */
        while (p < end && *p != '\n' && *p != '\r') p++;
        if (p < end) p += p + 1 < end && p[0] == '\r' && p[1] == '\n' ? 2 : 1;
    }
    return (size_t)(source_skip(p, end, col - 1) - src->text);
}

