/* report_story.c - a tuple's story over a timeline (story.h) for people and
 * for programs: explain R(a, b) from D1 to D2, a step at a time, and why
 * R(a, b) at D.  Its text and its JSON (docs/language.md, "JSON") sit
 * together here, one report in two forms. */
#include <stdlib.h>
#include <string.h>

#include "fmt.h"
#include "report.h"
#include "story.h"

static const char *verdict(int v) { return v ? "forms" : "does not form"; }

static const char *day(const rep *r, int k, char *buf) { return tl_step_text(r->m, k, buf, 32); }

/* Two numbers as a move, as short as shows they differ. */
static void num_pair(double a, double b, char x[32], char y[32])
{
    fmt_short(x, 32, a);
    fmt_short(y, 32, b);
    if (a != b && strcmp(x, y) == 0) {
        fmt_num(x, 32, a);
        fmt_num(y, 32, b);
    }
}

/* The value a write changes, as written: emil.publicity, trust(bureau,
 * emil), bid(care, emil).price. */
static void cell_name(FILE *out, const model *m, const tl_write *w)
{
    if (w->is_param) {
        fputs(m->params[w->param].name, out);
        return;
    }
    if (w->is_rel) {
        fprintf(out, "%s(", m->rels[w->rel].name);
        for (int i = 0; i < m->rels[w->rel].arity; i++) fprintf(out, "%s%s", i ? ", " : "", m->actors[w->args[i]].name);
        fputc(')', out);
        return;
    }
    const attr_info *a = &m->attrs[w->attr];
    if (a->field)
        fprintf(out, "bid(%.*s, %s).%s", (int)(a->field - a->name - 1), a->name, m->actors[w->actor].name, a->field);
    else
        fprintf(out, "%s.%s", m->actors[w->actor].name, a->name);
}

/* One side of a value's move: `num` already as text for a number. */
static void cell_side(FILE *out, const rep *r, vtype t, int had, double v, const uint64_t *bits, const char *num)
{
    if (!had) {
        fputs("none", out);
        return;
    }
    switch (t) {
    case T_SET:
        fputc('{', out);
        for (int i = 0, n = 0; i < world_nsyms(r->w); i++)
            if (vm_member(bits, r->w->setwords, i)) fprintf(out, "%s%s", n++ ? ", " : "", world_sym_name(r->w, i));
        fputc('}', out);
        return;
    case T_STR: ast_print_str(out, world_str(r->w, (int)v)); return;
    case T_BOOL: fputs(v != 0 ? "true" : "false", out); return;
    default: fputs(num, out); return;
    }
}

/* "trust(bureau, emil) 0.3 -> 0": the value as `was` has it, then as the
 * write `now` left it. */
static void cell_move(FILE *out, const rep *r, const story_cell *was, const tl_write *now)
{
    char a[32], b[32];
    num_pair(was->before, now->num, a, b);
    cell_name(out, r->m, now);
    fputc(' ', out);
    cell_side(out, r, was->type, was->had, was->before, was->bits, a);
    fputs(" -> ", out);
    cell_side(out, r, was->type, 1, now->num, now->bits, b);
}

/* An event as reports name it: its name, its label, and a trigger's
 * condition: funding "the bureau funds Emil" (on cooperation(bureau, emil)). */
static void event_name(FILE *out, const model *m, int e)
{
    const event_info *ev = &m->events[e];
    fputs(ev->name, out);
    if (ev->label) {
        fputc(' ', out);
        ast_print_str(out, ev->label);
    }
    if (ev->kind == EVENT_ON || ev->kind == EVENT_WHILE) {
        fprintf(out, " (%s ", ev->kind == EVENT_ON ? "on" : "while");
        ast_print(out, ev->cond->src);
        fputc(')', out);
    }
}

/* A factor's values before and after, as a trace prints them. */
static void factor_pair(const factor_info *f, double a, double b, char x[32], char y[32])
{
    if (f->type == T_BOOL) {
        report_factor_value(x, 32, f, a);
        report_factor_value(y, 32, f, b);
    } else
        num_pair(a, b, x, y);
}

/* ---- text ---- */

/* The factors (effective values) and the score that moved from a to b:
 * "trust 0.3 -> 0, score 0.25 -> 0.1", or that none did. */
