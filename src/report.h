/*
 * report.h - what people and programs read: the results of show, explain,
 * dominance, importance, what if, expect and a statement's value, as
 * aligned text (report.c) or as one JSON object per line (report_json.c).
 * Reports format results built elsewhere (result.h, query.h); they decide
 * and evaluate nothing.
 */
#ifndef COOP_REPORT_H
#define COOP_REPORT_H

#include <stdio.h>

#include "csv.h"
#include "json.h"
#include "loser.h"
#include "result.h"

typedef struct rep {
    FILE *out;
    int as_json;
    json j;                        /* the JSON writer, across a show's calls */
    const model *m;
    const coop_world *w;           /* for the names of symbols and strings */
    int widths[COOP_MAX_PARAMS];   /* of show's columns, set by report_show_begin */
    const char *at;                /* the date a statement reads at (`at DATE`), or NULL */
    /* --format csv (report_csv.c, report_grid.c): the tables of show R,
     * dominance R, show R by PERIOD and show world(a), one after another
     * with an empty line between */
    int as_csv;
    csv c;
    int tables;                    /* printed so far */
} rep;

/* A verdict as the rule says it: "forms", "does not form"; a bid's is its
 * eligibility, "eligible", "not eligible". */
const char *report_verdict(const rule_info *ru, int v);

/* " at DATE" after a statement's target, when it reads at a date. */
void report_at(const rep *r, FILE *out);

/* `show params`: each parameter of the model, its value in w, its range
 * and label, and its declared value where w's differs. */
void report_model_params(rep *r, const coop_world *w);

/* `show R`: a header, a row per tuple, a closing count; `show R(a, b)`:
 * one line. */
void report_show_begin(rep *r, int rule);
void report_show_row(rep *r, int rule, const show_row *row, int first);
void report_show_end(rep *r, int rule, long formed, long total);
/* After a runtime error or an interrupt, `why` ("division by zero"):
 * closes what report_show_begin opened. */
void report_show_abort(rep *r, const char *why);
void report_show_one(rep *r, int rule, const show_row *row);

/* The factors whose |v| equals that of `dominant` up to rounding
 * (query_ties), as ", tied with a and b" in buf[n], or "". */
const char *report_tied(const rule_info *ru, const double *v, int dominant, char *buf, size_t n);
/* What to do when every Shapley value of a verdict is 0 (query_flat). */
extern const char report_flat_hint[];

void report_explain(rep *r, const explain_result *x);
/* `dominance R(a, b)`; as CSV, report_dominance_begin prints the header
 * (nothing in text or JSON), and each call a tuple's records, so
 * `dominance R` is a call per tuple. */
void report_dominance_begin(rep *r, int rule);
void report_dominance(rep *r, const dominance_result *d);
/* `dominance R(a, b) at D by events` (report_events.c): the events'
 * Shapley values of r's tuple, its verdict and score at D. */
struct evshap_result;
void report_event_dominance(rep *r, int rule, const int *tuple, const struct evshap_result *x);
void report_importance(rep *r, int rule, const rule_importance *st);
/* `flip R(a, b) [by ...]` (report_flip.c): the smallest change that flips
 * the verdict, or that none does; the result's arena holds the texts. */
struct flip_result;
void report_flip(rep *r, struct flip_result *x);
/* How a flip was found, as its text's line says it without the indent
 * ("exact: 3 linear programmes over 2 inputs", "search (seeded, ...)"):
 * 1, or 0 having written nothing (no value can move, or none needed to). */
int report_flip_method(FILE *out, const model *m, struct flip_result *x);
/* The what-if that tries its change: "what if a.x = 0.82, ...". */
void report_flip_whatif(FILE *out, const model *m, const struct flip_result *x);
/* What the flip's inputs leave out of what the verdict reads (flip_trace.h),
 * "A; B", as the text says it after "left out: "; 0 when nothing. */
