/* test_timeline.c - a timeline run (timeline.h): events due at a step
 * read the world as it starts and apply together, whatever the order they
 * are declared in; two '=' of one value in a step are an error naming
 * both events; ranges clamp; triggers act in the step after; the world at
 * any step replays the same, forward or back.  The events are made here
 * by hand on a loaded model (the language reads them in a later slice). */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util.h"

#include "script.h"
#include "session.h"
#include "timeline.h"

/* A model with a timeline of n months and room for events. */
typedef struct fixture {
    coop_diags *d;
    coop_script *s;
    timeline_info tl;
    event_info ev[8];
    event_change ch[8][4];
    rexpr node[64];
    rexpr *subs[64][2];
    int nnodes;
} fixture;

static void setup(fixture *f, int months)
{
    memset(f, 0, sizeof *f);
    f->s = load_ok(flagship, &f->d);
    const char *why;
    ck_assert_int_eq(date_parse("2014-01", 7, &f->tl.start, &why), 0);
    ck_assert_int_eq(date_add(f->tl.start, months - 1, DATE_MONTH, &f->tl.end), 0);
    f->tl.unit = DATE_MONTH;
    f->tl.nsteps = months;
    f->s->m.timeline = &f->tl;
    f->s->m.events = f->ev;
}

static void teardown(fixture *f)
{
    for (int e = 0; e < f->s->m.nevents; e++) free(f->ev[e].steps);
    f->s->m.timeline = NULL;
    f->s->m.events = NULL;
    f->s->m.nevents = 0;
    coop_script_free(f->s);
    coop_diags_free(f->d);
}

static rexpr *num(fixture *f, double v)
{
    rexpr *x = &f->node[f->nnodes++];
    x->k = R_CONST;
    x->type = T_NUM;
    x->num = v;
    return x;
}

/* actor.attr, read in a statement */
static rexpr *attr_of(fixture *f, const char *actor, const char *attr)
{
    rexpr *x = &f->node[f->nnodes++];
    x->k = R_ACTOR_ATTR;
    x->type = T_NUM;
    x->actor = coop_actor_find(f->s, actor);
    x->attr = names_get(&f->s->m.attr_idx, attr);
    ck_assert(x->actor >= 0 && x->attr >= 0);
    return x;
}

static rexpr *bin(fixture *f, binop op, rexpr *a, rexpr *b)
{
    int i = f->nnodes;
    rexpr *x = &f->node[f->nnodes++];
    x->k = R_BIN;
    x->op = op;
    x->type = op >= OP_LT ? T_BOOL : T_NUM;
    x->nsub = 2;
    x->sub = f->subs[i];
    x->sub[0] = a;
    x->sub[1] = b;
    return x;
}

/* Event `name` of kind k at the steps given (-1 ends them). */
static event_info *event(fixture *f, const char *ename, event_kind k, const int *steps)
{
    event_info *e = &f->ev[f->s->m.nevents++];
    e->name = ename;
    e->kind = k;
    int n = 0;
    while (steps && steps[n] >= 0) n++;
    e->steps = mem_calloc((size_t)n + 1, sizeof *e->steps);
    if (n) memcpy(e->steps, steps, (size_t)n * sizeof *e->steps);
    e->nsteps = n;
    e->ch = f->ch[e - f->ev];
    return e;
}

static void attr_change(fixture *f, event_info *e, const char *actor, const char *attr, chop op, rexpr *value)
{
    event_change *c = &e->ch[e->nch++];
    c->actor = coop_actor_find(f->s, actor);
    c->attr = names_get(&f->s->m.attr_idx, attr);
    ck_assert(c->actor >= 0 && c->attr >= 0);
    c->op = op;
    c->value = value;
}

static void trust_change(fixture *f, event_info *e, chop op, rexpr *value)
{
    event_change *c = &e->ch[e->nch++];
    c->is_rel = 1;
    c->rel = names_get(&f->s->m.callables, "trust");
    c->args[0] = coop_actor_find(f->s, "elder_care");
    c->args[1] = coop_actor_find(f->s, "acme");
    c->op = op;
    c->value = value;
}

static double media_at(tl_run *r, int k)
{
    const coop_world *w = tl_world_at(r, k);
    return w->num[names_get(&r->m->attr_idx, "media")][names_get(&r->m->actor_idx, "acme")];
}

static const int step0[] = {0, -1}, step1[] = {1, -1}, step2[] = {2, -1}, steps02[] = {0, 2, -1}, steps13[] = {1, 3, -1};

