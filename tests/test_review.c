/* test_review.c - cases from a review of the world-as-data change (issue
 * 7), against its sessions, differences and worlds.
 *
 * The regressions first: bugs the review found (at 2c7e95e), each with what
 * happened then and what should.  Then what the review tried to break:
 * incremental differences on rules the randomized test in test_world.c
 * does not generate, relation values set and unset many times, sets past
 * 64 and 128 symbols, undo in every order, and :save read back. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "eval.h"
#include "script.h"
#include "util.h"

/* ---- helpers ---- */

static char out[1 << 16];

typedef struct fx {
    FILE *f;
    coop_session *s;
    coop_diags *d;
} fx;

static void fx_open(fx *x, const char *text)
{
    x->f = fmemopen(out, sizeof out - 1, "w");
    coop_options o = {0};
    o.out = x->f;
    x->s = coop_session_new(&o);
    x->d = coop_diags_new();
    if (text) {
        coop_status st = coop_session_input(x->s, "model", 1, text, strlen(text), x->d);
        ck_assert_msg(st == COOP_DONE, "%s", diag_text(x->d));
    }
}

static coop_status fx_in(fx *x, const char *text)
{
    coop_diags_clear(x->d);
    rewind(x->f);
    memset(out, 0, sizeof out);
    coop_status st = coop_session_input(x->s, "<stdin>", 1, text, strlen(text), x->d);
    fflush(x->f);
    return st;
}

static void fx_close(fx *x)
{
    fclose(x->f);
    coop_session_free(x->s);
    coop_diags_free(x->d);
}

static void write_text(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    ck_assert_ptr_nonnull(f);
    fputs(text, f);
    fclose(f);
}

static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* Everything a script's world and rules say, by name, so that two scripts
 * (a session's and its saved file loaded again) compare whatever order
 * they number actors and symbols in: every attribute value (sets as their
 * members sorted), every relation value of every tuple of one or two
 * actors, and every verdict and score.  malloc'd. */
static char *dump(const coop_script *s, const coop_world *w)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    int na = coop_name_count(s, COOP_NAMES_ACTOR), nt = coop_name_count(s, COOP_NAMES_ATTRIBUTE);
    /* actors by name */
    const char **nm = malloc(((size_t)na + 1) * sizeof *nm);
    for (int i = 0; i < na; i++) nm[i] = coop_name(s, COOP_NAMES_ACTOR, i);
    qsort(nm, (size_t)na, sizeof *nm, cmp_str);
    for (int i = 0; i < na; i++) {
        int a = coop_actor_find(s, nm[i]);
        for (int k = 0; k < nt; k++) {
            const char *an = coop_name(s, COOP_NAMES_ATTRIBUTE, k);
            int at = coop_attr_find(s, an);
            double v = 0;
            const char *str = NULL;
            coop_value_type t = coop_world_attr(w, a, at, &v, &str);
            if (t == COOP_VALUE_NONE) continue;
            fprintf(f, "%s.%s = ", nm[i], an);
            if (t == COOP_VALUE_STRING) fprintf(f, "\"%s\"\n", str);
            else if (t == COOP_VALUE_SET) {
                const char *m[512];
                int n = coop_world_members(w, a, at, m, 512);
                qsort(m, (size_t)n, sizeof *m, cmp_str);
                for (int j = 0; j < n; j++) fprintf(f, "%s%s", j ? "," : "{", m[j]);
                fputs(n ? "}\n" : "{}\n", f);
            } else
                fprintf(f, "%.17g\n", v);
        }
    }
    for (int r = 0; r < coop_name_count(s, COOP_NAMES_RELATION); r++) {
        const char *rn = coop_name(s, COOP_NAMES_RELATION, r);
        int rel = coop_relation_find(s, rn), ar = coop_relation_arity(s, rel);
        for (int i = 0; i < na; i++)
            for (int j = 0; j < (ar > 1 ? na : 1); j++) {
                int t[2] = {coop_actor_find(s, nm[i]), coop_actor_find(s, nm[j])};
                double v;
                if (ar <= 2 && coop_world_relation(w, rel, t, &v) >= 0)
                    fprintf(f, "%s(%s%s%s) = %.17g\n", rn, nm[i], ar > 1 ? "," : "", ar > 1 ? nm[j] : "", v);
            }
    }
    coop_query *q = coop_query_new(s, w, 0);
    for (int r = 0; r < coop_name_count(s, COOP_NAMES_RULE); r++) {
        const char *rn = coop_name(s, COOP_NAMES_RULE, r);
        int rule = coop_rule_find(s, rn);
        if (coop_rule_params(s, rule) != 2) continue;
        for (int i = 0; i < na; i++)
            for (int j = 0; j < na; j++) {
                int t[2] = {coop_actor_find(s, nm[i]), coop_actor_find(s, nm[j])};
                coop_verdict v;
                if (coop_evaluate(q, rule, t, &v, NULL) == 0)
                    fprintf(f, "%s(%s,%s): %d %.17g\n", rn, nm[i], nm[j], v.forms, v.score);
            }
    }
    coop_query_free(q);
    free(nm);
    fclose(f);
    return buf;
}

