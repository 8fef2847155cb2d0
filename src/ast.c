/* ast.c - syntax-tree nodes and their printer. */
#include "ast.h"

#include "fmt.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void alist_push(arena *a, alist *l, void *item)
{
    if (l->n == l->cap) {
        int cap = l->cap ? 2 * l->cap : 4;
        void **v = arena_alloc(a, (size_t)cap * sizeof *v);
        if (l->n) memcpy(v, l->v, (size_t)l->n * sizeof *v);
        l->v = v;
        l->cap = cap;
    }
    l->v[l->n++] = item;
}

expr *ast_expr(arena *a, xkind k, coop_loc loc)
{
    expr *e = arena_alloc(a, sizeof *e);
    e->k = k;
    e->loc = loc;
    e->depth = 1;
    return e;
}

expr *ast_op(arena *a, xkind k, binop op, coop_loc loc, expr *x, expr *y, expr *z)
{
    expr *e = ast_expr(a, k, loc);
    e->u.op.op = op;
    e->u.op.a = x;
    e->u.op.b = y;
    e->u.op.c = z;
    int d = 0;
    if (x && x->depth > d) d = x->depth;
    if (y && y->depth > d) d = y->depth;
    if (z && z->depth > d) d = z->depth;
    e->depth = d + 1;
    return e;
}

expr *ast_agg(arena *a, coop_loc loc, name op, name var, name kind, expr *body, expr *cond, expr *els)
{
    expr *e = ast_expr(a, X_AGG, loc);
    e->u.agg.op = op;
    e->u.agg.var = var;
    e->u.agg.kind = kind;
    e->u.agg.body = body;
    e->u.agg.cond = cond;
    e->u.agg.els = els;
    const expr *sub[] = {body, cond, els};
    for (int i = 0; i < 3; i++)
        if (sub[i] && sub[i]->depth >= e->depth) e->depth = sub[i]->depth + 1;
    return e;
}

/* Binding strength, higher binds tighter. */
static int prec_of(const expr *e)
{
    switch (e->k) {
    case X_BIN:
        switch (e->u.op.op) {
        case OP_OR: return 1;
        case OP_AND: return 2;
        case OP_ADD: case OP_SUB: return 5;
        case OP_MUL: case OP_DIV: return 6;
        default: return 4;
        }
    case X_NOT: return 3;
    case X_APPROX: case X_IN: return 4;
    case X_NEG: return 7;
    case X_TIME: return 8;
    default: return 9;
    }
}

const char *ast_op_text(binop op)
{
    static const char *t[] = {"+", "-", "*", "/", "<", "<=", ">", ">=", "==", "!=", "and", "or"};
    return t[op];
}

static void print_sub(FILE *out, const expr *e, int min)
{
    int paren = prec_of(e) < min;
    if (paren) fputc('(', out);
    ast_print(out, e);
    if (paren) fputc(')', out);
}

void ast_print_date(FILE *out, const datedef *d)
{
    char buf[64];
    if (d->is_num) fmt_num(buf, sizeof buf, d->num);
    else date_text(d->d, buf, sizeof buf);
    fputs(buf, out);
}

void ast_print(FILE *out, const expr *e)
{
    char buf[64];
    switch (e->k) {
    case X_NUM: fmt_num(buf, sizeof buf, e->u.num); fputs(buf, out); break;
    case X_BOOL: fputs(e->u.num != 0 ? "true" : "false", out); break;
    case X_STR:
        ast_print_str(out, e->u.str);
        break;
    case X_SET:
        fputc('{', out);
        for (int i = 0; i < e->u.set.n; i++) fprintf(out, "%s%s", i ? ", " : "", e->u.set.v[i].s);
        fputc('}', out);
        break;
    case X_NAME: fputs(e->u.id.s, out); break;
    case X_SCORE: fputs("score", out); break;
    case X_ATTR: fprintf(out, "%s.%s", e->u.attr.obj.s, e->u.attr.attr.s); break;
    case X_CALL:
        fprintf(out, "%s(", e->u.call.fn.s);
        for (int i = 0; i < e->u.call.n; i++) {
            if (i) fputs(", ", out);
            ast_print(out, e->u.call.args[i]);
        }
        fputc(')', out);
        break;
    case X_BID: fprintf(out, "bid(%s, %s).%s", e->u.bid.tender.s, e->u.bid.bidder.s, e->u.bid.field.s); break;
    case X_NEG: fputc('-', out); print_sub(out, e->u.op.a, 7); break;
    case X_NOT: fputs("not ", out); print_sub(out, e->u.op.a, 3); break;
    case X_BIN: {
        int p = prec_of(e);
        /* Left-associative: the right operand needs parentheses at equal
         * strength; comparisons do not chain, so both sides need them. */
        print_sub(out, e->u.op.a, p == 4 ? 5 : p);
        fprintf(out, " %s ", ast_op_text(e->u.op.op));
        print_sub(out, e->u.op.b, p + 1);
        break;
    }
    case X_APPROX:
        print_sub(out, e->u.op.a, 5);
        fputs(" ~= ", out);
        print_sub(out, e->u.op.b, 5);
        fputs(" within ", out);
        print_sub(out, e->u.op.c, 5);
        break;
    case X_IN:
        print_sub(out, e->u.op.a, 5);
        fputs(" in ", out);
        print_sub(out, e->u.op.b, 5);
        break;
    case X_AGG:
        fprintf(out, "%s(", e->u.agg.op.s);
        if (e->u.agg.body) {
            ast_print(out, e->u.agg.body);
            fputs(" for ", out);
        }
        fprintf(out, "%s: %s", e->u.agg.var.s, e->u.agg.kind.s);
        if (e->u.agg.cond) {
            fputs(" where ", out);
            ast_print(out, e->u.agg.cond);
        }
        if (e->u.agg.els) {
            fputs(" else ", out);
            ast_print(out, e->u.agg.els);
        }
        fputc(')', out);
        break;
    case X_DATE: fputs(date_text(e->u.date->d, buf, sizeof buf), out); break;
    case X_TIME: {
        static const char *const how[] = {"at", "throughout", "during"};
        print_sub(out, e->u.time.e, 9);
        fprintf(out, " %s ", how[e->u.time.how]);
        ast_print_date(out, e->u.time.from);
        if (e->u.time.to && e->u.time.to != e->u.time.from) {
            fputs(" .. ", out);
            ast_print_date(out, e->u.time.to);
        }
        break;
    }
    case X_OF: /* an argument, which needs no parentheses */
    case X_TO:
        ast_print(out, e->u.of.e);
        fprintf(out, " %s %s", e->k == X_OF ? "of" : "to", e->u.of.word.s);
        break;
    }
}

void ast_print_str(FILE *out, const char *s)
{
    fputc('"', out);
    for (const char *p = s; *p; p++) {
        if (*p == '"' || *p == '\\') fputc('\\', out);
        if (*p == '\n') fputs("\\n", out);
        else if (*p == '\t') fputs("\\t", out);
        else fputc(*p, out);
    }
    fputc('"', out);
}

char *ast_text(arena *a, const expr *e)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f) return arena_strdup(a, "?");
    ast_print(f, e);
    fclose(f);
    char *r = arena_strndup(a, buf, len);
    free(buf);
    return r;
}