/* Changes of one value in one step add up, after its '='; a relation's
 * range clamps what they come to. */
START_TEST(changes_add_up_and_clamp)
{
    fixture f;
    setup(&f, 4);
    event_info *a = event(&f, "a", EVENT_EVERY, steps02), *b = event(&f, "b", EVENT_AT, step0);
    event_info *c = event(&f, "c", EVENT_AT, step2);
    attr_change(&f, a, "acme", "media", CH_ADD, num(&f, 0.25));
    attr_change(&f, b, "acme", "media", CH_SUB, num(&f, 0.5));
    attr_change(&f, c, "acme", "media", CH_SET, num(&f, 0.125));
    trust_change(&f, a, CH_ADD, num(&f, 0.5));
    relation_info *trust = &f.s->m.rels[names_get(&f.s->m.callables, "trust")];
    trust->lo = 0;
    trust->hi = 1;
    tl_run r;
    ck_assert_int_eq(tl_run_model(&r, &f.s->m, f.s->w, NULL, 1, NULL), 0);
    ck_assert_int_eq(r.nsteps, 4);
    ck_assert_double_eq(media_at(&r, -1), 0.6);
    ck_assert_double_eq(media_at(&r, 0), 0.6 + 0.25 - 0.5);
    ck_assert_double_eq(media_at(&r, 1), 0.6 + 0.25 - 0.5);
    ck_assert_double_eq(media_at(&r, 2), 0.125 + 0.25); /* '=' first, then the amounts */
    int t[2] = {coop_actor_find(f.s, "elder_care"), coop_actor_find(f.s, "acme")};
    ck_assert_double_eq(world_rel(tl_world_at(&r, 0), trust - f.s->m.rels, t), 1); /* 0.6 + 0.5, clamped */
    ck_assert_double_eq(world_rel(tl_world_at(&r, -1), trust - f.s->m.rels, t), 0.6);
    ck_assert_int_eq(r.step[0].nacted, 2);
    ck_assert_int_eq(r.step[1].nacted, 0);
    ck_assert_int_eq(r.step[2].nacted, 2);
    tl_free(&r);
    trust->lo = trust->hi = NAN;
    teardown(&f);
}
END_TEST

/* Three amounts whose floating-point sum depends on their order: the
 * events declared in either order come to the same bits. */
START_TEST(declaration_order_changes_nothing)
{
    double got[2][3];
    for (int order = 0; order < 2; order++) {
        fixture f;
        setup(&f, 3);
        static const char *const evs[] = {"p", "q", "r"};
        static const double amount[] = {0.1, 0.7, 1e-3}; /* 0.6 + 0.1 + 0.7 + 0.001 != 0.6 + 0.001 + 0.7 + 0.1 */
        for (int i = 0; i < 3; i++) {
            int j = order ? 2 - i : i;
            event_info *e = event(&f, evs[j], EVENT_AT, step1);
            attr_change(&f, e, "acme", "media", CH_ADD, num(&f, amount[j]));
        }
        event_info *swap_a = event(&f, order ? "z" : "y", EVENT_AT, step2), *swap_b = event(&f, order ? "y" : "z", EVENT_AT, step2);
        /* each reads the world as the step starts: the two values swap */
        attr_change(&f, swap_a, "acme", "capacity", CH_SET, attr_of(&f, "elder_care", "capacity"));
        attr_change(&f, swap_b, "elder_care", "capacity", CH_SET, attr_of(&f, "acme", "capacity"));
        tl_run r;
        ck_assert_int_eq(tl_run_model(&r, &f.s->m, f.s->w, NULL, 1, NULL), 0);
        got[order][0] = media_at(&r, 1);
        const coop_world *w = tl_world_at(&r, 2);
        int cap = names_get(&f.s->m.attr_idx, "capacity");
        got[order][1] = w->num[cap][coop_actor_find(f.s, "acme")];
        got[order][2] = w->num[cap][coop_actor_find(f.s, "elder_care")];
        tl_free(&r);
        teardown(&f);
    }
    ck_assert(memcmp(got[0], got[1], sizeof got[0]) == 0);
    ck_assert_double_eq(got[0][1], 0.7); /* elder_care's */
    ck_assert_double_eq(got[0][2], 0.9); /* acme's */
    ck_assert_double_eq_tol(got[0][0], 1.401, 1e-12);
}
END_TEST