static char *session_dump(const coop_session *s) { return dump(coop_session_script(s), coop_session_world(s)); }

/* The session saved to path and loaded again: its dump (malloc'd). */
static char *saved_dump(coop_session *s, const char *path)
{
    coop_diags *d = coop_diags_new();
    ck_assert_msg(coop_session_save(s, path, 1, d) == COOP_DONE, "%s", diag_text(d));
    coop_script *back = coop_load_file(path, d);
    ck_assert_msg(back != NULL, "%s", diag_text(d));
    char *r = dump(back, coop_script_world(back));
    coop_script_free(back);
    coop_diags_free(d);
    return r;
}

/* ---- regression: a declaration is checked against the declared world, not
 * the session's ---- */

/* `set z.extra = 3` gives actor z an attribute it lacked.  A partnership
 * typed next that reads n.extra is refused ("actor 'z' (npo) has no
 * attribute 'extra', which partnership 'p' reads"), although the session's
 * world has it, :save writes `extra = 3` into z, and the saved file with
 * the same partnership loads.  At 6254df0 (text rewritten by set) it was
 * accepted.  It should be accepted: the model is checked in the world the
 * session evaluates. */
START_TEST(kept_change_gives_an_attribute_a_new_rule_reads)
{
    fx x;
    fx_open(&x, "actor a : npo { x = 1 extra = 0.5 }\n"
                "actor z : npo { x = 2 }\n"
                "actor e : enterprise { x = 1 }\n"
                "partnership p(n: npo, m: enterprise) { factor f = n.x  forms when f > 1 }\n");
    ck_assert_int_eq(fx_in(&x, "set z.extra = 3\n"), COOP_DONE);
    coop_status st = fx_in(&x, "partnership p(n: npo, m: enterprise) { factor f = n.x + n.extra  forms when f > 1 }\n");
    ck_assert_msg(st == COOP_DONE, "the partnership is refused although z.extra is set:\n%s",
                  diag_text(x.d));
    fx_close(&x);
}
END_TEST

/* The same root: the only actor that declares `extra` redeclared without
 * it.  z still has extra = 3 (set), but the kept change is rebuilt in a
 * model built from declarations alone, which has no attribute 'extra':
 * "the change `z.extra = 3` set here no longer applies: no actor has an
 * attribute 'extra'", and the declaration is refused (6254df0 took it). */
START_TEST(kept_change_keeps_an_attribute_its_declarer_dropped)
{
    fx x;
    fx_open(&x, "actor a : npo { x = 1 extra = 0.5 }\n"
                "actor z : npo { x = 2 }\n");
    ck_assert_int_eq(fx_in(&x, "set z.extra = 3\n"), COOP_DONE);
    coop_status st = fx_in(&x, "actor a : npo { x = 1 }\n");
    ck_assert_msg(st == COOP_DONE, "the declaration is refused:\n%s", diag_text(x.d));
    ck_assert_int_eq(fx_in(&x, "z.extra\n"), COOP_DONE);
    ck_assert_str_eq(out, "3\n");
    fx_close(&x);
}
END_TEST

/* The same through :load: a file whose rule reads what only a kept change
 * gives. */
START_TEST(kept_change_gives_an_attribute_a_loaded_rule_reads)
{
    char dir[] = "/tmp/coop-review-XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(dir));
    char rule[96];
    snprintf(rule, sizeof rule, "%s/rule.coop", dir);
    write_text(rule, "partnership q(n: npo, m: enterprise) { factor f = n.extra  forms when f > 1 }\n");
    fx x;
    fx_open(&x, "actor a : npo { x = 1 extra = 0.5 }\n"
                "actor z : npo { x = 2 }\n"
                "actor e : enterprise { x = 1 }\n");
    ck_assert_int_eq(fx_in(&x, "set z.extra = 3\n"), COOP_DONE);
    coop_diags_clear(x.d);
    coop_status st = coop_session_load(x.s, rule, x.d);
    ck_assert_msg(st == COOP_DONE, "the file is refused although z.extra is set:\n%s", diag_text(x.d));
    fx_close(&x);
    unlink(rule);
    rmdir(dir);
}
END_TEST

/* ---- regression: `what if ... : expect` prints no outcome in text ---- */