static void moves(FILE *out, const rule_info *ru, const explain_result *a, const explain_result *b)
{
    char x[32], y[32];
    int n = 0;
    for (int i = 0; i < ru->nf; i++) {
        if (a->effective[i] == b->effective[i]) continue;
        factor_pair(&ru->f[i], a->effective[i], b->effective[i], x, y);
        fprintf(out, "%s%s %s -> %s", n++ ? ", " : "", ru->f[i].name, x, y);
    }
    if (ru->score && a->score != b->score) {
        num_pair(a->score, b->score, x, y);
        fprintf(out, "%sscore %s -> %s", n++ ? ", " : "", x, y);
    }
    if (!n) fputs("no factor moves", out);
}

/* The clauses of forms when that a holds and b does not, or the other
 * way: " (trust >= 0.5 now holds)", or nothing. */
static void clauses_moved(FILE *out, const explain_result *a, const explain_result *b)
{
    int n = 0;
    for (int i = 0; i < a->nclauses && i < b->nclauses; i++)
        if (a->clauses[i].holds != b->clauses[i].holds)
            fprintf(out, "%s%s now %s", n++ ? ", " : " (", b->clauses[i].text, b->clauses[i].holds ? "holds" : "fails");
    if (n) fputc(')', out);
}

/* A step at which what the tuple reads changed: `lead` (its date), the
 * events that changed it, each value with its move, the factors and score
 * that moved, and the verdict, flipped or not; its lines after the first
 * indented by `indent`. */
static void step_lines(rep *r, const story_step *st, const char *lead, int indent)
{
    FILE *out = r->out;
    const model *m = r->m;
    const rule_info *ru = &m->rules[st->after->rule];
    int movers = 0, idle = 0;
    fputs(lead, out);
    for (int a = 0; a < st->nacted; a++) {
        if (!st->moved[a]) {
            idle++;
            continue;
        }
        if (movers++) fputs(", ", out);
        event_name(out, m, st->acted[a]);
    }
    fputc('\n', out);
    if (idle) {
        fprintf(out, "%*salso acted (nothing it reads): ", indent, "");
        for (int a = 0, n = 0; a < st->nacted; a++)
            if (!st->moved[a]) {
                if (n++) fputs(", ", out);
                event_name(out, m, st->acted[a]);
            }
        fputc('\n', out);
    }
    for (int i = 0; i < st->ncells; i++) {
        fprintf(out, "%*s", indent, "");
        cell_move(out, r, &st->cells[i], st->cells[i].w);
        if (movers > 1) { /* which of them wrote it */
            fputs(" (by", out);
            for (int a = 0, n = 0; a < st->nacted; a++)
                if (st->moved[a] && story_writes(m, st->acted[a], st->cells[i].w))
                    fprintf(out, "%s %s", n++ ? "," : "", m->events[st->acted[a]].name);
            fputc(')', out);
        }
        fputc('\n', out);
    }
    if (st->others)
        fprintf(out, "%*sand %d other value%s it does not read\n", indent, "", st->others, st->others == 1 ? "" : "s");
    fprintf(out, "%*s", indent, "");
    moves(out, ru, st->before, st->after);
    if (st->before->verdict == st->after->verdict) {
        fprintf(out, ": %s", verdict(st->after->verdict));
        clauses_moved(out, st->before, st->after);
        fputc('\n', out);
        return;
    }
    fprintf(out, "\n%*sthe verdict flips: %s -> %s", indent, "", verdict(st->before->verdict),
            verdict(st->after->verdict));
    clauses_moved(out, st->before, st->after);
    fputc('\n', out);
}

/* "does not form, score 0.25 (trust 0.3, publicity 0.2)": a state. */
static void state_text(FILE *out, const rule_info *ru, const explain_result *x)
{
    char b[32];
    fputs(verdict(x->verdict), out);
    if (ru->score) {
        fmt_short(b, sizeof b, x->score);
        fprintf(out, ", score %s", b);
    }
    for (int i = 0; i < ru->nf; i++) {
        report_factor_value(b, sizeof b, &ru->f[i], x->effective[i]);
        if (ru->f[i].type != T_BOOL) fmt_short(b, sizeof b, x->effective[i]);
        fprintf(out, "%s%s %s", i ? ", " : " (", ru->f[i].name, b);
    }
    if (ru->nf) fputc(')', out);
}

/* "as 2012-12 ends", or "as declared" before the first step. */
static void as_of(FILE *out, const rep *r, int k)
{
    char b[32];
    if (k < 0) fputs("as declared", out);
    else fprintf(out, "as %s ends", day(r, k, b));
}