int report_flip_left(FILE *out, const struct flip_result *x);
/* One `expect` (JSON only: the text form is the caller's). */
void report_expect(rep *r, const coop_expect_result *x);
/* The differences of one rule; `kept` heads the columns before/after (set)
 * rather than now/what if.  A tender's: report_tender_whatif. */
void report_whatif(rep *r, int rule, const diff_rule *d, int kept);
/* The closing line of a what-if that moved nothing (text only). */
void report_whatif_none(rep *r, long total);
/* A bare expression's value (`text` is the expression as written). */
void report_value(rep *r, const char *text, const value_result *v);
/* A value as people read it: "forms (score 0.5217)", a factor's name, a
 * string in quotes, {a, b}, a number with every digit. */
void report_value_text(FILE *out, const model *m, const coop_world *w, const value_result *v);

/* report_sweep.c: a sweep statement's table (its statement `text` as
 * written), said a point at a time: its head (report_sweep_begin), point
 * i's row into out (report_sweep_point: it depends on no row before it,
 * so any process may write it), and its end after `done` points of which
 * `held` expectations held (fewer than the grid's: a runtime error or an
 * interrupt stopped it, which JSON says).  coop sweep's header record
 * (CSV; JSON lines have none) and point i's record, the axes' values then
 * each query's (queries[q] as written, cells[q] its value). */
struct sweep_info;
struct sweep_grid;
struct sweep_cell;
typedef struct sweep_table {
    rep *r;
    const struct sweep_info *sw;
    const char *text;   /* the statement as written */
    const char *col;    /* its column's name (sweep_column) */
    int expect;         /* each point an expectation */
    int *w, *right;     /* text: the columns' widths, which are right-aligned */
    arena a;
} sweep_table;
void report_sweep_begin(sweep_table *t, rep *r, const struct sweep_info *sw, const char *text);
void report_sweep_point(const sweep_table *t, FILE *out, long i, const struct sweep_cell *c);
void report_sweep_end(sweep_table *t, long done, long held);
void report_sweep_header(rep *r, const struct sweep_grid *g, const char *const *queries, int nq);
void report_sweep_row(rep *r, const struct sweep_grid *g, long i, const char *const *queries,
                      const struct sweep_cell *cells, int nq);

/* Tenders (report_tender.c): `show T`, the ranking and the losers whose
 * presence decides the first; `explain T(x)`, a bid's trace
 * (report_explain calls it), then its place in the award and why it
 * lost; `dominance T`, the runner-up's gap to the first by factor (g->bid
 * -1: fewer than two bids ranked). */
void report_tender_show(rep *r, const tender_result *t, const loser_stability *st);
void report_tender_bid(rep *r, const explain_result *x);
void report_tender_award(rep *r, const tender_result *t, int bid, const loser_why *why);
void report_tender_dominance(rep *r, const tender_result *t, const loser_gap *g);
/* What explain T(x) says of bid's win price (why->win when why->has_win):
 * a price at which a loser would have won, up to which the winner still
 * wins, or the top of the winner's search; or none, because no price of
 * its own wins, it fails requirements that read no price, the tender is
 * single-source, or it has no price to vary (or the bid sets none). */
typedef enum { WP_WOULD_WIN, WP_STILL_WINS, WP_SEARCH_TOP, WP_NO_PRICE_WINS, WP_FAILS, WP_SINGLE_SOURCE, WP_NO_PRICE }
    win_reason;
win_reason report_win_reason(const model *m, const tender_result *t, int bid, const loser_why *why);
/* Each reason's name in JSON ("would_win" ...). */
extern const char *const report_win_reasons[];
/* `explain T` of a tender nobody bid for: that it has no bids (in JSON,
 * its `show`). */
void report_tender_no_bids(rep *r, const tender_result *t, const loser_stability *st);
/* The tie key (an index into the tender's `tie`) that parts bids i and j
 * of t, equal on the award's key; -1 when the award's key parts them or
 * they are equal on every key. */
int report_parted_by(const tender_result *t, int i, int j);
/* A tender's what-if: its winner and status in each world, then the bids
 * whose rank (or eligibility) changes, then those whose score alone
 * moves. */