/* docs/repl.md ("Scripts") shows `passed:` / `failed:` after `-- now --`
 * and `-- what if --`, as 6254df0 printed; now both sides print nothing
 * (the input still fails, with no line saying why).  whatif.c runs the
 * statement with the session's options, without the on_expect callback
 * session_run() sets. */
START_TEST(what_if_colon_expect_prints_its_outcome)
{
    fx x;
    fx_open(&x, flagship);
    ck_assert_int_eq(fx_in(&x, "what if acme.media = 0.4 : expect alliance(elder_care, acme)\n"), COOP_DONE);
    ck_assert_msg(strstr(out, "-- now --\npassed: alliance(elder_care, acme)\n-- what if --\n"
                              "passed: alliance(elder_care, acme)\n") != NULL,
                  "no outcome printed:\n%s", out);
    ck_assert_int_eq(fx_in(&x, "what if elder_care.key_figure = false : expect alliance(elder_care, acme)\n"),
                     COOP_FAILED);
    ck_assert_msg(strstr(out, "failed: alliance(elder_care, acme) (got does not form") != NULL,
                  "a failed expectation says nothing:\n%s", out);
    fx_close(&x);
}
END_TEST

/* ---- regression: a kept relation value lost when its file is read again
 * without the line that set it ---- */

/* The file sets trust(elder_care, acme) = 0.6; `set` makes it 0; the file,
 * edited to drop that line, is read again.  Nothing declares the value
 * any more, so the user's 0 should stay (it does for a tuple the file
 * never set, and it did at 6254df0); now the kept change is dropped as if
 * replaced, and the value silently falls back to the default 0.3, while
 * `changes` still lists the set. */
START_TEST(kept_relation_value_survives_a_reread_without_its_line)
{
    char dir[] = "/tmp/coop-review-XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(dir));
    char path[96];
    snprintf(path, sizeof path, "%s/m.coop", dir);
    write_text(path, flagship);
    fx x;
    fx_open(&x, NULL);
    ck_assert_int_eq(coop_session_load(x.s, path, x.d), COOP_DONE);
    ck_assert_int_eq(fx_in(&x, "set trust(elder_care, acme) = 0\n"), COOP_DONE);
    /* the file without its trust(elder_care, acme) line */
    const char *line = "trust(elder_care, acme) = 0.6\n";
    const char *at = strstr(flagship, line);
    ck_assert_ptr_nonnull(at);
    char *edited = malloc(strlen(flagship) + 1);
    snprintf(edited, strlen(flagship) + 1, "%.*s%s", (int)(at - flagship), flagship, at + strlen(line));
    write_text(path, edited);
    free(edited);
    coop_diags_clear(x.d);
    ck_assert_msg(coop_session_load(x.s, path, x.d) == COOP_DONE, "%s", diag_text(x.d));
    ck_assert_int_eq(fx_in(&x, "trust(elder_care, acme)\n"), COOP_DONE);
    ck_assert_msg(strcmp(out, "0\n") == 0, "the value set is %s", out);
    fx_close(&x);
    unlink(path);
    rmdir(dir);
}
END_TEST

/* ---- passes: undo restores exactly, in every order; :save reads back ---- */

static const char *npo_more =
    "actor beta : enterprise \"B\" { capacity = 0.5 media = 0.1 key_figure = false orientation = 0.5 concerns = {} }\n"
    "relation bond(npo, enterprise) default 0.25\n";

/* A fixed list of inputs that change the session; after each, the state
 * must equal what :save writes and reads back, and undoing them one by one
 * must give back every state before, exactly. */
