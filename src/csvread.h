/*
 * csvread.h - the CSV reader (RFC 4180) behind `data` statements (data.c):
 * records of fields separated by commas, a field quoted when it holds a
 * comma, a quote ("" inside) or a line break; records end at \n, \r\n or a
 * lone \r, the last one perhaps at the end of the text.  Every field keeps
 * where it stands (line and column, in characters, as the diagnostics
 * count them), so each bad one is said at file:line:col.  A record with
 * nothing on its line (a blank line) is skipped.  The fields' texts live
 * in the caller's arena.
 */
#ifndef COOP_CSVREAD_H
#define COOP_CSVREAD_H

#include "diag.h"

typedef struct csv_field {
    char *text;        /* its value: quotes taken off, "" read as ", NUL-terminated */
    size_t len;
    coop_loc loc;      /* from its first character (an opening quote) to past its last */
    int quoted;
} csv_field;

typedef struct csv_record {
    csv_field *f;      /* the reader's: valid until its next record */
    int n;
    coop_loc loc;      /* from its first character to past its last, line end not included */
    int bad;           /* something in it was said to be wrong: read no value of it */
} csv_record;

typedef struct csv_reader {
    const source *src; /* the text, its line0 (locations are in its joined line space) */
    arena *a;
    coop_diags *d;
    const char *p, *end;
    int line, col;     /* where p is: line of the text (1-based), column (characters) */
    int errors;        /* said of this text so far */
    int capped;        /* an error past COOP_MAX_CSV_ERRORS came: say no more, read no more */
    /* the record being read: its fields, and its field's first bytes (a
     * field past COOP_MAX_CSV_FIELD is said and not kept) */
    csv_field f[COOP_MAX_CSV_COLUMNS];
    char buf[COOP_MAX_CSV_FIELD + 1];
} csv_reader;

void csv_reader_init(csv_reader *r, const source *src, arena *a, coop_diags *d);
/* The next record into *rec: 1; 0 at the end of the text (or once
 * capped); -1 after an error past which nothing can be read (a quote
 * never closed), said. */
int csv_next(csv_reader *r, csv_record *rec);
/* Says an error at loc of r's text, counting it toward COOP_MAX_CSV_ERRORS;
 * the one past the limit is a note that says so instead, and the reader
 * stops (r->capped). */
void csv_error(csv_reader *r, coop_loc loc, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

#endif