/* ---- JSON ---- */

/* A value's side: a number, true/false, a string, a set's members, or
 * null for none. */
static void json_side(rep *r, vtype t, int had, double v, const uint64_t *bits)
{
    json *j = &r->j;
    if (!had) json_null(j);
    else if (t == T_SET) {
        json_arr(j);
        for (int i = 0; i < world_nsyms(r->w); i++)
            if (vm_member(bits, r->w->setwords, i)) json_str(j, world_sym_name(r->w, i));
        json_end_arr(j);
    } else if (t == T_STR) json_str(j, world_str(r->w, (int)v));
    else if (t == T_BOOL) json_bool(j, v != 0);
    else json_num(j, v);
}

/* "value": the value's name, "before", "after". */
static void json_move(rep *r, const story_cell *was, const tl_write *now)
{
    char *t = NULL;
    size_t len = 0;
    FILE *f = mem_stream(&t, &len);
    cell_name(f, r->m, now);
    fclose(f);
    json_kstr(&r->j, "value", t);
    free(t);
    json_key(&r->j, "before");
    json_side(r, was->type, was->had, was->before, was->bits);
    json_key(&r->j, "after");
    json_side(r, was->type, 1, now->num, now->bits);
}

/* An event's "name", "label", "trigger" ("on", "while" or null) and its
 * "condition" as written (or null). */
static void json_event(rep *r, int e)
{
    const event_info *ev = &r->m->events[e];
    json *j = &r->j;
    int trig = ev->kind == EVENT_ON || ev->kind == EVENT_WHILE;
    json_kstr(j, "name", ev->name);
    json_kstr(j, "label", ev->label);
    json_kstr(j, "trigger", !trig ? NULL : ev->kind == EVENT_ON ? "on" : "while");
    arena a;
    arena_init(&a);
    json_kstr(j, "condition", trig ? ast_text(&a, ev->cond->src) : NULL);
    arena_free(&a);
}

/* "score": a number, or null for a rule without one. */
static void json_score(rep *r, const rule_info *ru, double x)
{
    json_key(&r->j, "score");
    if (ru->score) json_num(&r->j, x);
    else json_null(&r->j);
}

/* A step's object: what story_step holds. */
static void json_step(rep *r, const story_step *st)
{
    json *j = &r->j;
    const model *m = r->m;
    const rule_info *ru = &m->rules[st->after->rule];
    char b[32];
    json_obj(j);
    json_kstr(j, "at", day(r, st->k, b));
    json_key(j, "events");
    json_arr(j);
    for (int a = 0; a < st->nacted; a++) {
        json_obj(j);
        json_event(r, st->acted[a]);
        json_kbool(j, "changed", st->moved[a]);
        json_end_obj(j);
    }
    json_end_arr(j);
    json_key(j, "changes");
    json_arr(j);
    for (int i = 0; i < st->ncells; i++) {
        json_obj(j);
        json_move(r, &st->cells[i], st->cells[i].w);
        json_key(j, "by");
        json_arr(j);
        for (int a = 0; a < st->nacted; a++)
            if (st->moved[a] && story_writes(m, st->acted[a], st->cells[i].w)) json_str(j, m->events[st->acted[a]].name);
        json_end_arr(j);
        json_end_obj(j);
    }
    json_end_arr(j);
    json_kint(j, "other_changes", st->others);
    json_key(j, "factors");
    json_arr(j);
    for (int i = 0; i < ru->nf; i++) {
        if (st->before->effective[i] == st->after->effective[i]) continue;
        json_obj(j);
        json_kstr(j, "name", ru->f[i].name);
        json_knum(j, "before", st->before->effective[i]);
        json_knum(j, "after", st->after->effective[i]);
        json_end_obj(j);
    }
    json_end_arr(j);
    json_key(j, "score");
    if (ru->score) {
        json_obj(j);
        json_knum(j, "before", st->before->score);
        json_knum(j, "after", st->after->score);
        json_end_obj(j);
    } else
        json_null(j);
    json_kbool(j, "forms", st->after->verdict);
    json_kbool(j, "flips", st->after->verdict != st->before->verdict);
    json_key(j, "clauses_changed");
    json_arr(j);
    for (int i = 0; i < st->before->nclauses && i < st->after->nclauses; i++) {
        if (st->before->clauses[i].holds == st->after->clauses[i].holds) continue;
        json_obj(j);
        json_kstr(j, "text", st->after->clauses[i].text);
        json_kbool(j, "holds", st->after->clauses[i].holds);
        json_end_obj(j);
    }
    json_end_arr(j);
    json_end_obj(j);
}

