/* report.c - results as aligned text for people; JSON goes to
 * report_json.c.  Every function here formats what it is given. */
#include "report.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fmt.h"
#include "range.h"
#include "timeline.h"
#include "utf8.h"
#include "words.h"

/* Pads to `w` display columns. */
void report_pad(FILE *out, const char *s, int w)
{
    fputs(s, out);
    for (int i = utf8_width(s); i < w; i++) fputc(' ', out);
}

void report_lpad(FILE *out, const char *s, int w)
{
    for (int i = utf8_width(s); i < w; i++) fputc(' ', out);
    fputs(s, out);
}

/* A column's width: its usual width w, or as wide as its widest cell and
 * `gap` blanks before it, so that no two fields ever touch. */
int report_widen(int w, const char *cell, int gap)
{
    int c = utf8_width(cell) + gap;
    return c > w ? c : w;
}

static const char *actor(const rep *r, int a) { return r->m->actors[a].name; }

void report_tuple(FILE *out, const model *m, int rule, const int *tuple)
{
    const rule_info *ru = &m->rules[rule];
    fprintf(out, "%s(", ru->name);
    for (int i = 0; i < (ru->tender ? 1 : ru->np); i++) /* a tender's tuple is its bidder's */ fprintf(out, "%s%s", i ? ", " : "", m->actors[tuple[i]].name);
    fputc(')', out);
}

char *report_runtime(const model *m, const agg_info *agg, int coalition, int rule, int contract, const int *tuple,
                     const char *what)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = mem_stream(&buf, &len);
    const char *op = agg ? words_agg_name(agg->op) : NULL;
    if (!agg) fputs("division by zero", f);
    else if (agg->cond) fprintf(f, "no '%s' meets the condition of %s(...)", agg->range, op);
    else fprintf(f, "there is no '%s' for %s(...)", agg->range, op);
    if (contract >= 0) fprintf(f, " while deciding contract '%s'", m->contracts[contract].name);
    else if (rule < 0) fprintf(f, " while evaluating %s", what);
    else {
        fputs(coalition == QUERY_GAP_GAME ? " in a Shapley coalition of the gap of "
              : coalition                ? " in a Shapley coalition of "
                                         : " while deciding ", f);
        report_tuple(f, m, rule, tuple);
        if (coalition == QUERY_GAP_GAME) fputs(" to the first bid (some factors at its own values, the others at the first's)", f);
        else if (coalition) fputs(" (some factors at their baselines)", f);
    }
    if (agg) fprintf(f, ": %s(...) of nothing; add 'else VALUE'", op);
    fclose(f);
    return buf;
}

static const char *verdict_text(int v) { return v ? "forms" : "does not form"; }

const char *report_verdict(const rule_info *ru, int v)
{
    return ru->tender ? (v ? "eligible" : "not eligible") : verdict_text(v);
}

void report_factor_value(char *buf, size_t n, const factor_info *f, double x)
{
    if (f->type == T_BOOL) snprintf(buf, n, "%s", x != 0 ? "true" : "false");
    else fmt_fixed(buf, n, x);
}

int report_factor_width(const rule_info *ru)
{
    int fw = 6;
    for (int i = 0; i < ru->nf; i++)
        if (utf8_width(ru->f[i].name) > fw) fw = utf8_width(ru->f[i].name);
    return fw;
}

void report_range_heading(FILE *out, const rule_info *ru, const char *sep)
{
    if (range_same_kind(ru)) {
        fputs(sep, out);
        range_text(out, ru);
    }
    fputc('\n', out);
}

/* ---- show ---- */

/* The width of parameter p's column: its name or its widest actor. */
static int col_width(rep *r, int rule, int p)
{
    const rule_info *ru = &r->m->rules[rule];
    int w = utf8_width(ru->pnames[p]);
    for (int i = 0; i < ru->ncand[p]; i++) {
        int x = utf8_width(actor(r, ru->cand[p][i]));
        if (x > w) w = x;
    }
    return w;
}

static void set_widths(rep *r, int rule)
{
    for (int i = 0; i < r->m->rules[rule].np; i++) r->widths[i] = col_width(r, rule, i); /* once, not per row */
}

/* The actors of a row, in their columns. */
static void tuple_cols(rep *r, int rule, const int *tuple)
{
    for (int i = 0; i < r->m->rules[rule].np; i++) {
        fputs("  ", r->out);
        report_pad(r->out, actor(r, tuple[i]), r->widths[i]);
    }
    fputs("  ", r->out);
}

