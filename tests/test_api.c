/* test_api.c - the public API: loading files, bad queries, JSON output;
 * coop_flip, and its what-if pasted into a session. */
#include <math.h>

#include "util.h"

START_TEST(missing_file)
{
    coop_diags *d = coop_diags_new();
    ck_assert_ptr_null(coop_load_file("no/such/file.coop", d));
    ck_assert_str_eq(diag_text(d), "no/such/file.coop: error: cannot open: No such file or directory\n");
    coop_diags_free(d);
}
END_TEST

START_TEST(bad_queries_are_refused)
{
    coop_diags *d;
    coop_script *s = load(flagship, &d);
    ck_assert_ptr_nonnull(s);
    int r = coop_rule_find(s, "alliance"), ec = coop_actor_find(s, "elder_care"), ac = coop_actor_find(s, "acme");
    coop_verdict v;
    double phi[6];
    int swapped[2] = {ac, ec}, same[2] = {ec, ec}, out[2] = {ec, 99};
    ck_assert_int_eq(coop_rule_find(s, "nope"), -1);
    ck_assert_int_eq(coop_factor_find(s, r, "media"), 4);
    ck_assert_str_eq(coop_factor_name(s, r, 5), "trust");
    ck_assert_ptr_null(coop_factor_name(s, r, 6));
    ck_assert_int_eq(evaluate(s, r, swapped, &v, NULL), -1);
    ck_assert_int_eq(evaluate(s, r, same, &v, NULL), -1);
    ck_assert_int_eq(evaluate(s, r, out, &v, NULL), -1);
    ck_assert_int_eq(shapley(s, 7, same, phi, NULL), -1);
    ck_assert_int_eq(rule_count(s, NULL, r), 1);
    coop_script_free(s);
    coop_diags_free(d);
}
END_TEST

/* The diagnostics one by one, and a rule's name and parameters. */
START_TEST(diagnostics_and_rules_by_index)
{
    coop_diags *d = coop_diags_new();
    const char *text = "actor a : nokind { }\nactor b : npo { x = 1 }\nexpect b.y > 0\n";
    ck_assert_ptr_null(coop_load("t.coop", text, strlen(text), d));
    ck_assert_uint_eq(coop_diags_count(d), 1);
    const coop_diag *g = coop_diags_get(d, 0);
    ck_assert_ptr_nonnull(g);
    ck_assert_int_eq(g->severity, COOP_ERROR);
    ck_assert_str_eq(g->file, "t.coop");
    ck_assert_int_eq(g->loc.line, 1);
    ck_assert_int_eq(g->loc.col, 11);
    ck_assert_str_eq(g->message, "unknown kind 'nokind': declare it as 'kind nokind', or below another kind as 'kind nokind : npo'");
    ck_assert_str_eq(g->source_line, "actor a : nokind { }");
    ck_assert_ptr_null(coop_diags_get(d, 1));
    coop_diags_add(d, COOP_WARNING, "front.txt", 3, 4, "a %s of the front-end's own", "message");
    coop_diags_add(d, COOP_NOTE, NULL, 0, 0, "about no place");
    ck_assert_uint_eq(coop_diags_count(d), 3);
    ck_assert_uint_eq(coop_diags_errors(d), 1);
    ck_assert_ptr_null(coop_diags_get(d, 1)->source_line); /* no text to show */
    ck_assert_str_eq(diag_text(d), "t.coop:1:11: error: unknown kind 'nokind': declare it as 'kind nokind', or below another kind as 'kind nokind : npo'\n"
                                   "  actor a : nokind { }\n"
                                   "            ^~~~~~\n"
                                   "front.txt:3:4: warning: a message of the front-end's own\n"
                                   "coop: note: about no place\n");
    coop_diags_clear(d);
    ck_assert_uint_eq(coop_diags_count(d), 0);
    coop_diags_free(d);
    coop_script *s = load(flagship, &d);
    int r = coop_rule_find(s, "alliance");
    ck_assert_str_eq(coop_rule_name(s, r), "alliance");
    ck_assert_ptr_null(coop_rule_name(s, r + 1));
    ck_assert_int_eq(coop_rule_params(s, r), 2);
    ck_assert_int_eq(coop_rule_params(s, -1), -1);
    ck_assert_int_eq(coop_rule_tuples(s, r), 1);
    ck_assert_str_eq(coop_actor_name(s, 1), "acme");
    ck_assert_ptr_null(coop_actor_name(s, 2));
    coop_script_free(s);
    coop_diags_free(d);
}
END_TEST