void report_tender_whatif(rep *r, int rule, const diff_rule *d, int kept);

/* Contracts (report_contract.c): `show C`, its parties, term, monitoring,
 * each obligation's status and renewal; `explain C` (trace) adds each
 * condition with its values. */
void report_contract(rep *r, const contract_result *x, int trace);
/* What a what-if changes of contract c (both worlds decided in d): text
 * only when something does, JSON always; `kept` as for report_whatif. */
void report_contract_whatif(rep *r, const contracts_diff *d, int c, int kept);

/* A tuple's story over the timeline (report_story.c, story.h), as text
 * or JSON: `explain R(a, b) from D1 to D2`, begun, a step at a time, and
 * ended (or stopped by a runtime error: `why`, as for show); and `why R(a,
 * b) at D`. */
struct story;
struct story_step;
void report_story_begin(rep *r, const struct story *s, int k1, int k2);
void report_story_step(rep *r, const struct story *s, const struct story_step *st);
void report_story_end(rep *r, const struct story *s, int k1, int k2);
void report_story_abort(rep *r, const char *why);
void report_story_why(rep *r, const struct story *s);

/* Parts of the text forms, shared by report.c and report_tender.c: text
 * padded to w columns (report_lpad: on the left); a column's width w, or
 * its cell's and `gap` blanks; a factor's value as people read it
 * (true/false for a boolean factor); the widest of a rule's factor names,
 * at least "factor"; a trace's factor table and score terms; a clause's
 * "0.52 >= 0.45" (or "") in detail[128]; a what-if row's scores. */
void report_pad(FILE *out, const char *s, int w);
void report_lpad(FILE *out, const char *s, int w);
int report_widen(int w, const char *cell, int gap);
void report_factor_value(char *buf, size_t n, const factor_info *f, double x);
int report_factor_width(const rule_info *ru);
void report_explain_factors(rep *r, const rule_info *ru, const explain_result *x);
void report_explain_score(rep *r, const explain_result *x);
/* The cast of a tuple: " g = bureau (label), n = emil", a line; each
 * clause of forms when, whether it holds, and the verdict. */
void report_cast(rep *r, const rule_info *ru, const int *tuple);
void report_explain_clauses(rep *r, const explain_result *x);
/* "  parameters: w_trust = 0.25, strict = true": the parameters a trace's
 * rule reads, with their values, on a line; nothing when it reads none. */
void report_explain_params(rep *r, const explain_result *x);
/* A parameter's value as coop writes it: the shortest number that reads
 * back as it, or true/false, into buf. */
const char *report_param_value(const model *m, int p, double v, char *buf, size_t n);
const char *report_clause_detail(const explain_clause *c, char *detail);
/* The scores of a what-if row, as they differ: a move smaller than the
 * fourth decimal with as many decimals as show it (up to 8), a smaller one
 * with every digit; "same" for a score that did not move (the verdict
 * did); "-" for a runtime error. */
void report_whatif_scores(const diff_row *x, char a[32], char b[32]);

/* Spans of the indices 0 .. n-1 (steps, periods) at which `on` holds, each
 * index written by `label` (into buf[32]): as text, "VERB from L" (to the
 * last), "VERB at L" (one), "VERB L1 .. L2", the spans after the first
 * without VERB ("forms at 2013, from 2015"), "VERB throughout", or NEVER
 * ("never forms"); as JSON, an array of [first, last]. */
typedef struct span_ask {
    int (*on)(const void *ctx, int i);
    const char *(*label)(const void *ctx, int i, char buf[32]);
    const void *ctx;
} span_ask;
void report_spans(FILE *out, const span_ask *a, int n, const char *verb, const char *never);
void json_spans(json *j, const span_ask *a, int n);
/* Writes a rule with its parameters and their kinds, "R(n: npo, e:
 * enterprise)"; ends a rule's heading: after `sep`, what its same-kind
 * parameters range over, if it has any (range.h), then a line end. */
