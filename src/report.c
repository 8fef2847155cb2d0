/* report.c - text and JSON for show, explain, dominance and expect. */
#include "report.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "compile.h"

/* ---- numbers and strings ---- */

void report_json_str(FILE *out, const char *s)
{
    fputc('"', out);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        switch (*p) {
        case '"': fputs("\\\"", out); break;
        case '\\': fputs("\\\\", out); break;
        case '\n': fputs("\\n", out); break;
        case '\t': fputs("\\t", out); break;
        case '\r': fputs("\\r", out); break;
        default:
            if (*p < 0x20) fprintf(out, "\\u%04x", *p);
            else fputc(*p, out);
        }
    }
    fputc('"', out);
}

void report_json_num(FILE *out, double x)
{
    if (!isfinite(x)) { fputs("null", out); return; }
    char buf[64];
    ast_fmtnum(buf, sizeof buf, x);
    fputs(buf, out);
}

void report_fixed(char *buf, size_t n, double x)
{
    if (ast_fmt_nonfinite(buf, n, x)) return;
    if (fabs(x) >= 1e12) { /* four decimals of a huge number would not fit */
        snprintf(buf, n, "%.6g", x);
        return;
    }
    snprintf(buf, n, "%.4f", x);
    if (strcmp(buf, "-0.0000") == 0) snprintf(buf, n, "0.0000");
}

void report_short(char *buf, size_t n, double x)
{
    report_fixed(buf, n, x);
    char *dot = strchr(buf, '.');
    if (!dot || strchr(buf, 'e')) return; /* no trimming inside an exponent */
    char *e = buf + strlen(buf) - 1;
    while (e > dot && *e == '0') *e-- = 0;
    if (e == dot) *e = 0;
}

/* A fixed number with its sign always shown: "+0.1500", "-0.0900". */
static void signed_fixed(char *buf, size_t n, double x)
{
    char t[24]; /* report_fixed writes at most 18 characters */
    report_fixed(t, sizeof t, x);
    snprintf(buf, n, "%s%s", t[0] == '-' || !isfinite(x) ? "" : "+", t);
}

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

static const char *actor(const rep *r, int a) { return r->s->w.actors[a].name; }

void report_tuple(FILE *out, const coop_script *s, int rule, const int *tuple)
{
    const rule_info *ru = &s->m.rules[rule];
    fprintf(out, "%s(", ru->name);
    for (int i = 0; i < ru->np; i++) fprintf(out, "%s%s", i ? ", " : "", s->w.actors[tuple[i]].name);
    fputc(')', out);
}

static void json_tuple(rep *r, int rule, const int *tuple)
{
    fputc('[', r->out);
    for (int i = 0; i < r->s->m.rules[rule].np; i++) {
        if (i) fputc(',', r->out);
        report_json_str(r->out, actor(r, tuple[i]));
    }
    fputc(']', r->out);
}

static void json_head(rep *r, const char *type, int rule)
{
    fprintf(r->out, "{\"type\":\"%s\",\"rule\":", type);
    report_json_str(r->out, r->s->m.rules[rule].name);
}

static const char *verdict_text(int v) { return v ? "forms" : "does not form"; }

/* A factor's value as people read it: true/false for a boolean factor. */
static void value_text(char *buf, size_t n, const factor_info *f, double x)
{
    if (f->type == T_BOOL) snprintf(buf, n, "%s", x != 0 ? "true" : "false");
    else report_fixed(buf, n, x);
}

/* ---- show ---- */

/* The width of parameter p's column: its name or its widest actor. */
static int col_width(rep *r, int rule, int p)
{
    const rule_info *ru = &r->s->m.rules[rule];
    int w = utf8_width(ru->pnames[p]);
    for (int i = 0; i < ru->ncand[p]; i++) {
        int x = utf8_width(actor(r, ru->cand[p][i]));
        if (x > w) w = x;
    }
    return w;
}