/* Two '=' of one value in one step: an error naming both events, at the
 * second's change; the steps before it are kept. */
START_TEST(two_sets_of_one_value)
{
    fixture f;
    setup(&f, 4);
    event_info *x = event(&f, "rumour", EVENT_AT, step1), *y = event(&f, "gala", EVENT_AT, step1);
    attr_change(&f, x, "acme", "media", CH_SET, num(&f, 0.1));
    attr_change(&f, y, "acme", "media", CH_SET, num(&f, 0.9));
    tl_run r;
    ck_assert_int_eq(tl_run_model(&r, &f.s->m, f.s->w, NULL, 1, NULL), -1);
    ck_assert(r.failed && !r.stopped);
    ck_assert_int_eq(r.nsteps, 2);
    ck_assert_msg(strstr(r.err_msg, "'gala'") && strstr(r.err_msg, "'rumour'") && strstr(r.err_msg, "2014-02"), "%s",
                  r.err_msg);
    tl_free(&r);
    teardown(&f);
}
END_TEST

/* `on` acts in the step after its condition turns true, once; `while` in
 * every step after one where it holds; an event left out acts nowhere. */
START_TEST(triggers_act_in_the_next_step)
{
    fixture f;
    setup(&f, 6);
    event_info *up = event(&f, "up", EVENT_EVERY, steps13);
    attr_change(&f, up, "acme", "media", CH_ADD, num(&f, 0.125)); /* 0.6 -> 0.725 at step 1, 0.85 at 3 */
    rexpr *loud = bin(&f, OP_GE, attr_of(&f, "acme", "media"), num(&f, 0.7));
    event_info *on = event(&f, "noticed", EVENT_ON, NULL), *wh = event(&f, "covered", EVENT_WHILE, NULL);
    on->cond = wh->cond = loud;
    attr_change(&f, on, "elder_care", "capacity", CH_ADD, num(&f, 0.25));
    attr_change(&f, wh, "elder_care", "media", CH_ADD, num(&f, 0.0625));
    tl_run r;
    ck_assert_int_eq(tl_run_model(&r, &f.s->m, f.s->w, NULL, 1, NULL), 0);
    int cap = names_get(&f.s->m.attr_idx, "capacity"), med = names_get(&f.s->m.attr_idx, "media");
    int ec = coop_actor_find(f.s, "elder_care");
    static const double capacity[] = {0.7, 0.7, 0.95, 0.95, 0.95, 0.95};
    static const double media[] = {0.4, 0.4, 0.4625, 0.525, 0.5875, 0.65};
    for (int k = 0; k < 6; k++) {
        const coop_world *w = tl_world_at(&r, k);
        ck_assert_msg(w->num[cap][ec] == capacity[k], "capacity at %d: %g", k, w->num[cap][ec]);
        ck_assert_msg(w->num[med][ec] == media[k], "media at %d: %g", k, w->num[med][ec]);
    }
    tl_free(&r);
    unsigned char off[8] = {1, 0, 0}; /* without `up`, nothing turns true */
    ck_assert_int_eq(tl_run_model(&r, &f.s->m, f.s->w, off, 1, NULL), 0);
    const coop_world *w = tl_world_at(&r, 5);
    ck_assert_double_eq(w->num[cap][ec], 0.7);
    ck_assert_double_eq(w->num[med][ec], 0.4);
    tl_free(&r);
    teardown(&f);
}
END_TEST

/* The world at a step is the same whichever step was asked before. */
START_TEST(any_step_replays_the_same)
{
    fixture f;
    setup(&f, 12);
    static const int every[] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, -1};
    event_info *e = event(&f, "drift", EVENT_EVERY, every);
    attr_change(&f, e, "acme", "media", CH_ADD, num(&f, 0.01));
    tl_run r;
    ck_assert_int_eq(tl_run_model(&r, &f.s->m, f.s->w, NULL, 1, NULL), 0);
    double forward[12];
    for (int k = 0; k < 12; k++) forward[k] = media_at(&r, k);
    static const int asked[] = {7, 2, 11, 0, 5, 5, 3, -1, 9};
    for (size_t i = 0; i < sizeof asked / sizeof asked[0]; i++) {
        int k = asked[i];
        ck_assert(media_at(&r, k) == (k < 0 ? 0.6 : forward[k]));
    }
    ck_assert(forward[11] > forward[10] && forward[0] == 0.6 + 0.01);
    ck_assert_double_eq(media_at(&r, -1), 0.6); /* the declared world is not touched */
    ck_assert_double_eq(f.s->w->num[names_get(&f.s->m.attr_idx, "media")][coop_actor_find(f.s, "acme")], 0.6);
    tl_free(&r);
    teardown(&f);
}
END_TEST