START_TEST(undo_restores_every_state_and_save_reads_back)
{
    static const char *inputs[] = {
        "set acme.concerns += {elderly, zeta}",
        "set acme.concerns -= {health}, trust(elder_care, beta) = 0.3",
        "set beta.motto = \"a \\\"b\\\" c\"",
        "set beta.capacity += 0.25, elder_care.key_figure = false",
        "actor acme : enterprise { capacity = 0.8 media = 0.6 key_figure = false orientation = 0.8 concerns = {x} }",
        "set acme.concerns = {q0, q1, q2, q3, q4, q5, q6, q7, q8, q9, q10, q11, q12, q13, q14, q15, q16, q17, q18, "
        "q19, q20, q21, q22, q23, q24, q25, q26, q27, q28, q29, q30, q31, q32, q33, q34, q35, q36, q37, q38, q39, "
        "q40, q41, q42, q43, q44, q45, q46, q47, q48, q49, q50, q51, q52, q53, q54, q55, q56, q57, q58, q59, q60, "
        "q61, q62, q63, q64, q65, q66, q67, q68, q69, health}",
        "set bond(elder_care, acme) = 0.25, bond(elder_care, beta) += 0.5",
        "trust(elder_care, beta) = 0.9",
        "relation trust(npo, enterprise) default 0.4",
        "set trust(elder_care, acme) = 0.4, elder_care.concerns = {}",
        "actor elder_care : npo { capacity = 0.7 media = 0.5 key_figure = true orientation = 0.2 concerns = {zeta} }",
        "set bond(elder_care, acme) = 1, bond(elder_care, beta) = 0.25",
    };
    enum { N = sizeof inputs / sizeof inputs[0] };
    char dir[] = "/tmp/coop-review-XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(dir));
    char saved[96];
    snprintf(saved, sizeof saved, "%s/saved.coop", dir);
    fx x;
    fx_open(&x, flagship);
    ck_assert_int_eq(fx_in(&x, npo_more), COOP_DONE);
    ck_assert_int_eq(fx_in(&x, "actor gamma : media { motto = \"m\" }"), COOP_DONE);
    char *states[N + 1];
    states[0] = session_dump(x.s);
    for (int i = 0; i < N; i++) {
        ck_assert_msg(fx_in(&x, inputs[i]) == COOP_DONE, "%s: %s", inputs[i], diag_text(x.d));
        states[i + 1] = session_dump(x.s);
        char *back = saved_dump(x.s, saved);
        ck_assert_msg(strcmp(back, states[i + 1]) == 0, "after %s, the saved file reads:\n%s\nthe session:\n%s",
                      inputs[i], back, states[i + 1]);
        free(back);
        /* a what if and a failing input change nothing */
        ck_assert_int_eq(fx_in(&x, "what if acme.media = 0.1, trust(elder_care, beta) += 0.1"), COOP_DONE);
        ck_assert_int_eq(fx_in(&x, "set acme.media = 0.1, nobody.media = 1"), COOP_FAILED);
        char *same = session_dump(x.s);
        ck_assert_str_eq(same, states[i + 1]);
        free(same);
    }
    for (int i = N; i > 0; i--) {
        ck_assert_msg(fx_in(&x, "undo") == COOP_DONE, "%s", diag_text(x.d));
        char *now = session_dump(x.s);
        ck_assert_msg(strcmp(now, states[i - 1]) == 0, "undoing %s gives:\n%s\nnot:\n%s", inputs[i - 1], now,
                      states[i - 1]);
        free(now);
    }
    for (int i = 0; i <= N; i++) free(states[i]);
    fx_close(&x);
    unlink(saved);
    rmdir(dir);
}
END_TEST

/* ---- passes: incremental differences against every tuple, on rules the
 * randomized test of test_world.c does not generate ---- */

static const char *diff_model =
    "kind foundation : npo\n"
    "actor n1 : npo { x = 0.1 s = {a, b} t = \"p\" ok = true }\n"
    "actor n2 : foundation { x = 0.5 s = {b} t = \"q\" ok = false }\n"
    "actor n3 : npo { x = 0.9 s = {} t = \"p\" ok = true }\n"
    "actor n4 : foundation { x = 0.3 s = {c} t = \"r\" ok = false }\n"
    "actor e1 : enterprise { x = 0.2 s = {a} t = \"p\" ok = true }\n"
    "actor e2 : enterprise { x = 0.7 s = {d, b} t = \"z\" ok = false }\n"
    "actor e3 : enterprise { x = 0.4 s = {a, c} t = \"q\" ok = true }\n"
    "relation r(npo, npo) default 0.1\n"
    "relation q(npo, enterprise, npo) default 0\n"
    "relation f(enterprise) default false\n"
    "r(n1, n2) = 0.4\n"
    "r(n2, n1) = 0.6\n"
    "r(n3, n3) = 0.2\n"
    "q(n1, e1, n2) = 1\n"
    /* three parameters, two of one kind; a relation read with a parameter
     * twice, in both orders, and of arity 3 and 1 */
    "partnership p3(a: npo, b: enterprise, c: npo) {\n"
    "  factor self = r(a, a) + r(c, c)\n"
    "  factor ac = r(a, c) - r(c, a)\n"
    "  factor qq = q(c, b, a) + q(a, b, c)\n"
    "  factor ov = overlap(a.s, b.s) + size(c.s) + (zz in c.s)\n"
    "  factor str = a.t == c.t\n"
    "  factor fl = f(b)\n"
    "  factor xs = c.x - a.x\n"
    "  score = self + ac + qq + 0.1*ov + 0.2*str + 0.3*fl + xs\n"
    "  forms when score > 0.3\n"
    "}\n"
    /* a kind and a kind below it: both orders of two foundations */
    "partnership pf(a: npo, b: foundation) {\n"
    "  factor v = r(a, b) + r(b, a) + a.x - b.x\n"
    "  factor o = overlap(a.s, b.s)\n"
    "  factor k = a.ok and not b.ok\n"
    "  score = v + o + 0.5*k\n"
    "  forms when score > 0.2\n"
    "}\n"
    /* one kind twice, only the second parameter's values read */
    "partnership pp(a: npo, b: npo) {\n"
    "  factor v = r(b, a) * 2 + b.x\n"
    "  factor w = size(a.s)\n"
    "  score = v + w\n"
    "  forms when score > 0.5\n"
    "}\n";

