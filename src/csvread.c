/* csvread.c - the CSV reader: records and fields, each where it stands. */
#include "csvread.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "utf8.h"

void csv_reader_init(csv_reader *r, const source *src, arena *a, coop_diags *d)
{
    memset(r, 0, sizeof *r);
    r->src = src;
    r->a = a;
    r->d = d;
    r->p = src->text;
    r->end = src->text + src->len;
    r->line = r->col = 1;
}

void csv_error(csv_reader *r, coop_loc loc, const char *fmt, ...)
{
    if (r->capped) return;
    if (r->errors++ == COOP_MAX_CSV_ERRORS) { /* one error more than the limit: said so instead */
        diag_at(r->d, r->src, loc, COOP_NOTE, "more errors from here on are not said, and the rest of the file is "
                "not read: the limit is %d errors a file (COOP_MAX_CSV_ERRORS)", COOP_MAX_CSV_ERRORS);
        r->capped = 1;
        return;
    }
    char msg[1024 + 4 * COOP_MAX_CSV_FIELD];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    diag_at(r->d, r->src, loc, COOP_ERROR, "%s", msg);
}

/* Where r is, one character wide. */
static coop_loc here(const csv_reader *r)
{
    int line = r->src->line0 + r->line;
    coop_loc l = {line, r->col, line, r->col + 1};
    return l;
}

static int at_line_end(const csv_reader *r) { return r->p < r->end && (*r->p == '\n' || *r->p == '\r'); }

/* Past the line end at p: \n, \r\n or a lone \r. */
static void next_line(csv_reader *r)
{
    r->p += r->p + 1 < r->end && r->p[0] == '\r' && r->p[1] == '\n' ? 2 : 1;
    r->line++;
    r->col = 1;
}

/* The character at p, checked and kept in the field (*n bytes so far of
 * it in r->buf; any count, only the first COOP_MAX_CSV_FIELD kept); a
 * byte that is no UTF-8 or a control byte is said, once a field (*said),
 * and the record is bad. */
static void take(csv_reader *r, size_t *n, csv_record *rec, int *said)
{
    const unsigned char *u = (const unsigned char *)r->p;
    unsigned cp;
    int k = *u < 0x80 ? 1 : utf8_decode(u, (size_t)(r->end - r->p), &cp);
    if ((k == 0 || (*u < 0x20 && *u != '\t')) && !(*said)++) {
        csv_error(r, here(r), k ? "control byte \\x%02X in a field" : "invalid UTF-8 byte \\x%02X", *u);
        rec->bad = 1;
    }
    if (k == 0) k = 1;
    for (int i = 0; i < k; i++, (*n)++)
        if (*n < COOP_MAX_CSV_FIELD) r->buf[*n] = (char)u[i];
    r->p += k;
    r->col += (*u & 0xC0) != 0x80; /* as the diagnostics count columns */
}

/* One field, from p, into *f: 0, or -1 when its quote is never closed. */
static int field(csv_reader *r, csv_record *rec, csv_field *f)
{
    size_t n = 0;
    int said = 0;
    coop_loc start = here(r);
    f->quoted = r->p < r->end && *r->p == '"';
    if (f->quoted) {
        r->p++;
        r->col++;
        for (;;) {
            if (r->p >= r->end) {
                csv_error(r, start, "this quote is never closed: a quoted field ends with '\"', and a quote inside "
                          "one is written twice (\"\")");
                return -1;
            }
            if (*r->p == '"') {
                r->p++;
                r->col++;
                if (r->p >= r->end || *r->p != '"') break;
                if (n < COOP_MAX_CSV_FIELD) r->buf[n] = '"';
                n++;
                r->p++;
                r->col++;
            } else if (at_line_end(r)) { /* a line break inside: kept as one \n */
                if (n < COOP_MAX_CSV_FIELD) r->buf[n] = '\n';
                n++;
                next_line(r);
            } else
                take(r, &n, rec, &said);
        }
        if (r->p < r->end && *r->p != ',' && !at_line_end(r)) {
            if (!said++) {
                csv_error(r, here(r), "after a field's closing quote comes ',' or the end of the line; a quote "
                          "inside a quoted field is written twice (\"\")");
                rec->bad = 1;
            }
            while (r->p < r->end && *r->p != ',' && !at_line_end(r)) take(r, &n, rec, &said);
        }
    } else
        while (r->p < r->end && *r->p != ',' && !at_line_end(r)) {
            if (*r->p == '"' && !said++) {
                csv_error(r, here(r), "a quote in a field that does not start with one: quote the whole field, and "
                          "write the quote inside twice (\"a \"\"b\"\" c\")");
                rec->bad = 1;
            }
            take(r, &n, rec, &said);
        }
    f->loc = start;
    f->loc.end_line = r->src->line0 + r->line;
    f->loc.end_col = r->col;
    if (n > COOP_MAX_CSV_FIELD) {
        csv_error(r, f->loc, "this field is %zu bytes long; the limit is %d (COOP_MAX_CSV_FIELD)", n,
                  COOP_MAX_CSV_FIELD);
        rec->bad = 1;
        n = 0;
    }
    f->text = arena_strndup(r->a, r->buf, n);
    f->len = n;
    return 0;
}

int csv_next(csv_reader *r, csv_record *rec)
{
    while (r->p < r->end && at_line_end(r)) next_line(r); /* blank lines */
    if (r->capped || r->p >= r->end) return 0;
    memset(rec, 0, sizeof *rec);
    rec->f = r->f;
    rec->loc = here(r);
    for (;;) {
        csv_field f;
        if (field(r, rec, &f) < 0) return -1;
        if (rec->n < COOP_MAX_CSV_COLUMNS)
            r->f[rec->n++] = f;
        else if (!rec->bad) {
            csv_error(r, f.loc, "a record of more than %d fields; the limit is %d (COOP_MAX_CSV_COLUMNS)",
                      COOP_MAX_CSV_COLUMNS, COOP_MAX_CSV_COLUMNS);
            rec->bad = 1;
        }
        if (r->p >= r->end || *r->p != ',') break;
        r->p++;
        r->col++;
    }
    rec->loc.end_line = r->src->line0 + r->line;
    rec->loc.end_col = r->col;
    if (r->p < r->end) next_line(r);
    return r->capped ? 0 : 1;
}
