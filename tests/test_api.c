/* test_api.c - the public API: loading files, bad queries, JSON output. */
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

Suite *suite_api(void)
{
    Suite *s = suite_create("api");
    TCase *t = tcase_create("api");
    tcase_add_test(t, missing_file);
    tcase_add_test(t, bad_queries_are_refused);
    tcase_add_test(t, json_lines);
    tcase_add_test(t, diagnostics_and_rules_by_index);
    tcase_add_test(t, file_size_limit);
    suite_add_tcase(s, t);
    return s;
}