static uint64_t rs = 88172645463325252ull;
static uint64_t rnd(void)
{
    rs ^= rs << 13;
    rs ^= rs >> 7;
    rs ^= rs << 17;
    return rs;
}

static void random_edit(const coop_script *s, coop_world *w)
{
    const model *m = &s->m;
    static char nm[200][16];
    if (!nm[0][0])
        for (int i = 0; i < 200; i++) snprintf(nm[i], sizeof nm[i], "s%d", i);
    if (rnd() % 4 == 0) {
        int r = (int)(rnd() % (uint64_t)m->nrels), t[COOP_MAX_PARAMS];
        for (int i = 0; i < m->rels[r].arity; i++) {
            do t[i] = (int)(rnd() % (uint64_t)m->nactors);
            while (!model_is_a(m, m->actors[t[i]].kind, m->rels[r].kinds[i]));
        }
        if (rnd() % 4 == 0) coop_world_unset_relation(w, r, t);
        else coop_world_set_relation(w, r, t, m->rels[r].type == T_BOOL ? (double)(rnd() % 2) : (double)(rnd() % 5) / 4);
        return;
    }
    int a = (int)(rnd() % (uint64_t)m->nactors), at = (int)(rnd() % (uint64_t)m->nattrs);
    switch (m->attrs[at].type) {
    case T_SET: {
        static const char *old[] = {"a", "b", "c", "d", "zz"};
        const char *pick[80];
        int n = rnd() % 5 == 0 ? 70 : (int)(rnd() % 5);
        for (int i = 0; i < n; i++) pick[i] = rnd() % 4 == 0 ? old[rnd() % 5] : nm[rnd() % 150];
        coop_world_set_members(w, a, at, pick, n);
        break;
    }
    case T_BOOL: coop_world_set_number(w, a, at, (double)(rnd() % 2)); break;
    case T_STR: {
        static const char *ss[] = {"p", "q", "r", "z", "new1", "new2", "new3"};
        coop_world_set_string(w, a, at, ss[rnd() % 7]);
        break;
    }
    default: coop_world_set_number(w, a, at, (double)(rnd() % 5) / 4); break;
    }
}

typedef struct every_ctx {
    evaluator *b;
    const coop_diff *x;
    int rule;
    long n, bad;
} every_ctx;

static int every_tuple(evaluator *a, int v, void *p)
{
    every_ctx *c = p;
    int w = ev_tuple(c->b, a->tuple), nf = a->ru->nf;
    double s0 = a->ru->score && v >= 0 ? a->r[nf] : 0, s1 = a->ru->score && w >= 0 ? c->b->r[nf] : 0;
    if (v == w && s0 == s1) return 0;
    int t[COOP_MAX_PARAMS];
    coop_verdict va, vb;
    if (coop_diff_row(c->x, c->rule, c->n, t, &va, &vb) != 0 ||
        memcmp(t, a->tuple, (size_t)a->ru->np * sizeof *t) != 0 || va.forms != v || vb.forms != w || va.score != s0 ||
        vb.score != s1)
        c->bad++;
    c->n++;
    return 0;
}

START_TEST(differences_on_repeated_and_same_kind_parameters)
{
    coop_diags *d;
    coop_script *s = load(diff_model, &d);
    ck_assert_msg(s != NULL, "%s", diag_text(d));
    long rows = 0;
    for (int round = 0; round < 1500; round++) {
        /* worlds cloned apart, each numbering symbols and strings of its own,
         * or one cloned from the other */
        int apart = (int)(rnd() % 2);
        coop_world *a = coop_world_clone(coop_script_world(s));
        for (int k = (int)(rnd() % 4); k > 0; k--) random_edit(s, a);
        coop_world *b = coop_world_clone(apart ? coop_script_world(s) : a);
        if (apart)
            for (int k = (int)(rnd() % 4); k > 0; k--) random_edit(s, b);
        for (int k = 1 + (int)(rnd() % 3); k > 0; k--) random_edit(s, b);
        coop_diff *x = coop_diff_new(s, a, b);
        for (int r = 0; r < s->m.nrules; r++) {
            evaluator ea, eb;
            ev_init(&ea, &s->m, a, r);
            ev_init(&eb, &s->m, b, r);
            every_ctx c = {&eb, x, r, 0, 0};
            ev_foreach_verdicts(&ea, every_tuple, &c);
            ck_assert_msg(c.bad == 0 && coop_diff_rows(x, r) == c.n,
                          "round %d, rule %s: %ld rows, %ld wanted, %ld wrong", round, s->m.rules[r].name,
                          coop_diff_rows(x, r), c.n, c.bad);
            rows += c.n;
            ev_free(&ea);
            ev_free(&eb);
        }
        coop_diff_free(x);
        coop_world_free(a);
        coop_world_free(b);
    }
    ck_assert_int_gt(rows, 1000); /* the edits moved things */
    coop_script_free(s);
    coop_diags_free(d);
}
END_TEST