void report_params(FILE *out, const model *m, int rule)
{
    const rule_info *ru = &m->rules[rule];
    fprintf(out, "%s(", ru->name);
    for (int i = 0; i < ru->np; i++) fprintf(out, "%s%s: %s", i ? ", " : "", ru->pnames[i], m->kinds[ru->pkinds[i]].name);
    fputc(')', out);
}

void report_at(const rep *r, FILE *out)
{
    if (r->at) fprintf(out, " at %s", r->at);
}

void report_show_begin(rep *r, int rule)
{
    if (r->as_json) { json_show_begin(r, rule); return; }
    if (r->as_csv) { report_csv_show_head(r, rule); return; }
    const rule_info *ru = &r->m->rules[rule];
    set_widths(r, rule);
    fputs("show ", r->out);
    report_params(r->out, r->m, rule);
    report_at(r, r->out);
    report_range_heading(r->out, ru, ": ");
    for (int i = 0; i < ru->np; i++) {
        fputs("  ", r->out);
        report_pad(r->out, ru->pnames[i], r->widths[i]);
    }
    fputs("  ", r->out);
    if (ru->score) {
        report_pad(r->out, "verdict", 13);
        report_lpad(r->out, "score", 9);
    } else
        fputs("verdict", r->out);
    fputc('\n', r->out);
}

void report_show_row(rep *r, int rule, const show_row *row, int first)
{
    (void)first;
    if (r->as_json) { json_show_row(r, rule, row); return; }
    if (r->as_csv) { report_csv_show_row(r, rule, row); return; }
    tuple_cols(r, rule, row->tuple);
    if (r->m->rules[rule].score) {
        char buf[32];
        fmt_fixed(buf, sizeof buf, row->score);
        report_pad(r->out, verdict_text(row->verdict), 13);
        /* the rows are printed as they are decided (there may be millions):
         * a score wider than its column takes a blank more, never none */
        report_lpad(r->out, buf, report_widen(9, buf, 1));
    } else
        fputs(verdict_text(row->verdict), r->out);
    fputc('\n', r->out);
}

void report_show_end(rep *r, int rule, long formed, long total)
{
    (void)rule;
    if (r->as_json) { json_show_end(r, formed, total); return; }
    if (r->as_csv) return;
    fprintf(r->out, "  %ld of %ld tuple%s form%s\n", formed, total, total == 1 ? "" : "s", total == 1 ? "s" : "");
}

void report_show_abort(rep *r, const char *why)
{
    if (r->as_json) json_show_abort(r, why);
}

void report_show_one(rep *r, int rule, const show_row *row)
{
    if (r->as_json) { json_show_one(r, rule, row); return; }
    if (r->as_csv) {
        report_csv_show_head(r, rule);
        report_csv_show_row(r, rule, row);
        return;
    }
    fputs("show ", r->out);
    report_tuple(r->out, r->m, rule, row->tuple);
    report_at(r, r->out);
    fprintf(r->out, ": %s", verdict_text(row->verdict));
    if (r->m->rules[rule].score) {
        char buf[32];
        fmt_fixed(buf, sizeof buf, row->score);
        fprintf(r->out, ", score %s", buf);
    }
    fputc('\n', r->out);
}

/* ---- what if ---- */

/* A verdict of a what-if row: -1 is a runtime error. */
static const char *whatif_verdict(int v) { return v < 0 ? "error" : verdict_text(v); }

void report_whatif_scores(const diff_row *x, char a[32], char b[32])
{
    fmt_fixed(a, 32, x->s0);
    fmt_fixed(b, 32, x->s1);
    for (int dec = 5; x->s0 != x->s1 && strcmp(a, b) == 0 && dec <= 8 && fabs(x->s0) < 1e12; dec++) {
        snprintf(a, 32, "%.*f", dec, x->s0);
        snprintf(b, 32, "%.*f", dec, x->s1);
    }
    if (strcmp(a, b) == 0 && x->s0 != x->s1) {
        fmt_num(a, 32, x->s0);
        fmt_num(b, 32, x->s1);
    }
    if (x->s0 == x->s1) snprintf(b, 32, "same");
    if (x->v0 < 0) snprintf(a, 32, "-");
    if (x->v1 < 0) snprintf(b, 32, "-");
}