/* Another step's world never moves the last one's, and a query of
 * another step (query_at), asked in any order, counts what a query made
 * afresh on that step's world counts: its caches go with each move. */
START_TEST(query_at_any_step)
{
    fixture f;
    setup(&f, 12);
    static const int every[] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, -1};
    event_info *e = event(&f, "drift", EVENT_EVERY, every);
    /* capacity falls under the flagship's clause, then recovers: the count moves */
    attr_change(&f, e, "elder_care", "capacity", CH_SUB, num(&f, 0.1));
    event_info *g = event(&f, "back", EVENT_AT, (const int[]){8, -1});
    attr_change(&f, g, "elder_care", "capacity", CH_SET, num(&f, 0.9));
    tl_run r;
    ck_assert_int_eq(tl_run_model(&r, &f.s->m, f.s->w, NULL, 1, NULL), 0);
    const coop_world *last = tl_world_at(&r, 11);
    int cap = names_get(&f.s->m.attr_idx, "capacity"), ec = coop_actor_find(f.s, "elder_care");
    double last_cap = last->num[cap][ec];
    int rule = coop_rule_find(f.s, "alliance");
    ck_assert_int_ge(rule, 0);
    long want[12];
    for (int k = 0; k < 12; k++) { /* afresh, on a copy of each step's world */
        coop_world *w = world_clone(tl_world_at(&r, k));
        query fresh;
        query_init(&fresh, &f.s->m, w, 0);
        want[k] = query_count(&fresh, rule);
        query_free(&fresh);
        world_free(w);
    }
    ck_assert(want[0] != want[5]); /* the count does move */
    query q;
    query_init(&q, &f.s->m, last, 0);
    q.tl = &r;
    static const int asked[] = {3, 5, 0, 11, 7, 8, 2, 2, 10, 1, 6, 4, 9};
    uint64_t seen = 0;
    int prev = -1;
    for (size_t i = 0; i < sizeof asked / sizeof asked[0]; i++) {
        int k = asked[i];
        query *qk = query_at(&q, k);
        ck_assert(k == 11 ? qk == &q : qk != &q);
        if (k != 11 && k < prev) /* moved back: every column newer than any version a query saw */
            for (int c = 0; c < qk->w->nattrs + qk->w->nrels; c++) ck_assert(qk->w->stamp[c] > seen);
        ck_assert_int_eq(query_count(qk, rule), want[k]);
        if (k != 11) { /* a moved cursor never repeats a version a query saw */
            ck_assert(qk->w->version > seen || k == prev);
            if (qk->w->version > seen) seen = qk->w->version;
            prev = k;
        }
        ck_assert(tl_world_at(&r, 11) == last && last->num[cap][ec] == last_cap);
    }
    query_free(&q);
    tl_free(&r);
    teardown(&f);
}
END_TEST

/* A run kept between calls is reused while the model's number and the
 * world stay the same, and run again when either changes. */