/* ---- passes: relation values set and unset many times (backward-shift
 * deletion), sets past 64 and 128 symbols, clones, against a plain
 * reference ---- */

START_TEST(world_values_against_a_reference)
{
    enum { NA = 12, NS = 200 };
    char text[4096];
    size_t n = 0;
    for (int i = 0; i < NA; i++) n += (size_t)snprintf(text + n, sizeof text - n, "actor a%d : npo { x = %d s = {} }\n", i, i);
    n += (size_t)snprintf(text + n, sizeof text - n,
                          "relation r3(npo, npo, npo) default 0.5\n"
                          "partnership p(a: npo, b: npo) { factor f = a.x + r3(a, b, a) + size(a.s) + overlap(a.s, b.s)"
                          "  forms when f > 1 }\n");
    coop_diags *d;
    coop_script *s = load(text, &d);
    ck_assert_msg(s != NULL, "%s", diag_text(d));
    int rel = coop_relation_find(s, "r3"), at = coop_attr_find(s, "s");
    static double ref[5][5][5];
    static int has[5][5][5];
    static unsigned char mem[NA][NS];
    static char nm[NS][16];
    for (int i = 0; i < NS; i++) snprintf(nm[i], sizeof nm[i], "m%d", i);
    coop_world *w = coop_world_clone(coop_script_world(s));
    for (int r = 0; r < 60000; r++) {
        int op = (int)(rnd() % 10), t[3] = {(int)(rnd() % 5), (int)(rnd() % 5), (int)(rnd() % 5)};
        if (op < 4) {
            double v = (double)(rnd() % 100) / 10;
            int rc = coop_world_set_relation(w, rel, t, v);
            require(rc == 0, "round %d: setting r3 returned %d", r, rc);
            ref[t[0]][t[1]][t[2]] = v;
            has[t[0]][t[1]][t[2]] = 1;
        } else if (op < 7) {
            int rc = coop_world_unset_relation(w, rel, t);
            require(rc == 0, "round %d: unsetting r3 returned %d", r, rc);
            has[t[0]][t[1]][t[2]] = 0;
        } else if (op < 9) {
            int a = (int)(rnd() % NA), k = (int)(rnd() % 6), lim = rnd() % 3 == 0 ? NS : 70;
            const char *pick[8];
            memset(mem[a], 0, NS);
            for (int i = 0; i < k; i++) {
                int m = (int)(rnd() % (uint64_t)lim);
                pick[i] = nm[m];
                mem[a][m] = 1;
            }
            int rc = coop_world_set_members(w, a, at, pick, k);
            require(rc == 0, "round %d: setting a%d.s returned %d", r, a, rc);
        } else {
            coop_world *c = coop_world_clone(w);
            coop_world_free(w);
            w = c;
        }
        if (r % 97 != 0 && op < 7) continue;
        for (int i = 0; i < 5; i++)
            for (int j = 0; j < 5; j++)
                for (int k = 0; k < 5; k++) {
                    int tt[3] = {i, j, k};
                    double v;
                    int got = coop_world_relation(w, rel, tt, &v);
                    require(got == has[i][j][k] && (!got || v == ref[i][j][k]), "round %d: r3(a%d, a%d, a%d)", r, i, j,
                            k);
                }
        for (int a = 0; a < NA; a++) {
            const char *ms[NS + 1];
            int c = coop_world_members(w, a, at, ms, NS + 1), want = 0;
            for (int m = 0; m < NS; m++) want += mem[a][m];
            require(c == want, "round %d: a%d.s has %d members, not %d", r, a, c, want);
            for (int i = 0; i < c; i++) require(mem[a][atoi(ms[i] + 1)], "round %d: a%d.s has %s", r, a, ms[i]);
        }
        long nf = rule_count(s, w, 0);
        require(nf >= 0, "round %d: counting p returned %ld", r, nf);
    }
    coop_world_free(w);
    coop_script_free(s);
    coop_diags_free(d);
}
END_TEST

