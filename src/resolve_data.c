/*
 * resolve_data.c - what the resolver says of case data's columns: an
 * attribute a rule reads that a file's actors lack is said once for the
 * file, not once an actor: at the header cell of the column close to it
 * (a misspelt header, `Capacity` for `capacity`), or, with none, at the
 * reading with a note at the header.
 */
#include <string.h>

#include "resolver.h"

/* Was (x, an) said?  Else keeps it, as said now. */
static int said_before(R *r, const data_def *x, const char *an)
{
    for (size_t i = 0; i < r->data_said.n; i++)
        if (r->data_said.v[i].x == x && strcmp(r->data_said.v[i].an, an) == 0) return 1;
    data_said s = {x, an};
    vec_push(r->data_said, s);
    return 0;
}

/* The column of x named an, or -1. */
static int column_of(const data_def *x, const char *an)
{
    for (int c = 0; c < x->ncols; c++)
        if (strcmp(x->cols[c].s, an) == 0) return c;
    return -1;
}

/* The column of x (an attribute's: neither its names' nor its labels')
 * nearest to an, or -1. */
static int near_column(R *r, const data_def *x, const char *an)
{
    suggest sg;
    suggest_init(&sg, an, r->d);
    for (int c = 0; c < x->ncols; c++)
        if (c != x->name_at && c != x->label_at) suggest_offer(&sg, x->cols[c].s, c);
    return sg.best ? sg.tag : -1;
}

/* Says that column c of x, close to an, is likely what `reads` (at `at`)
 * reads. */
static void say_slip(R *r, const data_def *x, int c, coop_loc at, const char *reads, const char *an)
{
    ERR(x->cols[c].loc, "column '%s' names attribute '%s', but %s; did you mean '%s'? (rename the column in the header)",
        x->cols[c].s, x->cols[c].s, reads, an);
    NOTE(at, "%s here", reads);
}

int rsv_data_missing(R *r, const expr *e, int ac, const char *who, const char *obj, const char *an)
{
    const actor_info *a = &r->m->actors[ac];
    const data_def *x = a->row ? a->row->from_data->u.data : NULL;
    if (!x || column_of(x, an) >= 0) return 0; /* an empty cell: the actor's own */
    if (said_before(r, x, an)) return 1;
    int c = near_column(r, x, an);
    if (c >= 0) {
        say_slip(r, x, c, e->loc, arena_printf(r->a, "%s reads %s.%s", who, obj, an), an);
        return 1;
    }
    char some[256] = "";
    size_t len = 0;
    for (int i = 0; i < x->nrows && i < 3; i++)
        len += (size_t)snprintf(some + len, len < sizeof some ? sizeof some - len : 0, "%s%s", i ? ", " : "",
                                x->rows[i]->n.s);
    if (x->nrows == 1)
        ERR(e->loc, "actor '%s' (%s), read from %s, has no attribute '%s', which %s reads as %s.%s", a->name,
            r->m->kinds[a->kind].name, x->file, an, who, obj, an);
    else
        ERR(e->loc, "the %d actors read from %s (%s%s) have no attribute '%s', which %s reads as %s.%s", x->nrows,
            x->file, some, x->nrows > 3 ? ", ..." : "", an, who, obj, an);
    coop_loc head = x->cols[0].loc;
    head.end_line = x->cols[x->ncols - 1].loc.end_line;
    head.end_col = x->cols[x->ncols - 1].loc.end_col;
    NOTE(head, "%s has no column '%s'", x->file, an);
    return 1;
}

int rsv_column_slip(R *r, coop_loc at, const char *reads, const char *an)
{
    const program *p = r->prog;
    for (int i = 0; p && i < p->n; i++) {
        const data_def *x = p->v[i]->k == D_DATA && p->v[i]->u.data->actors ? p->v[i]->u.data : NULL;
        int c = x ? near_column(r, x, an) : -1;
        if (c < 0) continue;
        if (!said_before(r, x, an)) say_slip(r, x, c, at, reads, an);
        return 1;
    }
    return 0;
}
