/* test_parser.c - the grammar: precedence, printing, errors, recovery. */
#include "util.h"

#include "parse.h"

/* An expression and how the printer writes it back. */
static const struct { const char *in, *out; } exprs[] = {
    {"1 + 2 * 3", "1 + 2 * 3"},
    {"(1 + 2) * 3", "(1 + 2) * 3"},
    {"a - (b - c)", "a - (b - c)"},
    {"a - b - c", "a - b - c"},
    {"a / (b * c)", "a / (b * c)"},
    {"not a and b", "not a and b"},
    {"not (a and b)", "not (a and b)"},
    {"a or b and c", "a or b and c"},
    {"(a or b) and c", "(a or b) and c"},
    {"- -x", "--x"},
    {"-(x + 1)", "-(x + 1)"},
    {"x ~= 0.1 within 1e-3", "x ~= 0.1 within 0.001"},
    {"elderly in n.concerns", "elderly in n.concerns"},
    {"(a < b) == (c < d)", "(a < b) == (c < d)"},
    {"max(a.x, 40%, {p, q})", "max(a.x, 0.4, {p, q})"},
    {"score(r(a, b)) >= 0.45", "score(r(a, b)) >= 0.45"},
};

START_TEST(prints_back)
{
    arena a;
    arena_init(&a);
    coop_diags *d = coop_diags_new();
    char *text = arena_printf(&a, "expect %s\n", exprs[_i].in);
    source src = {.name = "t.coop", .text = text, .len = strlen(text)};
    program p;
    ck_assert_int_eq(parse_source(&src, &a, d, &p), 0);
    ck_assert_int_eq(p.n, 1);
    ck_assert_str_eq(ast_text(&a, p.v[0]->u.expect.e), exprs[_i].out);
    /* and the printed form parses to the same text again */
    char *again = arena_printf(&a, "expect %s\n", exprs[_i].out);
    source src2 = {.name = "t.coop", .text = again, .len = strlen(again)};
    ck_assert_int_eq(parse_source(&src2, &a, d, &p), 0);
    ck_assert_str_eq(ast_text(&a, p.v[0]->u.expect.e), exprs[_i].out);
    coop_diags_free(d);
    arena_free(&a);
}
END_TEST

static const struct { const char *in, *msg; } bad[] = {
    {"expect a < b < c", "t.coop:1:14: error: syntax error: unexpected '<'"},
    {"actor a : npo { x = }", "t.coop:1:21: error: syntax error: unexpected '}'"},
    {"kind", "t.coop:1:5: error: syntax error: unexpected end of input, expected identifier"},
    {"partnership p(a: npo, b: npo) { factor f = 1 }",
     "t.coop:1:46: error: partnership 'p' has no 'forms when' condition"},
    {"partnership p(a: npo, b: npo) { factor f = 1 score = f score = f forms when f > 0 }",
     "t.coop:1:56: error: partnership 'p' has a second score"},
};

START_TEST(syntax_errors)
{
    const char *out = load_error(bad[_i].in);
    ck_assert_msg(strncmp(out, bad[_i].msg, strlen(bad[_i].msg)) == 0, "got:\n%s\nwant:\n%s", out, bad[_i].msg);
}
END_TEST

START_TEST(unclosed_brace_is_incomplete)
{
    coop_diags *d;
    coop_script *s = load("partnership p(a: npo, b: npo) {\n  factor f = 1\n", &d);
    ck_assert_ptr_null(s);
    ck_assert(coop_diags_incomplete(d));
    const char *out = diag_text(d);
    ck_assert_ptr_nonnull(strstr(out, "t.coop:1:31: note: the '{' of partnership 'p' opened here is not closed"));
    coop_diags_free(d);
    /* a complete statement with an error is not incomplete */
    s = load("actor a : npo { x = }\n", &d);
    ck_assert(!coop_diags_incomplete(d));
    coop_diags_free(d);
    s = load("expect 1 +\n", &d);
    ck_assert(coop_diags_incomplete(d));
    coop_diags_free(d);
}
END_TEST

START_TEST(recovers_and_reports_several)
{
    coop_diags *d;
    coop_script *s = load("actor a : npo { x = }\n"
                          "actor b : npo { y = 1 }\n"
                          "partnership p(a: npo, b: npo) {\n"
                          "  factor f = ( \n"
                          "  factor g = 1\n"
                          "  forms when g > 0\n"
                          "}\n"
                          "expect 1 + \n"
                          "show p\n",
                          &d);
    ck_assert_ptr_null(s);
    ck_assert_int_ge(coop_diags_errors(d), 3);
    const char *out = diag_text(d);
    ck_assert_ptr_nonnull(strstr(out, "t.coop:1:"));
    ck_assert_ptr_nonnull(strstr(out, "t.coop:5:"));
    ck_assert_ptr_nonnull(strstr(out, "t.coop:9:"));
    coop_diags_free(d);
}
END_TEST

/* "a, b: K" is "a: K, b: K"; `ordered` after the parameters is kept, with
 * where it stands. */
START_TEST(parameter_lists_and_ordered)
{
    static const struct { const char *params, *names, *kinds; int ordered; } cases[] = {
        {"(a, b: npo)", "a b", "npo npo", 0},
        {"(a: npo, b: npo) ordered", "a b", "npo npo", 1},
        {"(g: government, a, b, c: npo, e: enterprise) ordered", "g a b c e", "government npo npo npo enterprise", 1},
        {"(a, b: npo, c, d: enterprise)", "a b c d", "npo npo enterprise enterprise", 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        arena a;
        arena_init(&a);
        coop_diags *d = coop_diags_new();
        char *text = arena_printf(&a, "partnership p%s { factor f = 1 forms when f > 0 }\n", cases[i].params);
        source src = {.name = "t.coop", .text = text, .len = strlen(text)};
        program p;
        ck_assert_int_eq(parse_source(&src, &a, d, &p), 0);
        const decl *r = p.v[0];
        char names[128] = "", kinds[128] = "";
        for (int j = 0; j < r->u.rule.np; j++) {
            strcat(strcat(names, j ? " " : ""), r->u.rule.params[j].n.s);
            strcat(strcat(kinds, j ? " " : ""), r->u.rule.params[j].kind.s);
        }
        ck_assert_str_eq(names, cases[i].names);
        ck_assert_str_eq(kinds, cases[i].kinds);
        ck_assert_int_eq(r->u.rule.ordered, cases[i].ordered);
        if (cases[i].ordered) /* the word itself, for the warning that it changes nothing */
            ck_assert_int_eq(r->u.rule.ordered_loc.col, (int)(strstr(text, "ordered") - text) + 1);
        coop_diags_free(d);
        arena_free(&a);
    }
}
END_TEST

Suite *suite_parser(void)
{
    Suite *s = suite_create("parser");
    TCase *t = tcase_create("grammar");
    tcase_add_loop_test(t, prints_back, 0, sizeof exprs / sizeof exprs[0]);
    tcase_add_loop_test(t, syntax_errors, 0, sizeof bad / sizeof bad[0]);
    tcase_add_test(t, unclosed_brace_is_incomplete);
    tcase_add_test(t, recovers_and_reports_several);
    tcase_add_test(t, parameter_lists_and_ordered);
    suite_add_tcase(s, t);
    return s;
}