START_TEST(json_lines)
{
    coop_diags *d;
    char text[8192];
    snprintf(text, sizeof text, "%sshow alliance\nexplain alliance(elder_care, acme)\ndominance alliance\n", flagship);
    coop_script *s = load(text, &d);
    ck_assert_ptr_nonnull(s);
    const char *out = run_text(s, 1, NULL);
    /* every line is one object */
    int lines = 0;
    for (const char *p = out; *p; p++) lines += *p == '\n';
    ck_assert_int_eq(lines, 7);
    ck_assert_ptr_nonnull(strstr(out, "{\"type\":\"show\",\"rule\":\"alliance\",\"params\":[\"n\",\"e\"],\"rows\":[{\"tuple\":[\"elder_care\",\"acme\"],\"forms\":true,\"score\":0.5216666666666666}],\"formed\":1,\"total\":1}\n"));
    ck_assert_ptr_nonnull(strstr(out, "{\"name\":\"trust\",\"own\":0.6,\"influence\":0.38,\"effective\":0.98,"));
    ck_assert_ptr_nonnull(strstr(out, "\"dominant\":\"key_figure\",\"tied_with\":[]}\n"));
    coop_script_free(s);
    coop_diags_free(d);
}
END_TEST

START_TEST(file_size_limit)
{
    coop_diags *d = coop_diags_new();
    ck_assert_ptr_null(coop_load("big", "", (size_t)COOP_MAX_FILE_SIZE + 1, d));
    ck_assert_ptr_nonnull(strstr(diag_text(d), "the limit is 16777216"));
    coop_diags_free(d);
}
END_TEST

/* ---- coop_flip ---- */

/* Partnerships with strict and non-strict thresholds, a difference cut in
 * pieces, a flag, a parameter, a relation, and a tender's requirement. */
static const char *flips =
    "actor centre : npo { capacity = 0.7  orientation = 0.2  figure = true }\n"
    "actor fund : npo { capacity = 0.3  orientation = 0.3  figure = false }\n"
    "actor club : npo { capacity = 0.55  orientation = 0.5  figure = false }\n"
    "actor acme : enterprise { capacity = 0.9  orientation = 0.8  quality = 0.6 }\n"
    "actor bank : enterprise { capacity = 0.5  orientation = 0.6  quality = 0.9 }\n"
    "relation trust(npo, enterprise) default 0.3 range 0 .. 1\n"
    "trust(centre, acme) = 0.6\n"
    "attribute capacity : npo range 0 .. 1\n"
    "param bar = 0.45 range 0 .. 1\n"
    "partnership alliance(n: npo, e: enterprise) {\n"
    "  factor capacity = n.capacity\n"
    "  factor trust = trust(n, e)\n"
    "  factor gap = abs(n.orientation - e.orientation)\n"
    "  factor figure = n.figure\n"
    "  score = 0.4*capacity + 0.3*trust - 0.2*gap + 0.15*figure\n"
    "  forms when score >= bar and capacity > 0.25\n"
    "}\n"
    "partnership listed(n: npo, e: enterprise) { factor c = n.capacity  factor t = trust(n, e)  forms when c > 0.6 or t >= 0.5 }\n"
    "tender supply(x: enterprise) {\n"
    "  buyer = centre\n"
    "  require able = x.capacity > 0.6\n"
    "  factor quality = x.quality\n"
    "  score = quality\n"
    "  award best score\n"
    "}\n"
    "bid supply by acme { price = 1 }\n"
    "bid supply by bank { price = 2 }\n";