static void whatif_row(rep *r, int rule, const diff_row *x, const int sw[2])
{
    const rule_info *ru = &r->m->rules[rule];
    tuple_cols(r, rule, x->tuple);
    if (!ru->score) {
        report_pad(r->out, whatif_verdict(x->v0), 15);
        fprintf(r->out, "%s\n", whatif_verdict(x->v1));
        return;
    }
    char a[32], b[32];
    report_whatif_scores(x, a, b);
    report_pad(r->out, whatif_verdict(x->v0), 15);
    report_pad(r->out, whatif_verdict(x->v1), 13);
    fputs("  ", r->out);
    report_lpad(r->out, a, sw[0]);
    fputs("  ", r->out);
    report_lpad(r->out, b, sw[1]);
    fputc('\n', r->out);
}

static void whatif_head(rep *r, int rule, int kept, const int w[2])
{
    const rule_info *ru = &r->m->rules[rule];
    for (int i = 0; i < ru->np; i++) {
        fputs("  ", r->out);
        report_pad(r->out, ru->pnames[i], r->widths[i]);
    }
    const char *was = kept ? "before" : "now", *is = kept ? "after" : "what if";
    fputs("  ", r->out);
    report_pad(r->out, was, 15);
    if (!ru->score) {
        fprintf(r->out, "%s\n", is);
        return;
    }
    char sw[32];
    snprintf(sw, sizeof sw, "score %s", was);
    report_pad(r->out, is, 13);
    fputs("  ", r->out);
    report_lpad(r->out, sw, w[0]);
    fputs("  ", r->out);
    report_lpad(r->out, is, w[1]);
    fputc('\n', r->out);
}

void report_whatif(rep *r, int rule, const diff_rule *d, int kept)
{
    if (r->m->rules[rule].tender) { report_tender_whatif(r, rule, d, kept); return; }
    if (r->as_json) { json_whatif(r, rule, d); return; }
    const rule_info *ru = &r->m->rules[rule];
    long flips = 0, n = (long)d->n, total = d->total;
    for (size_t i = 0; i < d->n; i++) flips += d->rows[i].v0 != d->rows[i].v1;
    set_widths(r, rule);
    fputs(ru->name, r->out);
    report_at(r, r->out);
    fprintf(r->out, ": %ld of %ld verdict%s change%s", flips, total, total == 1 ? "" : "s", flips == 1 ? "s" : "");
    if (n > flips) fprintf(r->out, "; %ld more score%s move%s", n - flips, n - flips == 1 ? "" : "s",
                           n - flips == 1 ? "s" : "");
    fputc('\n', r->out);
    int sw[2] = {12, 10}; /* the score columns, as wide as their widest */
    for (size_t i = 0; ru->score && i < d->n; i++) {
        char a[32], b[32];
        report_whatif_scores(&d->rows[i], a, b);
        sw[0] = report_widen(sw[0], a, 0);
        sw[1] = report_widen(sw[1], b, 0);
    }
    whatif_head(r, rule, kept, sw);
    int errors = 0;
    for (int pass = 0; pass < 2; pass++) /* the verdicts that change, then the scores that move */
        for (size_t i = 0; i < d->n; i++)
            if ((d->rows[i].v0 != d->rows[i].v1) == (pass == 0)) {
                whatif_row(r, rule, &d->rows[i], sw);
                errors |= d->rows[i].v0 < 0 || d->rows[i].v1 < 0;
            }
    if (errors)
        fputs("  error: a runtime error (a division by zero, an aggregate over nothing) decides no verdict; explain "
              "the tuple to see where\n", r->out);
}

void report_whatif_none(rep *r, long total)
{
    if (r->as_json) return;
    fputs("no verdict or score changes", r->out);
    report_at(r, r->out);
    fprintf(r->out, " (of %ld tuple%s)\n", total, total == 1 ? "" : "s");
}

/* ---- parameters ---- */

