/*
 * report.h - what people and programs read: the results of show, explain,
 * dominance and expect, as aligned text or as one JSON object per line.
 * Reports format results; they decide nothing (the numbers come from
 * eval.c and query.c).
 */
#ifndef COOP_REPORT_H
#define COOP_REPORT_H

#include <stdio.h>

#include "query.h"

typedef struct rep {
    FILE *out;
    int json;
    const coop_script *s;
    int widths[COOP_MAX_PARAMS]; /* of show's columns, set by report_show_begin */
} rep;

void report_json_str(FILE *out, const char *s);
/* Shortest round-trip form; null for NaN and infinities. */
void report_json_num(FILE *out, double x);
/* "%.4f", never "-0.0000"; from 1e12 on, six significant digits. */
void report_fixed(char *buf, size_t n, double x);
/* Up to 4 decimals, trailing zeros dropped. */
void report_short(char *buf, size_t n, double x);

/* `show R`: a header, a row per tuple, a closing count. */
void report_show_begin(rep *r, int rule);
void report_show_row(rep *r, int rule, const int *tuple, int verdict, double score, int first);
void report_show_end(rep *r, int rule, long formed, long total);
/* `show R(a, b)`: one line. */
void report_show_one(rep *r, int rule, const int *tuple, int verdict, double score);

/* `explain R(a, b)`: the trace of the evaluator's last tuple. */
void report_explain(rep *r, const evaluator *e, int verdict);

/* `dominance R(a, b)`. */
typedef struct dominance_result {
    int verdict;
    double phi[COOP_MAX_FACTORS], se[COOP_MAX_FACTORS];
    int pivotal[COOP_MAX_FACTORS];
    int exact;
    double base_target; /* the target with every factor at its baseline */
    uint64_t seed;
} dominance_result;
void report_dominance(rep *r, const evaluator *e, const dominance_result *d);

/* `dominance R`. */
void report_importance(rep *r, int rule, const rule_stats *st);

/* One `expect` (JSON only: the text form is the caller's). */
void report_expect(rep *r, const coop_expect_result *x);

/* A tuple whose verdict or score a change moves: before (0) and after (1). */
typedef struct diff_row {
    int tuple[COOP_MAX_PARAMS];
    int v0, v1;
    double s0, s1;
} diff_row;
/* The rows of one rule, in enumeration order (text puts flips first), of
 * `total` tuples; `kept` heads the columns before/after (set) rather than
 * now/what if. */
void report_whatif(rep *r, int rule, const diff_row *rows, size_t n, long total, int kept);

/* Writes a tuple as "R(a, b)". */
void report_tuple(FILE *out, const coop_script *s, int rule, const int *tuple);

#endif