START_TEST(flip_result)
{
    coop_diags *d;
    coop_script *s = load_ok(flips, &d);
    coop_query *q = coop_query_new(s, NULL, 0);
    int al = coop_rule_find(s, "alliance"), t[2] = {coop_actor_find(s, "centre"), coop_actor_find(s, "acme")};
    /* it forms: the other way, to fail */
    coop_flip_result *r = coop_flip(q, al, t, COOP_FLIP_OTHER, NULL, d);
    ck_assert_ptr_nonnull(r);
    ck_assert(r->forms == 1 && r->has_score && r->to == 0 && !r->already && r->found && r->forms_after == 0);
    ck_assert(r->exact && r->programmes > 0 && r->evaluations > 0);
    ck_assert_int_eq(r->count, r->nchanges);
    double sum = 0;
    for (int i = 0; i < r->nchanges; i++) sum += r->changes[i].share;
    ck_assert_double_eq_tol(r->cost, sum, 1e-12);
    ck_assert_ptr_nonnull(strstr(r->what_if, "what if "));
    ck_assert_ptr_nonnull(strstr(r->method, "exact: "));
    coop_flip_free(r);
    /* to form: it has it, nothing to change */
    r = coop_flip(q, al, t, COOP_FLIP_FORM, NULL, d);
    ck_assert(r->already && r->found && r->to == 1 && r->count == 0 && r->cost == 0 && r->nchanges == 0);
    ck_assert(r->forms_after == 1 && r->score_after == r->score);
    ck_assert_ptr_null(r->what_if);
    ck_assert_ptr_null(r->method);
    coop_flip_free(r);
    /* by the threshold alone, a parameter: one change, its target the parameter's name */
    r = coop_flip(q, al, t, COOP_FLIP_FAIL, "bar", d);
    ck_assert(r->found && r->nchanges == 1 && !r->changes[0].boolean);
    ck_assert_str_eq(r->changes[0].target, "bar");
    ck_assert(r->changes[0].was == 0.45 && r->changes[0].value > r->score);
    coop_flip_free(r);
    /* a flag alone: true/false, no programme */
    int f2[2] = {coop_actor_find(s, "fund"), coop_actor_find(s, "acme")};
    r = coop_flip(q, coop_rule_find(s, "listed"), f2, COOP_FLIP_FORM, "trust", d);
    ck_assert(r->found && r->nchanges == 1 && r->cost == 0.2);
    ck_assert_str_eq(r->changes[0].target, "trust(fund, acme)");
    ck_assert_str_eq(r->what_if, "what if trust(fund, acme) = 0.5");
    coop_flip_free(r);
    /* nothing within the ranges: not found, the cost infinite */
    r = coop_flip(q, al, f2, COOP_FLIP_FORM, "figure", d);
    ck_assert(!r->found && r->count == -1 && isinf(r->cost) && r->nchanges == 0);
    ck_assert_ptr_null(r->what_if);
    ck_assert_ptr_nonnull(strstr(r->method, "forms when cannot hold whatever fund.figure is"));
    ck_assert_ptr_null(r->left_out); /* every value it reads is the tuple's own */
    coop_flip_free(r);
    ck_assert_uint_eq(coop_diags_count(d), 0);
    { /* what an aggregate reads of other actors: no value of the tuple's own flips it, and that is said */
        coop_diags *d2;
        coop_script *s2 = load_ok("actor a : npo { y = 1 }\nactor b : npo { y = 1 }\nactor e : enterprise { }\n"
                                  "partnership m(n: npo, f: enterprise) { factor k = count(x: npo where x.y >= 2)  "
                                  "forms when k >= 2 }\n", &d2);
        coop_diags_free(d2);
        coop_query *q2 = coop_query_new(s2, NULL, 0);
        int ae[2] = {coop_actor_find(s2, "a"), coop_actor_find(s2, "e")};
        r = coop_flip(q2, coop_rule_find(s2, "m"), ae, COOP_FLIP_OTHER, NULL, d);
        ck_assert(r && !r->found);
        ck_assert_str_eq(r->left_out, "what count(x: npo where x.y >= 2) (line 4, column 51) reads of other actors");
        coop_flip_free(r);
        coop_query_free(q2);
        coop_script_free(s2);
    }
    /* refused, and said where: a name of `by`, a tuple of the wrong kinds, a bad rule or verdict */
    ck_assert_ptr_null(coop_flip(q, al, t, COOP_FLIP_OTHER, "capacty", d));
    ck_assert_str_eq(diag_text(d), "coop_flip:1:32: error: unknown attribute, relation or parameter 'capacty'; did you "
                                   "mean 'capacity'?\n  flip alliance(centre, acme) by capacty\n"
                                   "                                 ^~~~~~~\n");
    coop_diags_clear(d);
    int swapped[2] = {t[1], t[0]};
    ck_assert_ptr_null(coop_flip(q, al, swapped, COOP_FLIP_OTHER, NULL, d));
    ck_assert_ptr_nonnull(strstr(diag_text(d), "coop_flip:1:15: error: partnership 'alliance' takes its actors as (n: npo, e: enterprise), and these "
                                           "are of kinds enterprise, npo: in the wrong order; did you mean "
                                           "alliance(centre, acme)?"));
    coop_diags_clear(d);
    ck_assert_ptr_null(coop_flip(q, 9, t, COOP_FLIP_OTHER, NULL, d));
    ck_assert_ptr_null(coop_flip(q, al, t, (coop_flip_to)2, NULL, d));
    ck_assert_ptr_null(coop_flip(q, al, t, COOP_FLIP_OTHER, "trust to form", d));
    ck_assert_ptr_null(coop_flip(NULL, al, t, COOP_FLIP_OTHER, NULL, d));
    ck_assert_uint_eq(coop_diags_errors(d), 3);
    coop_flip_free(NULL);
    coop_query_free(q);
    coop_script_free(s);
    coop_diags_free(d);
}
END_TEST