void report_model_params(rep *r, const coop_world *w)
{
    if (r->as_json) { json_model_params(r, w); return; }
    if (r->as_csv) { report_csv_params(r, w); return; }
    const model *m = r->m;
    FILE *out = r->out;
    fputs("show params", out);
    report_at(r, out);
    if (!m->nparams) {
        fputs(": the model has no parameters (param NAME = VALUE declares one)\n", out);
        return;
    }
    fputc('\n', out);
    int changed = 0, cw[4] = {9, 5, 8, 5};
    char c[4][160];
    for (int p = 0; p < m->nparams; p++) changed |= w->param[p] != m->params[p].value;
    for (int pass = 0; pass < 2; pass++) /* the widths, then the rows */
        for (int p = -1; p < m->nparams; p++) {
            const param_info *pi = p >= 0 ? &m->params[p] : NULL;
            char a[64], b[64];
            if (!pi) {
                snprintf(c[0], 160, "parameter");
                snprintf(c[1], 160, "value");
                snprintf(c[2], 160, "declared");
                snprintf(c[3], 160, "range");
            } else {
                snprintf(c[0], 160, "%s", pi->name);
                report_param_value(m, p, w->param[p], c[1], 160);
                report_param_value(m, p, pi->value, c[2], 160);
                if (isnan(pi->lo)) snprintf(c[3], 160, ".");
                else {
                    fmt_num(a, sizeof a, pi->lo);
                    fmt_num(b, sizeof b, pi->hi);
                    snprintf(c[3], 160, "%s .. %s", a, b);
                }
            }
            if (pass == 0) {
                for (int j = 0; j < 4; j++) cw[j] = report_widen(cw[j], c[j], 0);
                continue;
            }
            fputs("  ", out);
            report_pad(out, c[0], cw[0]);
            report_lpad(out, c[1], cw[1] + 2);
            if (changed) report_lpad(out, c[2], cw[2] + 2);
            fputs("  ", out);
            if (pi && !pi->label) fputs(c[3], out);
            else report_pad(out, c[3], cw[3]);
            if (!pi) fputs("  label", out);
            else if (pi->label) fprintf(out, "  %s", pi->label);
            fputc('\n', out);
        }
}

/* ---- explain ---- */

/* Who plays which part, with the actors' labels. */
static void explain_cast(rep *r, const rule_info *ru, const explain_result *x)
{
    FILE *out = r->out;
    fputs("explain ", out);
    report_tuple(out, r->m, x->rule, x->tuple);
    report_at(r, out);
    fprintf(out, ": %s\n", verdict_text(x->verdict));
    report_cast(r, ru, x->tuple);
}

void report_cast(rep *r, const rule_info *ru, const int *tuple)
{
    FILE *out = r->out;
    fputc(' ', out);
    for (int i = 0; i < ru->np; i++) {
        const actor_info *a = &r->m->actors[tuple[i]];
        fprintf(out, "%s %s = %s", i ? "," : "", ru->pnames[i], a->name);
        if (a->label) { /* on one line: a label's \n or \t prints as a space */
            fputs(" (", out);
            for (const char *c = a->label; *c; c++) fputc(*c == '\n' || *c == '\t' ? ' ' : *c, out);
            fputc(')', out);
        }
    }
    fputc('\n', out);
}

/* A factor's cells in the trace: own, what influence added ("." for
 * none), effective; whether anything influences it. */
static int factor_cells(const rule_info *ru, const explain_result *x, int i, char own[32], char add[32], char eff[32])
{
    report_factor_value(own, 32, &ru->f[i], x->own[i]);
    report_factor_value(eff, 32, &ru->f[i], x->effective[i]);
    int has_in = 0;
    for (int k = 0; k < ru->ne; k++) has_in |= ru->e[k].to == i;
    if (has_in) fmt_signed(add, 32, x->effective[i] - x->own[i]);
    else snprintf(add, 32, ".");
    return has_in;
}

/* Each factor's own value, what influence added and from where, its
 * effective value. */