/* ---- regressions found by the differential REPL fuzzers (wt-fuzz2, at
 * da6c5b1) ---- */

/* A file read as a session input (its output in `out`, as fx_in). */
static coop_status fx_load(fx *x, const char *path)
{
    coop_diags_clear(x->d);
    rewind(x->f);
    memset(out, 0, sizeof out);
    coop_status st = coop_session_load(x->s, path, x->d);
    fflush(x->f);
    return st;
}

static char *read_text(const char *path)
{
    FILE *f = fopen(path, "r");
    ck_assert_ptr_nonnull(f);
    static char buf[1 << 14];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = 0;
    fclose(f);
    return strdup(buf);
}

/* `set r(n1, e1) = 0.5` (no line held the value); extra.coop, read again,
 * now declares r(n1, e1) = 0.9 and no longer has actor n2.  The file's line
 * replaces the set (as it does when nothing of the file went), so the value
 * is 0.9; it stays 0.5, and :save writes 0.5 on the file's line.  load()
 * takes the gone slots out of the candidates before kept_after(), which
 * still counts new slots from s->slots.n: the first `gone` new slots are
 * not seen as new. */
START_TEST(file_read_again_with_fewer_declarations_replaces_a_kept_value)
{
    char dir[] = "/tmp/coop-review-XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(dir));
    char m[96], extra[96];
    snprintf(m, sizeof m, "%s/m.coop", dir);
    snprintf(extra, sizeof extra, "%s/extra.coop", dir);
    write_text(m, "actor n1 : npo \"N1\" { x = 1 }\n"
                  "actor e1 : enterprise \"E1\" { x = 1 }\n"
                  "relation r(npo, enterprise) default 0.3\n");
    write_text(extra, "actor n2 : npo \"N2\" { x = 2 }\n");
    fx x;
    fx_open(&x, NULL);
    ck_assert_int_eq(fx_load(&x, m), COOP_DONE);
    ck_assert_int_eq(fx_load(&x, extra), COOP_DONE);
    ck_assert_int_eq(fx_in(&x, "set r(n1, e1) = 0.5\n"), COOP_DONE);
    write_text(extra, "r(n1, e1) = 0.9\n");
    ck_assert_msg(fx_load(&x, extra) == COOP_DONE, "%s", diag_text(x.d));
    ck_assert_int_eq(fx_in(&x, "r(n1, e1)\n"), COOP_DONE);
    ck_assert_msg(strcmp(out, "0.9\n") == 0, "the file says 0.9, the session %s", out);
    fx_close(&x);
    unlink(m);
    unlink(extra);
    rmdir(dir);
}
END_TEST

/* A file's line that replaces a kept relation value no declaration held
 * says so, as a typed one does ("replaced r(n1, e1) (set at <stdin>:1)",
 * docs/repl.md): now the file is loaded and the set is dropped without a
 * word (6254df0 said "replaced r(n1, e1) (declared at <stdin>:1)"). */
START_TEST(file_line_replacing_a_kept_value_says_so)
{
    char dir[] = "/tmp/coop-review-XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(dir));
    char m[96], extra[96];
    snprintf(m, sizeof m, "%s/m.coop", dir);
    snprintf(extra, sizeof extra, "%s/extra.coop", dir);
    write_text(m, "actor n1 : npo \"N1\" { x = 1 }\n"
                  "actor e1 : enterprise \"E1\" { x = 1 }\n"
                  "relation r(npo, enterprise) default 0.3\n");
    write_text(extra, "r(n1, e1) = 0.9\n");
    fx x;
    fx_open(&x, NULL);
    ck_assert_int_eq(fx_load(&x, m), COOP_DONE);
    ck_assert_int_eq(fx_in(&x, "set r(n1, e1) = 0.5\n"), COOP_DONE);
    ck_assert_int_eq(fx_load(&x, extra), COOP_DONE);
    ck_assert_msg(strstr(out, "replaced r(n1, e1) (set at <stdin>:1)") != NULL,
                  "the set replaced is not said:\n%s", out);
    fx_close(&x);
    unlink(m);
    unlink(extra);
    rmdir(dir);
}
END_TEST

/* `set e1.x = 0` (e1 declared in a.coop) makes m.coop's `expect p(n1, e1)`
 * false; :save comments it out ("no longer holds").  Reading m.coop again,
 * unchanged, decides its expectations in the session's world, where the
 * set still holds: the expectation "did not hold when its file was read",
 * and :save now writes it as it is, so the saved script fails `coop test`
 * although nothing in the session changed.  The same session state should
 * save the same text.  (Since 6c42db5; 6254df0 commented it out both
 * times.) */