START_TEST(cache_keeps_the_run)
{
    fixture f;
    setup(&f, 4);
    event_info *e = event(&f, "drift", EVENT_EVERY, (const int[]){0, 1, 2, 3, -1});
    attr_change(&f, e, "acme", "media", CH_ADD, num(&f, 0.01));
    tl_cache c = {0};
    tl_run own, *r1, *r2;
    ck_assert_int_eq(tl_cache_run(&c, 1, &f.s->m, f.s->w, 0, NULL, &own, &r1), 0);
    tl_free(&own);
    ck_assert(r1 == &c.run && c.have);
    ck_assert_int_eq(tl_cache_run(&c, 1, &f.s->m, f.s->w, 0, NULL, &own, &r2), 0);
    ck_assert(r2 == r1 && c.run.nsteps == 4);
    tl_free(&own);
    coop_world *w = world_clone(f.s->w);
    w->num[names_get(&f.s->m.attr_idx, "media")][coop_actor_find(f.s, "acme")] = 0.2;
    ck_assert_int_eq(tl_cache_run(&c, 1, &f.s->m, w, 0, NULL, &own, &r2), 0); /* another world */
    tl_free(&own);
    ck_assert_double_eq_tol(tl_world_at(r2, 3)->num[names_get(&f.s->m.attr_idx, "media")][coop_actor_find(f.s, "acme")],
                            0.24, 1e-12);
    ck_assert_int_eq(tl_cache_run(&c, 2, &f.s->m, w, 1, NULL, &own, &r2), 0); /* another model, a journal */
    tl_free(&own);
    ck_assert(c.model == 2 && c.run.journal);
    ck_assert_int_eq(tl_cache_run(&c, 2, &f.s->m, w, 0, NULL, &own, &r1), 0); /* a journal serves without */
    tl_free(&own);
    ck_assert(r1 == r2);
    world_str_intern(w, "a string the run's worlds lack"); /* numbered since: run again */
    ck_assert_int_eq(tl_cache_run(&c, 2, &f.s->m, w, 0, NULL, &own, &r1), 0);
    tl_free(&own);
    ck_assert_int_eq((int)c.from->xstrs.n, (int)w->xstrs.n);
    ck_assert(world_str(tl_world_at(r1, 3), world_str_find(w, "a string the run's worlds lack")) != NULL);
    tl_cache_free(&c);
    world_free(w);
    teardown(&f);
}
END_TEST

/* A script's statements read the world the last step ends with: the
 * flagship's expectations hold in its declared world, and fail once an
 * event takes the trust and the capacity away; an error of the run is
 * said at the event's change. */
START_TEST(statements_read_the_last_step)
{
    fixture f;
    setup(&f, 3);
    coop_options o = {0};
    ck_assert_int_eq(coop_run(f.s, NULL, &o, f.d), 0);
    event_info *e = event(&f, "scandal", EVENT_AT, step1);
    trust_change(&f, e, CH_SET, num(&f, 0));
    attr_change(&f, e, "elder_care", "capacity", CH_SET, num(&f, 0.1));
    int failed = coop_run(f.s, NULL, &o, f.d);
    ck_assert_int_ge(failed, 1);
    ck_assert_double_eq(f.s->w->num[names_get(&f.s->m.attr_idx, "capacity")][coop_actor_find(f.s, "elder_care")], 0.7);
    event_info *g = event(&f, "gala", EVENT_AT, step1);
    attr_change(&f, g, "elder_care", "capacity", CH_SET, num(&f, 0.9));
    g->ch[0].loc.line = 42;
    ck_assert_int_eq(coop_run(f.s, NULL, &o, f.d), -1);
    ck_assert_msg(strstr(diag_text(f.d), "'scandal'") && strstr(diag_text(f.d), "'gala'"), "%s", diag_text(f.d));
    teardown(&f);
}
END_TEST

/* ---- what a step costs ---- */

/* A timeline of 60 years in which one rule's value moves every year, and
 * n - 1 rules read values no event moves: the trigger, first() and
 * throughout drop what they worked out of the one they read as its value
 * moves, never another's, however many rules there are (each step walked
 * every rule's, once for each query that read it). */
static long rules_read_cost(int n, long *run_drops)
{
    char *text = malloc(4096 + (size_t)n * 128);
    int len = sprintf(text, "timeline 2000 .. 2059 by year\nactor g : government {}\n"
                            "actor a : npo { x = 0  z = 0  funded = false }\n"
                            "event tick every year { a.x += 1 }\nevent fund on count(p0) > 0 { a.funded = true }\n"
                            "partnership p0(g: government, n: npo) { factor x = n.x  forms when x >= 30 }\n");
    for (int i = 1; i < n; i++)
        len += sprintf(text + len, "partnership p%d(g: government, n: npo) { factor z = n.z  forms when z >= %d }\n",
                       i, i);
    sprintf(text + len, "expect first(count(p0) > 0) == 2029\nexpect (count(p1) == 0) throughout 2000 .. 2059\n"
                        "expect first(a.funded) == 2030\n");
    coop_diags *d;
    coop_script *s = load_ok(text, &d);
    free(text);
    tl_run r;
    ck_assert_int_eq(tl_run_model(&r, &s->m, s->w, NULL, 1, NULL), 0);
    *run_drops = r.drops;
    query q;
    query_init(&q, &s->m, tl_world_at(&r, r.nsteps - 1), 0);
    q.tl = &r;
    for (int i = 0; i < s->nstmts; i++) {
        evaluator none;
        ev_statement(&none, &s->m, q.w, NULL);
        ev_fault f = {0, NULL, NULL};
        ck_assert_msg(ev_expr(&none, s->stmts[i].e, query_leaf, &q, &f) == 1 && !f.kind && !q.err, "statement %d", i);
    }
    for (int i = 2; i < n; i++) /* never read, never looked at */
        ck_assert(q.st[i].ver == 0 && q.at->st[i].ver == 0);
    long drops = q.drops + q.at->drops;
    query_free(&q);
    tl_free(&r);
    coop_script_free(s);
    coop_diags_free(d);
    return drops;
}