void report_params(FILE *out, const model *m, int rule);
void report_range_heading(FILE *out, const rule_info *ru, const char *sep);
/* Writes a tuple as "R(a, b)" (a tender's as "T(bidder)"). */
void report_tuple(FILE *out, const model *m, int rule, const int *tuple);
/* The message of a runtime error: a division by zero, or aggregate agg
 * (when not NULL) over nothing, met deciding rule's tuple (in a Shapley
 * coalition of it, when coalition), deciding contract `contract` (>= 0),
 * or, rule and contract < 0, evaluating `what` ("this expectation").
 * Malloc'd. */
char *report_runtime(const model *m, const agg_info *agg, int coalition, int rule, int contract, const int *tuple,
                     const char *what);

/* Verdicts and values per period (report_grid.c; grid.h): `show R by
 * PERIOD` as a grid of marks, a row per tuple and a column per period, or
 * for one tuple a row per period with its score; as one JSON object per
 * period (`show_period`) and one of the spans (`show_by`); as CSV, a
 * record per period and tuple.  grid_show calls begin, then for each
 * period: period, a row per tuple, period_end (or abort after a runtime
 * error, and no more); then end.  `show world(a)`: the values that change,
 * per period, and those that do not.  report_grid_streams: a report that
 * prints each row as it comes and needs none kept (CSV). */
struct grid;
struct world_grid;
int report_grid_streams(const rep *r);
void report_grid_begin(rep *r, const struct grid *g);
void report_grid_period(rep *r, const struct grid *g, int i);
void report_grid_row(rep *r, const struct grid *g, int i, const int *tuple, int forms, double score, int wins);
void report_grid_period_end(rep *r, const struct grid *g, int i);
void report_grid_abort(rep *r, const struct grid *g, const char *why);
void report_grid_end(rep *r, const struct grid *g);
void report_world(rep *r, const struct world_grid *g);
/* CSV (report_csv.c; report_grid.c for show R by PERIOD): a table's
 * start (an empty line after the one before it); `show R`, a header, then
 * a record per tuple (report_show_row calls it); `dominance R` and
 * `dominance R(a, b)`, a header, then the records of each tuple
 * (report_dominance calls it). */
void report_csv_table(rep *r);
void report_csv_show_head(rep *r, int rule);
void report_csv_show_row(rep *r, int rule, const show_row *row);
void report_csv_dominance_head(rep *r, int rule);
void report_csv_dominance(rep *r, const dominance_result *d);

/* A value of a world as coop writes it (report_value_text's); as JSON
 * (json_value's). */
void json_value_of(rep *r, const value_result *v);

/* The JSON forms (report_json.c), called by the functions above. */
/* "same_kind": the groups of parameters that share a kind and whether
 * they take every order; only for a rule that has one (range.h). */
void json_same_kind(rep *r, const rule_info *ru);
void json_show_begin(rep *r, int rule);
void json_show_row(rep *r, int rule, const show_row *row);
void json_show_end(rep *r, long formed, long total);
void json_show_abort(rep *r, const char *why);
void json_show_one(rep *r, int rule, const show_row *row);
void json_explain(rep *r, const explain_result *x);
void json_dominance(rep *r, const dominance_result *d);
void json_importance(rep *r, int rule, const rule_importance *st);
void json_expect(rep *r, const coop_expect_result *x);
void json_whatif(rep *r, int rule, const diff_rule *d);
void json_tender_whatif(rep *r, int rule, const diff_rule *d);
void json_value(rep *r, const char *text, const value_result *v);
void json_tender_show(rep *r, const tender_result *t, const loser_stability *st);
void json_tender_award(rep *r, const tender_result *t, int bid, const loser_why *why);
void json_tender_dominance(rep *r, const tender_result *t, const loser_gap *g);
void json_contract(rep *r, const contract_result *x, int trace);
void json_contract_whatif(rep *r, const contracts_diff *d, int c);
void json_model_params(rep *r, const coop_world *w);
/* A clause of a trace: text, holds, and for a comparison op, left, right. */
void json_clause(json *j, const explain_clause *c);

#endif