START_TEST(reading_a_file_again_does_not_change_what_save_writes)
{
    char dir[] = "/tmp/coop-review-XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(dir));
    char a[96], m[96], s1[96], s2[96];
    snprintf(a, sizeof a, "%s/a.coop", dir);
    snprintf(m, sizeof m, "%s/m.coop", dir);
    snprintf(s1, sizeof s1, "%s/s1.coop", dir);
    snprintf(s2, sizeof s2, "%s/s2.coop", dir);
    write_text(a, "actor e1 : enterprise \"E1\" { x = 1 }\n");
    write_text(m, "actor n1 : npo \"N1\" { x = 1 }\n"
                  "partnership p(n: npo, e: enterprise) { factor s = n.x + e.x  score = s  forms when score > 1 }\n"
                  "expect p(n1, e1)\n");
    fx x;
    fx_open(&x, NULL);
    ck_assert_int_eq(fx_load(&x, a), COOP_DONE);
    ck_assert_int_eq(fx_load(&x, m), COOP_DONE);
    ck_assert_int_eq(fx_in(&x, "set e1.x = 0\n"), COOP_DONE);
    ck_assert_int_eq(coop_session_save(x.s, s1, 1, x.d), COOP_DONE);
    ck_assert_int_eq(fx_load(&x, m), COOP_DONE);
    ck_assert_int_eq(coop_session_save(x.s, s2, 1, x.d), COOP_DONE);
    char *t1 = read_text(s1), *t2 = read_text(s2);
    ck_assert_msg(strstr(t1, "# expect p(n1, e1)") != NULL, "%s", t1);
    ck_assert_msg(strcmp(t1, t2) == 0, "saved before reading m.coop again:\n%s\nafter:\n%s", t1, t2);
    free(t1);
    free(t2);
    fx_close(&x);
    unlink(a);
    unlink(m);
    unlink(s1);
    unlink(s2);
    rmdir(dir);
}
END_TEST

/* `set n1.extra = true, n2.extra = false` on a number attribute: the
 * session prints n1.extra as 1.  Any declaration builds the model again
 * with the sets declared (extra = true, extra = false: a true/false
 * attribute now), and the same value prints `true`; `set n1.extra = 0.5`,
 * taken before, is refused ("takes true or false").  The saved file says
 * `true` too.  6254df0, which built the model again at every set, printed
 * `true` at once (and refused `set n1.extra += 1`, which HEAD takes until
 * the next declaration).  A declaration that touches nothing should not
 * change what a value is. */
START_TEST(an_unrelated_declaration_keeps_a_set_values_type)
{
    fx x;
    fx_open(&x, "actor n1 : npo \"N1\" { x = 1 extra = 1 }\n"
                "actor n2 : npo \"N2\" { x = 1 extra = 2 }\n");
    ck_assert_int_eq(fx_in(&x, "set n1.extra = true, n2.extra = false\n"), COOP_DONE);
    ck_assert_int_eq(fx_in(&x, "n1.extra\n"), COOP_DONE);
    char *before = strdup(out);
    ck_assert_int_eq(fx_in(&x, "relation zz(npo) default 0\n"), COOP_DONE);
    ck_assert_int_eq(fx_in(&x, "n1.extra\n"), COOP_DONE);
    ck_assert_msg(strcmp(out, before) == 0, "n1.extra printed %s before the declaration, %s after", before, out);
    free(before);
    fx_close(&x);
}
END_TEST

Suite *suite_review(void)
{
    Suite *s = suite_create("review");
    TCase *t = tcase_create("review");
    tcase_set_timeout(t, 120);
    tcase_add_test(t, kept_change_gives_an_attribute_a_new_rule_reads);
    tcase_add_test(t, kept_change_gives_an_attribute_a_loaded_rule_reads);
    tcase_add_test(t, kept_change_keeps_an_attribute_its_declarer_dropped);
    tcase_add_test(t, what_if_colon_expect_prints_its_outcome);
    tcase_add_test(t, kept_relation_value_survives_a_reread_without_its_line);
    tcase_add_test(t, undo_restores_every_state_and_save_reads_back);
    tcase_add_test(t, differences_on_repeated_and_same_kind_parameters);
    tcase_add_test(t, world_values_against_a_reference);
    tcase_add_test(t, file_read_again_with_fewer_declarations_replaces_a_kept_value);
    tcase_add_test(t, file_line_replacing_a_kept_value_says_so);
    tcase_add_test(t, reading_a_file_again_does_not_change_what_save_writes);
    tcase_add_test(t, an_unrelated_declaration_keeps_a_set_values_type);
    suite_add_tcase(s, t);
    return s;
}