START_TEST(steps_cost_the_rules_read)
{
    long run20, run40, drops20 = rules_read_cost(20, &run20), drops40 = rules_read_cost(40, &run40);
    ck_assert_int_eq(drops20, drops40);
    ck_assert_int_eq(run20, run40);
    /* what count(p0) worked out is dropped once a step its value moved,
     * from the second step read: by first(), steps 1 to 2029's; by the
     * trigger, read as steps 0 to 2058 end, 58 times; count(p1) never */
    ck_assert_int_eq(drops20, 29);
    ck_assert_int_eq(run20, 58);
}
END_TEST

/* ---- a session's run ---- */

static const char moved[] = "timeline 2010 .. 2020 by year\nactor g : government {}\nactor a : npo { x = 0 }\n"
                            "event up at 2015 { a.x += 1 }\n"
                            "partnership p(g: government, n: npo) { factor x = n.x  forms when x >= 1 }\n";

/* The run a loaded file's expectations read, and the one a declaration's
 * check makes (the timeline runs to its end), are the ones the next
 * inputs read, and a set's run of its new world too: the session runs
 * the timeline no more (each was thrown away, and the next input ran it
 * again). */
START_TEST(runs_are_kept)
{
    char path[] = "/tmp/coop-runs-XXXXXX";
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    FILE *m = fdopen(fd, "w");
    fprintf(m, "%sexpect p(g, a)\n", moved);
    fclose(m);
    FILE *f = fopen("/dev/null", "w");
    coop_options o = {0};
    o.out = f;
    coop_session *s = coop_session_new(&o);
    coop_diags *d = coop_diags_new();
    ck_assert_int_eq(coop_session_load(s, path, d), COOP_DONE);
    unlink(path);
    static const char *const inputs[] = {
        "expect p(g, a)",                       /* the last step */
        "expect first(p(g, a)) == 2015",        /* an earlier one: the journal */
        "set a.x = 5",                          /* the set's run, of its world */
        "expect p(g, a) and a.x == 6",
        "expect first(p(g, a)) == 2010",
        "what if up at 2012 : expect p(g, a)",  /* its what-if side reads its run */
        "actor b : npo { x = 0 }",              /* a new model, checked and kept */
        "expect not p(g, b) throughout 2010 .. 2020",
    };
    for (size_t i = 0; i < sizeof inputs / sizeof inputs[0]; i++) {
        ck_assert_msg(coop_session_input(s, "<stdin>", (int)i + 9, inputs[i], strlen(inputs[i]), d) == COOP_DONE,
                      "%s: %s", inputs[i], diag_text(d));
        ck_assert_msg(s->tl.runs == 0, "%s ran the timeline again", inputs[i]);
    }
    ck_assert_int_eq(coop_session_input(s, "<stdin>", 20, "undo", 4, d), COOP_DONE); /* the model built again */
    ck_assert_int_eq(coop_session_input(s, "<stdin>", 21, "expect p(g, a)", 14, d), COOP_DONE);
    ck_assert_int_eq(s->tl.runs, 1);
    coop_session_free(s);
    coop_diags_free(d);
    fclose(f);
}
END_TEST

Suite *suite_timeline(void)
{
    Suite *s = suite_create("timeline");
    TCase *t = tcase_create("timeline");
    tcase_add_test(t, changes_add_up_and_clamp);
    tcase_add_test(t, declaration_order_changes_nothing);
    tcase_add_test(t, two_sets_of_one_value);
    tcase_add_test(t, triggers_act_in_the_next_step);
    tcase_add_test(t, any_step_replays_the_same);
    tcase_add_test(t, statements_read_the_last_step);
    tcase_add_test(t, query_at_any_step);
    tcase_add_test(t, cache_keeps_the_run);
    tcase_add_test(t, steps_cost_the_rules_read);
    tcase_add_test(t, runs_are_kept);
    suite_add_tcase(s, t);
    return s;
}