/* The what-if a flip prints, pasted into a session as it stands (as a
 * `set`), brings every tuple of every rule to the verdict asked, both
 * ways, strict comparisons passed by the hair the evaluator needs; and the
 * cost is the shares' sum. */
START_TEST(flip_pasted)
{
    coop_diags *d;
    coop_script *s = load_ok(flips, &d);
    coop_query *q = coop_query_new(s, NULL, 0);
    FILE *out = fopen("/dev/null", "w");
    coop_options o = {0};
    o.out = out;
    coop_session *se = coop_session_new(&o);
    ck_assert_int_eq(coop_session_input(se, "model", 1, flips, strlen(flips), d), COOP_DONE);
    int flipped = 0, already = 0, rules = coop_name_count(s, COOP_NAMES_RULE), per[3] = {0};
    ck_assert_int_eq(rules, 3);
    for (int rule = 0; rule < rules; rule++) {
        int np = coop_rule_params(s, rule), n = coop_name_count(s, COOP_NAMES_ACTOR), t[2];
        for (t[0] = 0; t[0] < n; t[0]++)
            for (t[1] = 0; t[1] < (np > 1 ? n : 1); t[1]++)
                for (int to = 0; to <= 1; to++) {
                    coop_verdict v;
                    if (coop_evaluate(q, rule, t, &v, NULL) < 0) continue; /* not one of its tuples */
                    coop_flip_result *r = coop_flip(q, rule, t, (coop_flip_to)to, NULL, d);
                    ck_assert_ptr_nonnull(r);
                    ck_assert_int_eq(r->already, v.forms == to);
                    already += r->already;
                    if (r->found && !r->already) {
                        char in[1024];
                        snprintf(in, sizeof in, "set %s\n", r->what_if + strlen("what if "));
                        ck_assert_int_eq(coop_session_input(se, "pasted", 1, in, strlen(in), d), COOP_DONE);
                        coop_query *after = coop_query_new(coop_session_script(se), coop_session_world(se), 0);
                        ck_assert_int_eq(coop_evaluate(after, rule, t, &v, NULL), 0);
                        ck_assert_msg(v.forms == to, "%s does not bring %s to %d", r->what_if, coop_rule_name(s, rule), to);
                        ck_assert_int_eq(r->forms_after, to);
                        coop_query_free(after);
                        const char *undo = "undo\n";
                        ck_assert_int_eq(coop_session_input(se, "undo", 1, undo, strlen(undo), d), COOP_DONE);
                        double sum = 0;
                        for (int i = 0; i < r->nchanges; i++) sum += r->changes[i].share;
                        ck_assert_double_eq_tol(r->cost, sum, 1e-12);
                        flipped++;
                        per[rule]++;
                    }
                    coop_flip_free(r);
                }
    }
    ck_assert_int_ge(flipped, 8);
    ck_assert_int_ge(already, 8);
    for (int rule = 0; rule < rules; rule++) ck_assert_msg(per[rule] > 0, "no flip of %s", coop_rule_name(s, rule));
    coop_session_free(se);
    fclose(out);
    coop_query_free(q);
    coop_script_free(s);
    coop_diags_free(d);
}
END_TEST

Suite *suite_api(void)
{
    Suite *s = suite_create("api");
    TCase *t = tcase_create("api");
    tcase_add_test(t, missing_file);
    tcase_add_test(t, bad_queries_are_refused);
    tcase_add_test(t, json_lines);
    tcase_add_test(t, diagnostics_and_rules_by_index);
    tcase_add_test(t, file_size_limit);
    tcase_add_test(t, flip_result);
    tcase_add_test(t, flip_pasted);
    suite_add_tcase(s, t);
    return s;
}
