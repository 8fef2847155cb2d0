/* report.c - results as aligned text for people; JSON goes to
 * report_json.c.  Every function here formats what it is given. */
#include "report.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fmt.h"
#include "range.h"
#include "utf8.h"

/* Pads to `w` display columns. */
static void pad(FILE *out, const char *s, int w)
{
    fputs(s, out);
    for (int i = utf8_width(s); i < w; i++) fputc(' ', out);
}

static void lpad(FILE *out, const char *s, int w)
{
    for (int i = utf8_width(s); i < w; i++) fputc(' ', out);
    fputs(s, out);
}

static const char *actor(const rep *r, int a) { return r->m->actors[a].name; }

void report_tuple(FILE *out, const model *m, int rule, const int *tuple)
{
    const rule_info *ru = &m->rules[rule];
    fprintf(out, "%s(", ru->name);
    for (int i = 0; i < ru->np; i++) fprintf(out, "%s%s", i ? ", " : "", m->actors[tuple[i]].name);
    fputc(')', out);
}

static const char *verdict_text(int v) { return v ? "forms" : "does not form"; }

/* A factor's value as people read it: true/false for a boolean factor. */
static void value_text(char *buf, size_t n, const factor_info *f, double x)
{
    if (f->type == T_BOOL) snprintf(buf, n, "%s", x != 0 ? "true" : "false");
    else fmt_fixed(buf, n, x);
}

/* The widest of the factors' names, at least "factor". */
static int factor_width(const rule_info *ru)
{
    int fw = 6;
    for (int i = 0; i < ru->nf; i++)
        if (utf8_width(ru->f[i].name) > fw) fw = utf8_width(ru->f[i].name);
    return fw;
}

/* Ends a rule's heading: after `sep`, what its same-kind parameters range
 * over, if it has any (range.h). */
static void range_heading(FILE *out, const rule_info *ru, const char *sep)
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
        pad(r->out, actor(r, tuple[i]), r->widths[i]);
    }
    fputs("  ", r->out);
}

void report_show_begin(rep *r, int rule)
{
    if (r->as_json) { json_show_begin(r, rule); return; }
    const rule_info *ru = &r->m->rules[rule];
    set_widths(r, rule);
    fprintf(r->out, "show %s(", ru->name);
    for (int i = 0; i < ru->np; i++)
        fprintf(r->out, "%s%s: %s", i ? ", " : "", ru->pnames[i], r->m->kinds[ru->pkinds[i]].name);
    fputc(')', r->out);
    range_heading(r->out, ru, ": ");
    for (int i = 0; i < ru->np; i++) {
        fputs("  ", r->out);
        pad(r->out, ru->pnames[i], r->widths[i]);
    }
    fputs("  ", r->out);
    if (ru->score) {
        pad(r->out, "verdict", 13);
        lpad(r->out, "score", 9);
    } else
        fputs("verdict", r->out);
    fputc('\n', r->out);
}

void report_show_row(rep *r, int rule, const show_row *row, int first)
{
    (void)first;
    if (r->as_json) { json_show_row(r, rule, row); return; }
    tuple_cols(r, rule, row->tuple);
    if (r->m->rules[rule].score) {
        char buf[32];
        fmt_fixed(buf, sizeof buf, row->score);
        pad(r->out, verdict_text(row->verdict), 13);
        lpad(r->out, buf, 9);
    } else
        fputs(verdict_text(row->verdict), r->out);
    fputc('\n', r->out);
}

void report_show_end(rep *r, int rule, long formed, long total)
{
    (void)rule;
    if (r->as_json) { json_show_end(r, formed, total); return; }
    fprintf(r->out, "  %ld of %ld tuple%s form%s\n", formed, total, total == 1 ? "" : "s", total == 1 ? "s" : "");
}

void report_show_abort(rep *r)
{
    if (r->as_json) json_show_abort(r);
}

void report_show_one(rep *r, int rule, const show_row *row)
{
    if (r->as_json) { json_show_one(r, rule, row); return; }
    fputs("show ", r->out);
    report_tuple(r->out, r->m, rule, row->tuple);
    fprintf(r->out, ": %s", verdict_text(row->verdict));
    if (r->m->rules[rule].score) {
        char buf[32];
        fmt_fixed(buf, sizeof buf, row->score);
        fprintf(r->out, ", score %s", buf);
    }
    fputc('\n', r->out);
}

/* ---- what if ---- */

/* A verdict of a what-if row: -1 is a division by zero. */
static const char *whatif_verdict(int v) { return v < 0 ? "error" : verdict_text(v); }