void report_explain_factors(rep *r, const rule_info *ru, const explain_result *x)
{
    FILE *out = r->out;
    int fw = report_factor_width(ru), w[3] = {10, 11, 11};
    char own[32], add[32], eff[32];
    for (int i = 0; i < ru->nf; i++) {
        factor_cells(ru, x, i, own, add, eff);
        w[0] = report_widen(w[0], own, 1);
        w[1] = report_widen(w[1], add, 2);
        w[2] = report_widen(w[2], eff, 2);
    }
    fputs("  ", out);
    report_pad(out, "factor", fw);
    report_lpad(out, "own", w[0]);
    report_lpad(out, "influence", w[1]);
    report_lpad(out, "effective", w[2]);
    fputc('\n', out);
    for (int i = 0; i < ru->nf; i++) {
        int has_in = factor_cells(ru, x, i, own, add, eff);
        fputs("  ", out);
        report_pad(out, ru->f[i].name, fw);
        report_lpad(out, own, w[0]);
        report_lpad(out, add, w[1]);
        report_lpad(out, eff, w[2]);
        if (has_in) {
            fputs("   from", out);
            int first = 1;
            for (int k = 0; k < ru->ne; k++) {
                if (ru->e[k].to != i) continue;
                char b[32];
                fmt_signed(b, sizeof b, x->added[k]);
                fprintf(out, "%s %s %s", first ? "" : ",", ru->f[ru->e[k].from].name, b);
                first = 0;
            }
        }
        fputc('\n', out);
    }
}

/* A term's cells in the trace: weight ("." for none), value, contribution. */
static void term_cells(const explain_term *t, char wb[32], char vb[32], char cb[32])
{
    snprintf(wb, 32, ".");
    if (t->weighted) fmt_short(wb, 32, t->weight);
    fmt_fixed(vb, 32, t->value);
    fmt_signed(cb, 32, t->contribution);
}

/* The score, and each term's weight, value and contribution. */
void report_explain_score(rep *r, const explain_result *x)
{
    FILE *out = r->out;
    char sb[32];
    fmt_fixed(sb, sizeof sb, x->score);
    fprintf(out, "  score = %s\n", sb);
    int tw = 4, w[3] = {9, 10, 14};
    char wb[32], vb[32], cb[32];
    for (int i = 0; i < x->nterms; i++) {
        if (utf8_width(x->terms[i].text) + 2 > tw) tw = utf8_width(x->terms[i].text) + 2;
        term_cells(&x->terms[i], wb, vb, cb);
        w[0] = report_widen(w[0], wb, 1);
        w[1] = report_widen(w[1], vb, 2);
        w[2] = report_widen(w[2], cb, 2);
    }
    fputs("    ", out);
    report_pad(out, "term", tw);
    report_lpad(out, "weight", w[0]);
    report_lpad(out, "value", w[1]);
    report_lpad(out, "contribution", w[2]);
    fputc('\n', out);
    for (int i = 0; i < x->nterms; i++) {
        const explain_term *t = &x->terms[i];
        char line[1100];
        term_cells(t, wb, vb, cb);
        snprintf(line, sizeof line, "%s %s", t->sign < 0 ? "-" : "+", t->text);
        fputs("    ", out);
        report_pad(out, line, tw);
        report_lpad(out, wb, w[0]);
        report_lpad(out, vb, w[1]);
        report_lpad(out, cb, w[2]);
        fputc('\n', out);
    }
}

/* "0.52 >= 0.45" for a comparison, else "" (in detail[128]). */
const char *report_clause_detail(const explain_clause *c, char *detail)
{
    detail[0] = 0;
    if (c->compares) {
        char a[32], b[32];
        fmt_short(a, sizeof a, c->left);
        fmt_short(b, sizeof b, c->right);
        snprintf(detail, 128, "%s %s %s", a, ast_op_text(c->op), b);
    }
    return detail;
}

/* Each clause of forms when, whether it holds, and the verdict. */
void report_explain_clauses(rep *r, const explain_result *x)
{
    FILE *out = r->out;
    const char *join = x->any ? "one must hold" : x->nclauses > 1 ? "all must hold" : "must hold";
    fprintf(out, "  forms when (%s)\n", join);
    int cw = 0, dw = 24;
    char detail[128];
    for (int i = 0; i < x->nclauses; i++) {
        if (utf8_width(x->clauses[i].text) > cw) cw = utf8_width(x->clauses[i].text);
        dw = report_widen(dw, report_clause_detail(&x->clauses[i], detail), 1);
    }
    for (int i = 0; i < x->nclauses; i++) {
        const explain_clause *c = &x->clauses[i];
        fputs("    ", out);
        report_pad(out, c->text, cw);
        fputs("   ", out);
        report_pad(out, report_clause_detail(c, detail), dw);
        fprintf(out, "%s\n", c->holds ? "holds" : "fails");
    }
    fprintf(out, "  verdict: %s\n", verdict_text(x->verdict));
}

