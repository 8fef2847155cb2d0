/*
 * csv.h - the one CSV writer (RFC 4180, docs/language.md "CSV"): fields
 * separated by commas; a field quoted when it holds a comma, a quote, a
 * line break, or a blank at either end, its quotes doubled; numbers in the
 * shortest form that reads back as the same double, with '.' for the
 * decimal point, empty when not finite; each record ends with a line feed.
 * A text that a spreadsheet would read as a formula (it starts with = + -
 * @, a tab or a carriage return, and is no number) starts with a single
 * quote.
 */
#ifndef COOP_CSV_H
#define COOP_CSV_H

#include <stdio.h>

typedef struct csv {
    FILE *out;
    int fields;   /* written in the record so far */
} csv;

void csv_init(csv *c, FILE *out);
void csv_str(csv *c, const char *s); /* a text; NULL: an empty field */
void csv_num(csv *c, double x);
void csv_int(csv *c, long long v);
void csv_end(csv *c);                /* ends the record */

#endif