/* {"type":TYPE,"rule":R,"tuple":[...], */
static void json_head(rep *r, const char *type, const story *s)
{
    const rule_info *ru = &r->m->rules[s->rule];
    json_init(&r->j, r->out);
    json_typed(&r->j, type);
    json_kstr(&r->j, "rule", ru->name);
    json_key(&r->j, "tuple");
    json_arr(&r->j);
    for (int i = 0; i < ru->np; i++) json_str(&r->j, r->m->actors[s->tuple[i]].name);
    json_end_arr(&r->j);
}

/* ---- explain R(a, b) from D1 to D2 ---- */

void report_story_begin(rep *r, const story *s, int k1, int k2)
{
    const rule_info *ru = &r->m->rules[s->rule];
    const explain_result *x = &s->x[0]; /* the tuple before the first step */
    char a[32], b[32];
    if (r->as_json) {
        json *j = &r->j;
        json_head(r, "explain_span", s);
        json_kstr(j, "from", day(r, k1, a));
        json_kstr(j, "to", day(r, k2, b));
        json_key(j, "before");
        json_obj(j);
        json_kstr(j, "at", k1 > 0 ? day(r, k1 - 1, a) : NULL);
        json_kbool(j, "forms", x->verdict);
        json_score(r, ru, x->score);
        json_key(j, "factors");
        json_arr(j);
        for (int i = 0; i < ru->nf; i++) {
            json_obj(j);
            json_kstr(j, "name", ru->f[i].name);
            json_knum(j, "value", x->effective[i]);
            json_end_obj(j);
        }
        json_end_arr(j);
        json_end_obj(j);
        json_key(j, "steps");
        json_arr(j);
        return;
    }
    FILE *out = r->out;
    fputs("explain ", out);
    report_tuple(out, r->m, s->rule, s->tuple);
    fprintf(out, " from %s to %s\n", day(r, k1, a), day(r, k2, b));
    report_cast(r, ru, s->tuple);
    fputs("  ", out);
    as_of(out, r, k1 - 1);
    fputs(": ", out);
    state_text(out, ru, x);
    fputc('\n', out);
}

void report_story_step(rep *r, const story *s, const story_step *st)
{
    (void)s;
    if (r->as_json) {
        json_step(r, st);
        return;
    }
    char b[32], lead[48];
    day(r, st->k, b);
    snprintf(lead, sizeof lead, "  %s  ", b);
    step_lines(r, st, lead, (int)strlen(lead));
}

void report_story_end(rep *r, const story *s, int k1, int k2)
{
    char a[32];
    int n = k2 - k1 + 1;
    if (r->as_json) {
        json *j = &r->j;
        json_end_arr(j);
        json_kint(j, "changed", s->changed);
        json_kint(j, "quiet", s->quiet);
        json_kint(j, "flips", s->flips);
        json_kstr(j, "last_flip", s->last_flip >= 0 ? day(r, s->last_flip, a) : NULL);
        json_kbool(j, "forms", s->flips % 2 ? !s->first_verdict : s->first_verdict);
        json_end_obj(j);
        return;
    }
    FILE *out = r->out;
    int last = s->flips % 2 ? !s->first_verdict : s->first_verdict;
    fprintf(out, "  %s ", verdict(s->first_verdict));
    as_of(out, r, k1 - 1);
    if (!s->flips)
        fprintf(out, " and at every step to %s", day(r, k2, a));
    else
        fprintf(out, " ... %s from %s (%d flip%s)", verdict(last), day(r, s->last_flip, a), s->flips,
                s->flips == 1 ? "" : "s");
    fprintf(out, "; %d of %d step%s changed what it reads, %d quiet\n", s->changed, n, n == 1 ? "" : "s", s->quiet);
}

void report_story_abort(rep *r, const char *why)
{
    if (!r->as_json) return;
    json_end_arr(&r->j);
    json_kstr(&r->j, "error", why);
    json_end_obj(&r->j);
}

/* ---- why R(a, b) at D ---- */

/* An event's evidence: how often it changed what the tuple reads, when,
 * and each value it wrote, before its first such step and after its last. */