static void whatif_row(rep *r, int rule, const diff_row *x)
{
    const rule_info *ru = &r->m->rules[rule];
    tuple_cols(r, rule, x->tuple);
    if (!ru->score) {
        pad(r->out, whatif_verdict(x->v0), 15);
        fprintf(r->out, "%s\n", whatif_verdict(x->v1));
        return;
    }
    char a[32], b[32];
    fmt_fixed(a, sizeof a, x->s0);
    fmt_fixed(b, sizeof b, x->s1);
    if (x->v0 < 0) snprintf(a, sizeof a, "-");
    if (x->v1 < 0) snprintf(b, sizeof b, "-");
    /* a move smaller than the fourth decimal: as many as show it, up to 8
     * (a smaller move is listed with the two looking alike) */
    for (int dec = 5; x->s0 != x->s1 && strcmp(a, b) == 0 && dec <= 8 && fabs(x->s0) < 1e12; dec++) {
        snprintf(a, sizeof a, "%.*f", dec, x->s0);
        snprintf(b, sizeof b, "%.*f", dec, x->s1);
    }
    pad(r->out, whatif_verdict(x->v0), 15);
    pad(r->out, whatif_verdict(x->v1), 13);
    fputs("  ", r->out);
    lpad(r->out, a, 12);
    fputs("  ", r->out);
    lpad(r->out, b, 10);
    fputc('\n', r->out);
}

static void whatif_head(rep *r, int rule, int kept)
{
    const rule_info *ru = &r->m->rules[rule];
    for (int i = 0; i < ru->np; i++) {
        fputs("  ", r->out);
        pad(r->out, ru->pnames[i], r->widths[i]);
    }
    const char *was = kept ? "before" : "now", *is = kept ? "after" : "what if";
    fputs("  ", r->out);
    pad(r->out, was, 15);
    if (!ru->score) {
        fprintf(r->out, "%s\n", is);
        return;
    }
    char sw[32];
    snprintf(sw, sizeof sw, "score %s", was);
    pad(r->out, is, 13);
    fputs("  ", r->out);
    lpad(r->out, sw, 12);
    fputs("  ", r->out);
    lpad(r->out, is, 10);
    fputc('\n', r->out);
}

void report_whatif(rep *r, int rule, const diff_rule *d, int kept)
{
    if (r->as_json) { json_whatif(r, rule, d); return; }
    const rule_info *ru = &r->m->rules[rule];
    long flips = 0, n = (long)d->n, total = d->total;
    for (size_t i = 0; i < d->n; i++) flips += d->rows[i].v0 != d->rows[i].v1;
    set_widths(r, rule);
    fprintf(r->out, "%s: %ld of %ld verdict%s change%s", ru->name, flips, total, total == 1 ? "" : "s",
            flips == 1 ? "s" : "");
    if (n > flips) fprintf(r->out, "; %ld more score%s move%s", n - flips, n - flips == 1 ? "" : "s",
                           n - flips == 1 ? "s" : "");
    fputc('\n', r->out);
    whatif_head(r, rule, kept);
    int errors = 0;
    for (int pass = 0; pass < 2; pass++) /* the verdicts that change, then the scores that move */
        for (size_t i = 0; i < d->n; i++)
            if ((d->rows[i].v0 != d->rows[i].v1) == (pass == 0)) {
                whatif_row(r, rule, &d->rows[i]);
                errors |= d->rows[i].v0 < 0 || d->rows[i].v1 < 0;
            }
    if (errors) fputs("  error: a division by zero decides no verdict; explain the tuple to see where\n", r->out);
}

void report_whatif_none(rep *r, long total)
{
    if (!r->as_json) fprintf(r->out, "no verdict or score changes (of %ld tuple%s)\n", total, total == 1 ? "" : "s");
}

/* ---- explain ---- */

static const char *cmp_text(binop op)
{
    static const char *t[] = {"<", "<=", ">", ">=", "==", "!="};
    return op >= OP_LT && op <= OP_NE ? t[op - OP_LT] : "?";
}

/* Who plays which part, with the actors' labels. */
static void explain_cast(rep *r, const rule_info *ru, const explain_result *x)
{
    FILE *out = r->out;
    fputs("explain ", out);
    report_tuple(out, r->m, x->rule, x->tuple);
    fprintf(out, ": %s\n ", verdict_text(x->verdict));
    for (int i = 0; i < ru->np; i++) {
        const actor_info *a = &r->m->actors[x->tuple[i]];
        fprintf(out, "%s %s = %s", i ? "," : "", ru->pnames[i], a->name);
        if (a->label) { /* on one line: a label's \n or \t prints as a space */
            fputs(" (", out);
            for (const char *c = a->label; *c; c++) fputc(*c == '\n' || *c == '\t' ? ' ' : *c, out);
            fputc(')', out);
        }
    }
    fputc('\n', out);
}