const char *report_param_value(const model *m, int p, double v, char *buf, size_t n)
{
    if (m->params[p].type == T_BOOL) snprintf(buf, n, "%s", v != 0 ? "true" : "false");
    else fmt_num(buf, n, v);
    return buf;
}

void report_explain_params(rep *r, const explain_result *x)
{
    if (!x->nparams) return;
    fputs("  parameters:", r->out);
    for (int i = 0; i < x->nparams; i++) {
        char b[64];
        fprintf(r->out, "%s %s = %s", i ? "," : "", r->m->params[x->params[i]].name,
                report_param_value(r->m, x->params[i], x->pvalues[i], b, sizeof b));
    }
    fputc('\n', r->out);
}

void report_explain(rep *r, const explain_result *x)
{
    if (r->as_json) { json_explain(r, x); return; }
    const rule_info *ru = &r->m->rules[x->rule];
    if (ru->tender) { report_tender_bid(r, x); return; }
    explain_cast(r, ru, x);
    report_explain_params(r, x);
    report_explain_factors(r, ru, x);
    if (ru->score) report_explain_score(r, x);
    report_explain_clauses(r, x);
}

/* ---- dominance ---- */

/* " of verdict" when a statement asked of the verdict of a rule with a
 * score (not of what it would be asked of unsaid), else "". */
static const char *of_text(const rule_info *ru, shapley_of of)
{
    return of != rule_default_of(ru) ? " of verdict" : "";
}

/* What the Shapley values are of, and how they were found. */
static void dominance_head(rep *r, const rule_info *ru, const dominance_result *d)
{
    FILE *out = r->out;
    char a[32], b[32];
    int k = ru->nf;
    fputs("dominance ", out);
    report_tuple(out, r->m, d->rule, d->tuple);
    fputs(of_text(ru, d->of), out);
    report_at(r, out);
    fprintf(out, ": %s", report_verdict(ru, d->verdict));
    if (ru->score) {
        fmt_fixed(a, sizeof a, d->score);
        fprintf(out, ", score %s", a);
    }
    fputc('\n', out);
    fmt_fixed(b, sizeof b, d->base_target);
    if (d->of == OF_SCORE)
        fprintf(out, "  shapley values of the score; score with every factor at its baseline: %s\n", b);
    else
        fprintf(out, "  shapley values of the verdict (1 %s, 0 %s); verdict at baselines: %s\n", report_verdict(ru, 1),
                ru->tender ? "not" : "does not", report_verdict(ru, d->base_target != 0));
    if (d->exact)
        fprintf(out, "  exact, over all %.0f coalitions of %d factor%s\n", ldexp(1, k), k, k == 1 ? "" : "s");
    else
        fprintf(out, "  sampled: %d random orders of %d factors, seed %llu; +- is one standard error\n",
                COOP_SHAPLEY_PERMUTATIONS, k, (unsigned long long)d->seed);
}

/* The values add up to the target's move; the pivotal factors. */
static void dominance_tail(rep *r, const rule_info *ru, const dominance_result *d, double sum)
{
    FILE *out = r->out;
    char a[32], b[32];
    fmt_fixed(a, sizeof a, sum);
    fmt_fixed(b, sizeof b, d->base_target);
    if (d->of == OF_SCORE) {
        char t[32];
        fmt_fixed(t, sizeof t, d->target);
        fprintf(out, "  the values add up to %s = score %s - baseline score %s\n", a, t, b);
    } else
        fprintf(out, "  the values add up to %s = verdict %d - verdict at baselines %d\n", a, d->verdict,
                d->base_target != 0);
    int np = 0;
    for (int i = 0; i < ru->nf; i++) np += d->pivotal[i];
    if (!np) {
        fputs("  pivotal: none (no factor alone at its baseline flips the verdict)\n", out);
        return;
    }
    fputs("  pivotal:", out);
    int first = 1;
    for (int i = 0; i < ru->nf; i++)
        if (d->pivotal[i]) { fprintf(out, "%s %s", first ? "" : ",", ru->f[i].name); first = 0; }
    fputs(" (each alone at its baseline flips the verdict)\n", out);
}

/* A factor's cells in a dominance table: shapley, +-, share, own,
 * baseline. */