static void why_event(rep *r, const story_event *x)
{
    FILE *out = r->out;
    const event_info *ev = &r->m->events[x->event];
    char a[32], b[32];
    fputs("    ", out);
    event_name(out, r->m, x->event);
    if (x->times == 1) fprintf(out, ", at %s:", day(r, x->first, a));
    else fprintf(out, ", %d steps from %s to %s:", x->times, day(r, x->first, a), day(r, x->last, b));
    for (int i = 0, n = 0; i < ev->nch; i++) {
        const story_wrote *wr = &x->ch[i];
        if (!wr->last) continue;
        fputs(n++ ? ", " : " ", out);
        cell_move(out, r, &wr->first, wr->last);
        for (int k = 0; k < wr->nwith; k++) /* the move is theirs too */
            fprintf(out, "%s%s", k ? ", " : " (with ", r->m->events[wr->with[k]].name);
        if (wr->nwith) fputc(')', out);
    }
    fputc('\n', out);
}

static void json_why(rep *r, const story *s)
{
    const story_why *y = &s->why;
    const rule_info *ru = &r->m->rules[s->rule];
    json *j = &r->j;
    char a[32];
    json_head(r, "why", s);
    json_kstr(j, "at", day(r, y->at, a));
    json_kbool(j, "forms", y->now.verdict);
    json_score(r, ru, y->now.score);
    json_kstr(j, "flip", y->flip >= 0 ? day(r, y->flip, a) : NULL);
    json_kstr(j, "since", day(r, y->since, a));
    json_kstr(j, "until", day(r, y->until, a));
    json_key(j, "step");
    if (y->flip >= 0) json_step(r, &y->step);
    else json_null(j);
    json_key(j, "clauses");
    json_arr(j);
    for (int i = 0; i < y->now.nclauses; i++) json_clause(j, &y->now.clauses[i]);
    json_end_arr(j);
    json_key(j, "events");
    json_arr(j);
    for (int e = 0; e < y->nevents; e++) {
        const story_event *x = &y->events[e];
        const event_info *ev = &r->m->events[x->event];
        json_obj(j);
        json_event(r, x->event);
        json_kint(j, "times", x->times);
        json_kstr(j, "first", day(r, x->first, a));
        json_kstr(j, "last", day(r, x->last, a));
        json_key(j, "changes");
        json_arr(j);
        for (int i = 0; i < ev->nch; i++) {
            const story_wrote *wr = &x->ch[i];
            if (!wr->last) continue;
            json_obj(j);
            json_move(r, &wr->first, wr->last);
            json_key(j, "with");
            json_arr(j);
            for (int k = 0; k < wr->nwith; k++) json_str(j, r->m->events[wr->with[k]].name);
            json_end_arr(j);
            json_end_obj(j);
        }
        json_end_arr(j);
        json_end_obj(j);
    }
    json_end_arr(j);
    json_end_obj(j);
}

void report_story_why(rep *r, const story *s)
{
    if (r->as_json) {
        json_why(r, s);
        return;
    }
    const story_why *y = &s->why;
    const rule_info *ru = &r->m->rules[s->rule];
    FILE *out = r->out;
    char a[32], b[32], c[32];
    fputs("why ", out);
    report_tuple(out, r->m, s->rule, s->tuple);
    fprintf(out, " at %s: %s", day(r, y->at, a), verdict(y->now.verdict));
    if (y->flip < 0)
        fprintf(out, ", as at every step from %s\n", day(r, 0, a));
    else if (y->since == y->flip - 1)
        fprintf(out, ", since %s; it %s at %s\n", day(r, y->flip, a), y->now.verdict ? "did not form" : "formed",
                day(r, y->since, b));
    else
        fprintf(out, ", since %s; it %s from %s to %s\n", day(r, y->flip, a), y->now.verdict ? "did not form" : "formed",
                day(r, y->since, b), day(r, y->flip - 1, c));
    report_cast(r, ru, s->tuple);
    if (y->flip >= 0) {
        char lead[48];
        snprintf(lead, sizeof lead, "  at %s: ", day(r, y->flip, a));
        step_lines(r, &y->step, lead, 4);
    } else
        report_explain_clauses(r, &y->now);
    if (!y->nevents) {
        fprintf(out, "  nothing changed what it reads from %s to %s\n", day(r, y->since, a), day(r, y->until, b));
        return;
    }
    fprintf(out, "  what changed what it reads from %s to %s, the last first:\n", day(r, y->since, a),
            day(r, y->until, b));
    for (int e = 0; e < y->nevents; e++) why_event(r, &y->events[e]);
}