void report_show_begin(rep *r, int rule)
{
    const rule_info *ru = &r->s->m.rules[rule];
    for (int i = 0; i < ru->np; i++) r->widths[i] = col_width(r, rule, i); /* once, not per row */
    if (r->json) {
        json_head(r, "show", rule);
        fputs(",\"params\":[", r->out);
        for (int i = 0; i < ru->np; i++) {
            if (i) fputc(',', r->out);
            report_json_str(r->out, ru->pnames[i]);
        }
        fputs("],\"rows\":[", r->out);
        return;
    }
    fprintf(r->out, "show %s(", ru->name);
    for (int i = 0; i < ru->np; i++)
        fprintf(r->out, "%s%s: %s", i ? ", " : "", ru->pnames[i], r->s->m.kinds[ru->pkinds[i]].name);
    fputs(")\n", r->out);
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

void report_show_row(rep *r, int rule, const int *tuple, int verdict, double score, int first)
{
    const rule_info *ru = &r->s->m.rules[rule];
    if (r->json) {
        fputs(first ? "{\"tuple\":" : ",{\"tuple\":", r->out);
        json_tuple(r, rule, tuple);
        fprintf(r->out, ",\"forms\":%s,\"score\":", verdict ? "true" : "false");
        if (ru->score) report_json_num(r->out, score); else fputs("null", r->out);
        fputc('}', r->out);
        return;
    }
    for (int i = 0; i < ru->np; i++) {
        fputs("  ", r->out);
        pad(r->out, actor(r, tuple[i]), r->widths[i]);
    }
    fputs("  ", r->out);
    if (ru->score) {
        char buf[32];
        report_fixed(buf, sizeof buf, score);
        pad(r->out, verdict_text(verdict), 13);
        lpad(r->out, buf, 9);
    } else
        fputs(verdict_text(verdict), r->out);
    fputc('\n', r->out);
}

void report_show_end(rep *r, int rule, long formed, long total)
{
    (void)rule;
    if (r->json) {
        fprintf(r->out, "],\"formed\":%ld,\"total\":%ld}\n", formed, total);
        return;
    }
    fprintf(r->out, "  %ld of %ld tuple%s form%s\n", formed, total, total == 1 ? "" : "s", total == 1 ? "s" : "");
}

void report_show_one(rep *r, int rule, const int *tuple, int verdict, double score)
{
    const rule_info *ru = &r->s->m.rules[rule];
    if (r->json) {
        json_head(r, "show", rule);
        fputs(",\"tuple\":", r->out);
        json_tuple(r, rule, tuple);
        fprintf(r->out, ",\"forms\":%s,\"score\":", verdict ? "true" : "false");
        if (ru->score) report_json_num(r->out, score); else fputs("null", r->out);
        fputs("}\n", r->out);
        return;
    }
    fputs("show ", r->out);
    report_tuple(r->out, r->s, rule, tuple);
    fprintf(r->out, ": %s", verdict_text(verdict));
    if (ru->score) {
        char buf[32];
        report_fixed(buf, sizeof buf, score);
        fprintf(r->out, ", score %s", buf);
    }
    fputc('\n', r->out);
}

/* ---- what if ---- */

/* A verdict of a what-if row: -1 is a division by zero. */
static const char *whatif_verdict(int v) { return v < 0 ? "error" : verdict_text(v); }

static void whatif_row(rep *r, const rule_info *ru, const diff_row *x)
{
    for (int i = 0; i < ru->np; i++) {
        fputs("  ", r->out);
        pad(r->out, actor(r, x->tuple[i]), r->widths[i]);
    }
    fputs("  ", r->out);
    if (!ru->score) {
        pad(r->out, whatif_verdict(x->v0), 15);
        fprintf(r->out, "%s\n", whatif_verdict(x->v1));
        return;
    }
    char a[32], b[32];
    report_fixed(a, sizeof a, x->s0);
    report_fixed(b, sizeof b, x->s1);
    if (x->v0 < 0) snprintf(a, sizeof a, "-");
    if (x->v1 < 0) snprintf(b, sizeof b, "-");
    /* a move smaller than the fourth decimal: as many as show it, up to 8
     * (a smaller move is listed with the two looking alike) */
    for (int dec = 5; strcmp(a, b) == 0 && dec <= 8 && fabs(x->s0) < 1e12; dec++) {
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

void report_whatif(rep *r, int rule, const diff_row *rows, size_t n, long total, int kept)
{
    const rule_info *ru = &r->s->m.rules[rule];
    long flips = 0;
    for (size_t i = 0; i < n; i++) flips += rows[i].v0 != rows[i].v1;
    if (r->json) {
        json_head(r, "what_if", rule);
        fputs(",\"rows\":[", r->out);
        for (size_t i = 0; i < n; i++) {
            fputs(i ? ",{\"tuple\":" : "{\"tuple\":", r->out);
            json_tuple(r, rule, rows[i].tuple);
            const char *tf[] = {"null", "false", "true"}; /* null: a division by zero */
            fprintf(r->out, ",\"forms\":[%s,%s],\"score\":", tf[rows[i].v0 + 1], tf[rows[i].v1 + 1]);
            if (ru->score) {
                fputc('[', r->out);
                report_json_num(r->out, rows[i].s0);
                fputc(',', r->out);
                report_json_num(r->out, rows[i].s1);
                fputc(']', r->out);
            } else
                fputs("null", r->out);
            fputc('}', r->out);
        }
        fprintf(r->out, "],\"changed\":%ld,\"moved\":%zu,\"total\":%ld}\n", flips, n, total);
        return;
    }
    for (int i = 0; i < ru->np; i++) r->widths[i] = col_width(r, rule, i);
    fprintf(r->out, "%s: %ld of %ld verdict%s change%s", ru->name, flips, total, total == 1 ? "" : "s",
            flips == 1 ? "s" : "");
    if ((long)n > flips) fprintf(r->out, "; %ld more score%s move%s", (long)n - flips, (long)n - flips == 1 ? "" : "s",
                                 (long)n - flips == 1 ? "s" : "");
    fputc('\n', r->out);
    for (int i = 0; i < ru->np; i++) {
        fputs("  ", r->out);
        pad(r->out, ru->pnames[i], r->widths[i]);
    }
    const char *was = kept ? "before" : "now", *is = kept ? "after" : "what if";
    fputs("  ", r->out);
    pad(r->out, was, 15);
    if (ru->score) {
        char sw[32];
        snprintf(sw, sizeof sw, "score %s", was);
        pad(r->out, is, 13);
        fputs("  ", r->out);
        lpad(r->out, sw, 12);
        fputs("  ", r->out);
        lpad(r->out, is, 10);
        fputc('\n', r->out);
    } else
        fprintf(r->out, "%s\n", is);
    int errors = 0;
    for (int pass = 0; pass < 2; pass++) /* the verdicts that change, then the scores that move */
        for (size_t i = 0; i < n; i++)
            if ((rows[i].v0 != rows[i].v1) == (pass == 0)) {
                whatif_row(r, ru, &rows[i]);
                errors |= rows[i].v0 < 0 || rows[i].v1 < 0;
            }
    if (errors) fputs("  error: a division by zero decides no verdict; explain the tuple to see where\n", r->out);
}

/* ---- explain ---- */

/* The terms of a sum: ((t1 + t2) - t3) gives +t1, +t2, -t3. */
static int terms(const rexpr *x, const rexpr **t, int *sign, int n, int max, int s)
{
    if (x->k == R_BIN && (x->op == OP_ADD || x->op == OP_SUB) && n < max - 1) {
        n = terms(x->sub[0], t, sign, n, max, s);
        t[n] = x->sub[1];
        sign[n] = x->op == OP_SUB ? -s : s;
        return n + 1;
    }
    t[n] = x;
    sign[n] = s;
    return n + 1;
}

/* The clauses of a condition: a and b and c, or a or b or c. */
static int clauses(const rexpr *x, binop op, const rexpr **c, int n, int max)
{
    if (x->k == R_BIN && x->op == op && n < max - 1) {
        n = clauses(x->sub[0], op, c, n, max);
        c[n] = x->sub[1];
        return n + 1;
    }
    c[n] = x;
    return n + 1;
}

#define MAXTERMS 256

static const char *cmp_text(binop op)
{
    static const char *t[] = {"<", "<=", ">", ">=", "==", "!="};
    return op >= OP_LT && op <= OP_NE ? t[op - OP_LT] : "?";
}

void report_explain(rep *r, const evaluator *e, int verdict)
{
    const rule_info *ru = e->ru;
    FILE *out = r->out;
    arena tmp;
    arena_init(&tmp);
    int err = 0, nf = ru->nf;
    double score = ru->score ? e->r[nf] : 0;

    if (r->json) {
        json_head(r, "explain", e->rule);
        fputs(",\"tuple\":", out);
        json_tuple(r, e->rule, e->tuple);
        fputs(",\"labels\":[", out);
        for (int i = 0; i < ru->np; i++) {
            const char *l = r->s->w.actors[e->tuple[i]].label;
            if (i) fputc(',', out);
            if (l) report_json_str(out, l); else fputs("null", out);
        }
        fputc(']', out);
        fprintf(out, ",\"forms\":%s,\"score\":", verdict ? "true" : "false");
        if (ru->score) report_json_num(out, score); else fputs("null", out);
        fputs(",\"factors\":[", out);
        for (int i = 0; i < nf; i++) {
            fprintf(out, "%s{\"name\":", i ? "," : "");
            report_json_str(out, ru->f[i].name);
            fputs(",\"own\":", out); report_json_num(out, e->own[i]);
            fputs(",\"influence\":", out); report_json_num(out, e->r[i] - e->own[i]);
            fputs(",\"effective\":", out); report_json_num(out, e->r[i]);
            fputs(",\"from\":[", out);
            int first = 1;
            for (int k = 0; k < ru->ne; k++) {
                if (ru->e[k].to != i) continue;
                fprintf(out, "%s{\"factor\":", first ? "" : ",");
                report_json_str(out, ru->f[ru->e[k].from].name);
                fputs(",\"weight\":", out); report_json_num(out, ru->e[k].w);
                fputs(",\"added\":", out); report_json_num(out, ru->e[k].w * e->r[ru->e[k].from]);
                fputc('}', out);
                first = 0;
            }
            fputs("]}", out);
        }
        fputs("],\"terms\":[", out);
        if (ru->score) {
            const rexpr *t[MAXTERMS];
            int sg[MAXTERMS], n = terms(ru->score, t, sg, 0, MAXTERMS, 1);
            for (int i = 0; i < n; i++) {
                double k = 1;
                const rexpr *v = t[i];
                int w = rx_weighted(t[i], &k, &v) || t[i]->k == R_FACTOR;
                double val = ev_expr(e, t[i], NULL, NULL, &err);
                fprintf(out, "%s{\"text\":", i ? "," : "");
                report_json_str(out, ast_text(&tmp, t[i]->src));
                fprintf(out, ",\"sign\":%d,\"weight\":", sg[i]);
                if (w) report_json_num(out, sg[i] * k); else fputs("null", out);
                fputs(",\"factor\":", out);
                if (w && v->k == R_FACTOR) report_json_str(out, ru->f[v->index].name); else fputs("null", out);
                fputs(",\"value\":", out); /* what the weight weighs, else the term's own value */
                report_json_num(out, w ? ev_expr(e, v, NULL, NULL, &err) : val);
                fputs(",\"contribution\":", out);
                report_json_num(out, sg[i] * val);
                fputc('}', out);
            }
        }
        fputs("],\"clauses\":[", out);
        const rexpr *c[MAXTERMS];
        int n = clauses(ru->forms, OP_AND, c, 0, MAXTERMS);
        if (n == 1) n = clauses(ru->forms, OP_OR, c, 0, MAXTERMS);
        for (int i = 0; i < n; i++) {
            fprintf(out, "%s{\"text\":", i ? "," : "");
            report_json_str(out, ast_text(&tmp, c[i]->src));
            fprintf(out, ",\"holds\":%s", ev_expr(e, c[i], NULL, NULL, &err) != 0 ? "true" : "false");
            if (c[i]->k == R_BIN && c[i]->op >= OP_LT && c[i]->op <= OP_NE) {
                fputs(",\"op\":", out);
                report_json_str(out, cmp_text(c[i]->op));
                fputs(",\"left\":", out); report_json_num(out, ev_expr(e, c[i]->sub[0], NULL, NULL, &err));
                fputs(",\"right\":", out); report_json_num(out, ev_expr(e, c[i]->sub[1], NULL, NULL, &err));
            }
            fputc('}', out);
        }
        fprintf(out, "],\"join\":\"%s\"}\n", n > 1 && ru->forms->op == OP_OR ? "or" : "and");
        arena_free(&tmp);
        return;
    }

    fputs("explain ", out);
    report_tuple(out, r->s, e->rule, e->tuple);
    fprintf(out, ": %s\n ", verdict_text(verdict));
    /* who plays which part, with the actors' labels */
    for (int i = 0; i < ru->np; i++) {
        const actor_info *a = &r->s->w.actors[e->tuple[i]];
        fprintf(out, "%s %s = %s", i ? "," : "", ru->pnames[i], a->name);
        if (a->label) { /* on one line: a label's \n or \t prints as a space */
            fputs(" (", out);
            for (const char *c = a->label; *c; c++) fputc(*c == '\n' || *c == '\t' ? ' ' : *c, out);
            fputc(')', out);
        }
    }
    fputc('\n', out);

    int fw = 6;
    for (int i = 0; i < nf; i++) if (utf8_width(ru->f[i].name) > fw) fw = utf8_width(ru->f[i].name);
    fputs("  ", out);
    pad(out, "factor", fw);
    fputs("       own  influence  effective\n", out);
    for (int i = 0; i < nf; i++) {
        char own[32], add[32], eff[32];
        value_text(own, sizeof own, &ru->f[i], e->own[i]);
        value_text(eff, sizeof eff, &ru->f[i], e->r[i]);
        int has_in = 0;
        for (int k = 0; k < ru->ne; k++) has_in |= ru->e[k].to == i;
        if (has_in)
            signed_fixed(add, sizeof add, e->r[i] - e->own[i]);
        else
            snprintf(add, sizeof add, ".");
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
                signed_fixed(b, sizeof b, ru->e[k].w * e->r[ru->e[k].from]);
                fprintf(out, "%s %s %s", first ? "" : ",", ru->f[ru->e[k].from].name, b);
                first = 0;
            }
        }
        fputc('\n', out);
    }

    if (ru->score) {
        char sb[32];
        report_fixed(sb, sizeof sb, score);
        fprintf(out, "  score = %s\n", sb);
        const rexpr *t[MAXTERMS];
        int sg[MAXTERMS], n = terms(ru->score, t, sg, 0, MAXTERMS, 1);
        char *txt[MAXTERMS];
        int tw = 4;
        for (int i = 0; i < n; i++) {
            txt[i] = ast_text(&tmp, t[i]->src);
            if (utf8_width(txt[i]) + 2 > tw) tw = utf8_width(txt[i]) + 2;
        }
        fputs("    ", out);
        pad(out, "term", tw);
        fputs("   weight     value  contribution\n", out);
        for (int i = 0; i < n; i++) {
            /* a weighted term shows its weight and what it weighs */
            double k = 1, val = sg[i] * ev_expr(e, t[i], NULL, NULL, &err);
            const rexpr *v = t[i];
            int w = rx_weighted(t[i], &k, &v) || t[i]->k == R_FACTOR; /* a bare factor weighs 1 */
            char wb[32] = ".", vb[32], cb[32], line[1100];
            if (w) report_short(wb, sizeof wb, sg[i] * k);
            report_fixed(vb, sizeof vb, w ? ev_expr(e, v, NULL, NULL, &err) : sg[i] * val);
            signed_fixed(cb, sizeof cb, val);
            snprintf(line, sizeof line, "%s %s", sg[i] < 0 ? "-" : "+", txt[i]);
            fputs("    ", out);
            pad(out, line, tw);
            lpad(out, wb, 9);
            lpad(out, vb, 10);
            lpad(out, cb, 14);
            fputc('\n', out);
        }
    }

    const rexpr *c[MAXTERMS];
    int n = clauses(ru->forms, OP_AND, c, 0, MAXTERMS);
    const char *join = "all must hold";
    if (n == 1) {
        n = clauses(ru->forms, OP_OR, c, 0, MAXTERMS);
        join = n > 1 ? "one must hold" : "must hold";
    }
    fprintf(out, "  forms when (%s)\n", join);
    char *txt[MAXTERMS];
    int cw = 0;
    for (int i = 0; i < n; i++) {
        txt[i] = ast_text(&tmp, c[i]->src);
        if (utf8_width(txt[i]) > cw) cw = utf8_width(txt[i]);
    }
    for (int i = 0; i < n; i++) {
        int holds = ev_expr(e, c[i], NULL, NULL, &err) != 0;
        char detail[128] = "";
        if (c[i]->k == R_BIN && c[i]->op >= OP_LT && c[i]->op <= OP_NE) {
            char a[32], b[32];
            report_short(a, sizeof a, ev_expr(e, c[i]->sub[0], NULL, NULL, &err));
            report_short(b, sizeof b, ev_expr(e, c[i]->sub[1], NULL, NULL, &err));
            snprintf(detail, sizeof detail, "%s %s %s", a, cmp_text(c[i]->op), b);
        }
        fputs("    ", out);
        pad(out, txt[i], cw);
        fputs("   ", out);
        pad(out, detail, 24);
        fprintf(out, "%s\n", holds ? "holds" : "fails");
    }
    fprintf(out, "  verdict: %s\n", verdict_text(verdict));
    arena_free(&tmp);
}

/* ---- dominance ---- */

static void rank(const double *v, int k, int *order)
{
    /* by |v| descending, declaration order among equals (insertion sort is
     * stable and k <= COOP_MAX_FACTORS) */
    for (int i = 0; i < k; i++) order[i] = i;
    for (int i = 1; i < k; i++) {
        int x = order[i], j = i;
        while (j > 0 && query_more(v[x], v[order[j - 1]])) { order[j] = order[j - 1]; j--; }
        order[j] = x;
    }
}

void report_dominance(rep *r, const evaluator *e, const dominance_result *d)
{
    const rule_info *ru = e->ru;
    FILE *out = r->out;
    int k = ru->nf, order[COOP_MAX_FACTORS];
    rank(d->phi, k, order);
    double target = ru->score ? e->r[k] : d->verdict, sum = 0, abssum = 0;
    for (int i = 0; i < k; i++) { sum += d->phi[i]; abssum += fabs(d->phi[i]); }

    if (r->json) {
        json_head(r, "dominance", e->rule);
        fputs(",\"tuple\":", out);
        json_tuple(r, e->rule, e->tuple);
        fprintf(out, ",\"forms\":%s,\"target\":\"%s\",\"value\":", d->verdict ? "true" : "false",
                ru->score ? "score" : "verdict");
        report_json_num(out, target);
        fputs(",\"baseline_value\":", out);
        report_json_num(out, d->base_target);
        if (d->exact) fprintf(out, ",\"method\":\"exact\",\"coalitions\":%llu", 1ull << k);
        else fprintf(out, ",\"method\":\"sampled\",\"permutations\":%d,\"seed\":%llu", COOP_SHAPLEY_PERMUTATIONS,
                     (unsigned long long)d->seed);
        fputs(",\"factors\":[", out);
        for (int j = 0; j < k; j++) {
            int i = order[j];
            fprintf(out, "%s{\"rank\":%d,\"name\":", j ? "," : "", j + 1);
            report_json_str(out, ru->f[i].name);
            fputs(",\"shapley\":", out); report_json_num(out, d->phi[i]);
            fputs(",\"stderr\":", out); report_json_num(out, d->se[i]);
            fputs(",\"own\":", out); report_json_num(out, e->own[i]);
            fputs(",\"baseline\":", out); report_json_num(out, ru->f[i].baseline);
            fprintf(out, ",\"pivotal\":%s}", d->pivotal[i] ? "true" : "false");
        }
        fputs("],\"dominant\":", out);
        int dom = query_dominant(d->phi, k);
        if (dom >= 0) report_json_str(out, ru->f[dom].name); else fputs("null", out);
        fputs("}\n", out);
        return;
    }

    char a[32], b[32];
    fputs("dominance ", out);
    report_tuple(out, r->s, e->rule, e->tuple);
    fprintf(out, ": %s", verdict_text(d->verdict));
    if (ru->score) {
        report_fixed(a, sizeof a, target);
        fprintf(out, ", score %s", a);
    }
    fputc('\n', out);
    report_fixed(b, sizeof b, d->base_target);
    if (ru->score)
        fprintf(out, "  shapley values of the score; score with every factor at its baseline: %s\n", b);
    else
        fprintf(out, "  shapley values of the verdict (1 forms, 0 does not); verdict at baselines: %s\n",
                verdict_text(d->base_target != 0));
    if (d->exact)
        fprintf(out, "  exact, over all %llu coalitions of %d factor%s\n", 1ull << k, k, k == 1 ? "" : "s");
    else
        fprintf(out, "  sampled: %d random orders of %d factors, seed %llu; +- is one standard error\n",
                COOP_SHAPLEY_PERMUTATIONS, k, (unsigned long long)d->seed);
    int fw = 6;
    for (int i = 0; i < k; i++) if (utf8_width(ru->f[i].name) > fw) fw = utf8_width(ru->f[i].name);
    fputs("  rank  ", out);
    pad(out, "factor", fw);
    fputs(d->exact ? "    shapley   share" : "    shapley        +-   share", out);
    fputs("        own  baseline  pivotal\n", out);
    for (int j = 0; j < k; j++) {
        int i = order[j];
        char ph[32], sh[32], own[32], base[32], se[32];
        signed_fixed(ph, sizeof ph, d->phi[i]);
        snprintf(sh, sizeof sh, "%.1f%%", abssum > 0 ? 100 * fabs(d->phi[i]) / abssum : 0.0);
        value_text(own, sizeof own, &ru->f[i], e->own[i]);
        report_short(base, sizeof base, ru->f[i].baseline);
        fprintf(out, "  %4d  ", j + 1);
        pad(out, ru->f[i].name, fw);
        lpad(out, ph, 11);
        if (!d->exact) {
            report_fixed(se, sizeof se, d->se[i]);
            lpad(out, se, 10);
        }
        lpad(out, sh, 8);
        lpad(out, own, 11);
        lpad(out, base, 10);
        fprintf(out, "  %s\n", d->pivotal[i] ? "yes" : "no");
    }
    report_fixed(a, sizeof a, sum);
    if (ru->score) {
        char t[32];
        report_fixed(t, sizeof t, target);
        fprintf(out, "  the values add up to %s = score %s - baseline score %s\n", a, t, b);
    } else
        fprintf(out, "  the values add up to %s = verdict %d - verdict at baselines %d\n", a, d->verdict,
                d->base_target != 0);
    int np = 0;
    for (int i = 0; i < k; i++) np += d->pivotal[i];
    if (!np) fputs("  pivotal: none (no factor alone at its baseline flips the verdict)\n", out);
    else {
        fputs("  pivotal:", out);
        int first = 1;
        for (int i = 0; i < k; i++)
            if (d->pivotal[i]) { fprintf(out, "%s %s", first ? "" : ",", ru->f[i].name); first = 0; }
        fputs(" (each alone at its baseline flips the verdict)\n", out);
    }
}

void report_importance(rep *r, int rule, const rule_stats *st)
{
    const rule_info *ru = &r->s->m.rules[rule];
    FILE *out = r->out;
    int k = ru->nf, order[COOP_MAX_FACTORS];
    rank(st->importance, k, order);
    if (r->json) {
        json_head(r, "dominance", rule);
        fprintf(out, ",\"tuples\":%ld,\"formed\":%ld,\"method\":\"%s\",\"factors\":[", st->total, st->count,
                st->exact ? "exact" : "sampled");
        for (int j = 0; j < k; j++) {
            int i = order[j];
            fprintf(out, "%s{\"rank\":%d,\"name\":", j ? "," : "", j + 1);
            report_json_str(out, ru->f[i].name);
            fputs(",\"importance\":", out); report_json_num(out, st->importance[i]);
            fputs(",\"mean_shapley\":", out); report_json_num(out, st->mean[i]);
            fprintf(out, ",\"dominant_in\":%ld}", st->dominant_in[i]);
        }
        fputs("],\"dominant\":", out);
        if (st->total && st->dominant >= 0) report_json_str(out, ru->f[st->dominant].name); else fputs("null", out);
        fputs("}\n", out);
        return;
    }
    fprintf(out, "dominance %s: mean |shapley| over %ld tuple%s (%ld form%s)%s\n", ru->name, st->total,
            st->total == 1 ? "" : "s", st->count, st->count == 1 ? "s" : "", st->exact ? "" : ", sampled");
    if (!st->total) {
        fputs("  no tuples: too few distinct actors match the parameters\n", out);
        return;
    }
    int fw = 6;
    for (int i = 0; i < k; i++) if (utf8_width(ru->f[i].name) > fw) fw = utf8_width(ru->f[i].name);
    fputs("  rank  ", out);
    pad(out, "factor", fw);
    fputs("  importance  mean shapley  dominant in\n", out);
    for (int j = 0; j < k; j++) {
        int i = order[j];
        char im[32], mn[32], dm[48];
        report_fixed(im, sizeof im, st->importance[i]);
        signed_fixed(mn, sizeof mn, st->mean[i]);
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
    if (!r->json) return;
    fputs("{\"type\":\"expect\",\"file\":", r->out);
    report_json_str(r->out, x->file);
    fprintf(r->out, ",\"line\":%d,\"col\":%d,\"expect\":", x->loc.line, x->loc.col);
    report_json_str(r->out, x->text);
    fprintf(r->out, ",\"passed\":%s,\"got\":", x->passed ? "true" : "false");
    report_json_str(r->out, x->got);
    fputs("}\n", r->out);
}