static void dominance_cells(const rule_info *ru, const dominance_result *d, int i, double abssum, char c[5][32])
{
    fmt_signed(c[0], 32, d->phi[i]);
    fmt_fixed(c[1], 32, d->exact ? 0 : d->se[i]);
    snprintf(c[2], 32, "%.1f%%", abssum > 0 ? 100 * fabs(d->phi[i]) / abssum : 0.0);
    report_factor_value(c[3], 32, &ru->f[i], d->own[i]);
    fmt_short(c[4], 32, d->base[i]);
}

const char report_flat_hint[] = "explain shows each clause; to rank what stops a partnership, write each obstacle as a "
                                "factor whose baseline means absent, like 'factor no_law = not g.regulation' "
                                "(docs/analysis.md, section 4)";

const char *report_tied(const rule_info *ru, const double *v, int dominant, char *buf, size_t n)
{
    int tied[COOP_MAX_FACTORS], nt = query_ties(v, ru->nf, dominant, tied);
    size_t len = 0;
    buf[0] = 0;
    for (int i = 0; i < nt && len < n; i++)
        len += (size_t)snprintf(buf + len, n - len, "%s%s", !i ? ", tied with " : i == nt - 1 ? " and " : ", ",
                                ru->f[tied[i]].name);
    return buf;
}

void report_dominance_begin(rep *r, int rule)
{
    if (r->as_csv) report_csv_dominance_head(r, rule);
}

void report_dominance(rep *r, const dominance_result *d)
{
    if (r->as_json) { json_dominance(r, d); return; }
    if (r->as_csv) { report_csv_dominance(r, d); return; }
    const rule_info *ru = &r->m->rules[d->rule];
    FILE *out = r->out;
    int k = ru->nf;
    const int *order = d->order;
    double sum = 0, abssum = 0;
    for (int i = 0; i < k; i++) { sum += d->phi[i]; abssum += fabs(d->phi[i]); }
    dominance_head(r, ru, d);
    if (d->of == OF_VERDICT && query_flat(d->phi, k)) { /* a table of zeros would read "nothing matters" */
        fprintf(out, "  every value is 0: with every factor at its baseline it %s, so the values divide nothing; %s\n",
                d->verdict ? "forms too" : "does not form either", report_flat_hint);
        return;
    }
    int fw = report_factor_width(ru), w[5] = {11, 10, 8, 11, 10};
    char c[5][32];
    for (int i = 0; i < k; i++) {
        dominance_cells(ru, d, i, abssum, c);
        for (int j = 0; j < 5; j++) w[j] = report_widen(w[j], c[j], j == 0 ? 1 : 2);
    }
    static const char *const head[5] = {"shapley", "+-", "share", "own", "baseline"};
    fputs("  rank  ", out);
    report_pad(out, "factor", fw);
    for (int j = 0; j < 5; j++)
        if (j != 1 || !d->exact) report_lpad(out, head[j], w[j]);
    fputs("  pivotal\n", out);
    for (int j = 0; j < k; j++) {
        int i = order[j];
        dominance_cells(ru, d, i, abssum, c);
        fprintf(out, "  %4d  ", j + 1);
        report_pad(out, ru->f[i].name, fw);
        for (int m = 0; m < 5; m++)
            if (m != 1 || !d->exact) report_lpad(out, c[m], w[m]);
        fprintf(out, "  %s\n", d->pivotal[i] ? "yes" : "no");
    }
    char tie[512];
    if (*report_tied(ru, d->phi, d->dominant, tie, sizeof tie))
        fprintf(out, "  dominant: %s%s, equal up to rounding (dominant() names the first declared)\n",
                ru->f[d->dominant].name, tie);
    dominance_tail(r, ru, d, sum);
}

/* A factor's cells in an importance table: importance, mean shapley,
 * dominant in. */
static void importance_cells(const rule_importance *st, int i, char c[3][48])
{
    fmt_fixed(c[0], 48, st->importance[i]);
    fmt_signed(c[1], 48, st->mean[i]);
    snprintf(c[2], 48, "%ld of %ld", st->dominant_in[i], st->total);
}