/* Each factor's own value, what influence added and from where, its
 * effective value. */
static void explain_factors(rep *r, const rule_info *ru, const explain_result *x)
{
    FILE *out = r->out;
    int fw = factor_width(ru);
    fputs("  ", out);
    pad(out, "factor", fw);
    fputs("       own  influence  effective\n", out);
    for (int i = 0; i < ru->nf; i++) {
        char own[32], add[32], eff[32];
        value_text(own, sizeof own, &ru->f[i], x->own[i]);
        value_text(eff, sizeof eff, &ru->f[i], x->effective[i]);
        int has_in = 0;
        for (int k = 0; k < ru->ne; k++) has_in |= ru->e[k].to == i;
        if (has_in) fmt_signed(add, sizeof add, x->effective[i] - x->own[i]);
        else snprintf(add, sizeof add, ".");
        fputs("  ", out);
        pad(out, ru->f[i].name, fw);
        lpad(out, own, 10);
        lpad(out, add, 11);
        lpad(out, eff, 11);
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

/* The score, and each term's weight, value and contribution. */
static void explain_score(rep *r, const explain_result *x)
{
    FILE *out = r->out;
    char sb[32];
    fmt_fixed(sb, sizeof sb, x->score);
    fprintf(out, "  score = %s\n", sb);
    int tw = 4;
    for (int i = 0; i < x->nterms; i++)
        if (utf8_width(x->terms[i].text) + 2 > tw) tw = utf8_width(x->terms[i].text) + 2;
    fputs("    ", out);
    pad(out, "term", tw);
    fputs("   weight     value  contribution\n", out);
    for (int i = 0; i < x->nterms; i++) {
        const explain_term *t = &x->terms[i];
        char wb[32] = ".", vb[32], cb[32], line[1100];
        if (t->weighted) fmt_short(wb, sizeof wb, t->weight);
        fmt_fixed(vb, sizeof vb, t->value);
        fmt_signed(cb, sizeof cb, t->contribution);
        snprintf(line, sizeof line, "%s %s", t->sign < 0 ? "-" : "+", t->text);
        fputs("    ", out);
        pad(out, line, tw);
        lpad(out, wb, 9);
        lpad(out, vb, 10);
        lpad(out, cb, 14);
        fputc('\n', out);
    }
}

/* Each clause of forms when, whether it holds, and the verdict. */
static void explain_clauses(rep *r, const explain_result *x)
{
    FILE *out = r->out;
    const char *join = x->any ? "one must hold" : x->nclauses > 1 ? "all must hold" : "must hold";
    fprintf(out, "  forms when (%s)\n", join);
    int cw = 0;
    for (int i = 0; i < x->nclauses; i++)
        if (utf8_width(x->clauses[i].text) > cw) cw = utf8_width(x->clauses[i].text);
    for (int i = 0; i < x->nclauses; i++) {
        const explain_clause *c = &x->clauses[i];
        char detail[128] = "";
        if (c->compares) {
            char a[32], b[32];
            fmt_short(a, sizeof a, c->left);
            fmt_short(b, sizeof b, c->right);
            snprintf(detail, sizeof detail, "%s %s %s", a, cmp_text(c->op), b);
        }
        fputs("    ", out);
        pad(out, c->text, cw);
        fputs("   ", out);
        pad(out, detail, 24);
        fprintf(out, "%s\n", c->holds ? "holds" : "fails");
    }
    fprintf(out, "  verdict: %s\n", verdict_text(x->verdict));
}

void report_explain(rep *r, const explain_result *x)
{
    if (r->as_json) { json_explain(r, x); return; }
    const rule_info *ru = &r->m->rules[x->rule];
    explain_cast(r, ru, x);
    explain_factors(r, ru, x);
    if (ru->score) explain_score(r, x);
    explain_clauses(r, x);
}

/* ---- dominance ---- */

/* What the Shapley values are of, and how they were found. */
static void dominance_head(rep *r, const rule_info *ru, const dominance_result *d)
{
    FILE *out = r->out;
    char a[32], b[32];
    int k = ru->nf;
    fputs("dominance ", out);
    report_tuple(out, r->m, d->rule, d->tuple);
    fprintf(out, ": %s", verdict_text(d->verdict));
    if (ru->score) {
        fmt_fixed(a, sizeof a, d->target);
        fprintf(out, ", score %s", a);
    }
    fputc('\n', out);
    fmt_fixed(b, sizeof b, d->base_target);
    if (ru->score)
        fprintf(out, "  shapley values of the score; score with every factor at its baseline: %s\n", b);
    else
        fprintf(out, "  shapley values of the verdict (1 forms, 0 does not); verdict at baselines: %s\n",
                verdict_text(d->base_target != 0));
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
    if (ru->score) {
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

void report_dominance(rep *r, const dominance_result *d)
{
    if (r->as_json) { json_dominance(r, d); return; }
    const rule_info *ru = &r->m->rules[d->rule];
    FILE *out = r->out;
    int k = ru->nf;
    const int *order = d->order;
    double sum = 0, abssum = 0;
    for (int i = 0; i < k; i++) { sum += d->phi[i]; abssum += fabs(d->phi[i]); }
    dominance_head(r, ru, d);
    int fw = factor_width(ru);
    fputs("  rank  ", out);
    pad(out, "factor", fw);
    fputs(d->exact ? "    shapley   share" : "    shapley        +-   share", out);
    fputs("        own  baseline  pivotal\n", out);
    for (int j = 0; j < k; j++) {
        int i = order[j];
        char ph[32], sh[32], own[32], base[32], se[32];
        fmt_signed(ph, sizeof ph, d->phi[i]);
        snprintf(sh, sizeof sh, "%.1f%%", abssum > 0 ? 100 * fabs(d->phi[i]) / abssum : 0.0);
        value_text(own, sizeof own, &ru->f[i], d->own[i]);
        fmt_short(base, sizeof base, ru->f[i].baseline);
        fprintf(out, "  %4d  ", j + 1);
        pad(out, ru->f[i].name, fw);
        lpad(out, ph, 11);
        if (!d->exact) {
            fmt_fixed(se, sizeof se, d->se[i]);
            lpad(out, se, 10);
        }
        lpad(out, sh, 8);
        lpad(out, own, 11);
        lpad(out, base, 10);
        fprintf(out, "  %s\n", d->pivotal[i] ? "yes" : "no");
    }
    dominance_tail(r, ru, d, sum);
}

void report_importance(rep *r, int rule, const rule_stats *st)
{
    if (r->as_json) { json_importance(r, rule, st); return; }
    const rule_info *ru = &r->m->rules[rule];
    FILE *out = r->out;
    int k = ru->nf;
    const int *order = st->order;
    fprintf(out, "dominance %s: mean |shapley| over %ld tuple%s (%ld form%s)%s", ru->name, st->total,
            st->total == 1 ? "" : "s", st->count, st->count == 1 ? "s" : "", st->exact ? "" : ", sampled");
    range_heading(out, ru, "; ");
    if (!st->total) {
        fputs("  no tuples: too few distinct actors match the parameters\n", out);
        return;
    }
    int fw = factor_width(ru);
    fputs("  rank  ", out);
    pad(out, "factor", fw);
    fputs("  importance  mean shapley  dominant in\n", out);
    for (int j = 0; j < k; j++) {
        int i = order[j];
        char im[32], mn[32], dm[48];
        fmt_fixed(im, sizeof im, st->importance[i]);
        fmt_signed(mn, sizeof mn, st->mean[i]);
        snprintf(dm, sizeof dm, "%ld of %ld", st->dominant_in[i], st->total);
        fprintf(out, "  %4d  ", j + 1);
        pad(out, ru->f[i].name, fw);
        lpad(out, im, 12);
        lpad(out, mn, 14);
        lpad(out, dm, 13);
        fputc('\n', out);
    }
    fprintf(out, "  dominant: %s\n", st->dominant >= 0 ? ru->f[st->dominant].name : "none (every value is 0)");
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
    case T_STR: ast_print_str(out, world_str(w, (int)v->num)); return;
    case T_SET: {
        fputc('{', out);
        for (int i = 0, k = 0; i < world_nsyms(w); i++)
            if (vm_member(v->bits, v->nwords, i)) fprintf(out, "%s%s", k++ ? ", " : "", world_sym_name(w, i));
        fputc('}', out);
        return;
    }
    case T_BOOL:
        if (v->rule >= 0) { /* a verdict */
            fputs(v->num != 0 ? "forms" : "does not form", out);
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