void report_importance(rep *r, int rule, const rule_importance *st)
{
    if (r->as_json) { json_importance(r, rule, st); return; }
    const rule_info *ru = &r->m->rules[rule];
    FILE *out = r->out;
    int k = ru->nf;
    const int *order = st->order;
    fprintf(out, "dominance %s%s", ru->name, of_text(ru, st->of));
    report_at(r, out);
    fprintf(out, ": mean |shapley| over %ld tuple%s (%ld form%s)%s", st->total, st->total == 1 ? "" : "s", st->formed, st->formed == 1 ? "s" : "", st->exact ? "" : ", sampled");
    report_range_heading(out, ru, "; ");
    if (!st->total) {
        fputs("  no tuples: too few distinct actors match the parameters\n", out);
        return;
    }
    if (st->flat == st->total) {
        fprintf(out, "  every value is 0: every tuple's verdict is its verdict with every factor at its baseline, so "
                     "the values divide nothing; %s\n", report_flat_hint);
        return;
    }
    int fw = report_factor_width(ru), w[3] = {12, 14, 13};
    char c[3][48];
    for (int i = 0; i < k; i++) {
        importance_cells(st, i, c);
        for (int j = 0; j < 3; j++) w[j] = report_widen(w[j], c[j], j == 0 ? 1 : 2);
    }
    fputs("  rank  ", out);
    report_pad(out, "factor", fw);
    report_lpad(out, "importance", w[0]);
    report_lpad(out, "mean shapley", w[1]);
    report_lpad(out, "dominant in", w[2]);
    fputc('\n', out);
    for (int j = 0; j < k; j++) {
        int i = order[j];
        importance_cells(st, i, c);
        fprintf(out, "  %4d  ", j + 1);
        report_pad(out, ru->f[i].name, fw);
        for (int m = 0; m < 3; m++) report_lpad(out, c[m], w[m]);
        fputc('\n', out);
    }
    if (st->flat)
        fprintf(out, "  %ld of %ld tuples have every value 0 (each the verdict it has with every factor at its "
                     "baseline): they count 0 in every mean\n", st->flat, st->total);
    char tie[512];
    if (st->dominant < 0) fputs("  dominant: none (every value is 0)\n", out);
    else if (*report_tied(ru, st->importance, st->dominant, tie, sizeof tie))
        fprintf(out, "  dominant: %s%s, equal up to rounding (dominant() names the first declared)\n",
                ru->f[st->dominant].name, tie);
    else fprintf(out, "  dominant: %s\n", ru->f[st->dominant].name);
}

void report_expect(rep *r, const coop_expect_result *x)
{
    if (r->as_json) json_expect(r, x);
}

/* ---- values ---- */

void report_value_text(FILE *out, const model *m, const coop_world *w, const value_result *v)
{
    char buf[32];
    switch (v->type) {
    case T_FACTOR: fputs(v->num < 0 ? "none" : m->rules[v->rule].f[(int)v->num].name, out); return;
    case T_ACTOR: fputs(v->num < 0 ? "none" : m->actors[(int)v->num].name, out); return;
    case T_STATUS: fputs(tender_status_name((tender_status)v->num), out); return;
    case T_OSTATUS: fputs(obligation_status_name((int)v->num), out); return;
    case T_CSTATUS: fputs(contract_status_name((int)v->num), out); return;
    case T_STR: ast_print_str(out, world_str(w, (int)v->num)); return;
    case T_EVENT: fputs(v->num < 0 ? "none" : m->events[(int)v->num].name, out); return;
    case T_DATE: fputs(isinf(v->num) ? "never" : tl_step_text(m, (int)v->num, buf, sizeof buf), out); return;
    case T_SET: {
        fputc('{', out);
        for (int i = 0, k = 0; i < world_nsyms(w); i++)
            if (vm_member(v->bits, v->nwords, i)) fprintf(out, "%s%s", k++ ? ", " : "", world_sym_name(w, i));
        fputc('}', out);
        return;
    }
    case T_BOOL:
        if (v->rule >= 0) { /* a verdict; a tender's is its bid's eligibility */
            if (m->rules[v->rule].tender) fputs(v->num != 0 ? "eligible" : "not eligible", out);
            else fputs(v->num != 0 ? "forms" : "does not form", out);
            if (v->has_score) {
                fmt_short(buf, sizeof buf, v->score);
                fprintf(out, " (score %s)", buf);
            }
            return;
        }
        fputs(v->num != 0 ? "true" : "false", out);
        return;
    default:
        fmt_num(buf, sizeof buf, v->num);
        fputs(buf, out);
        return;
    }
}

void report_value(rep *r, const char *text, const value_result *v)
{
    if (r->as_json) { json_value(r, text, v); return; }
    report_value_text(r->out, r->m, r->w, v);
    fputc('\n', r->out);
}
