/* test_parser.c - the grammar: precedence, printing, errors, recovery,
 * slips. */
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
    {"count(x: provider)", "count(x: provider)"},
    {"count(x:provider where x.city==g.city and not x.k)", "count(x: provider where x.city == g.city and not x.k)"},
    {"sum((x.a + 1) * 2 for x: npo where x.b > 40%)", "sum((x.a + 1) * 2 for x: npo where x.b > 0.4)"},
    {"lowest(x.price for x: bid else -1) / p.price", "lowest(x.price for x: bid else -1) / p.price"},
    {"mean(count(y: npo where y.c == x.c) for x: npo) >= 2", "mean(count(y: npo where y.c == x.c) for x: npo) >= 2"},
    {"-highest(x.q for x: npo where (x.a or x.b) else 1 + 2)", "-highest(x.q for x: npo where x.a or x.b else 1 + 2)"},
    {"bid( t ,hotel ).price * 2", "bid(t, hotel).price * 2"},
    {"-bid(t, x).q", "-bid(t, x).q"},
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
    /* an aggregate's where is a condition too */
    {"expect count(x: npo where x.c = 1) == 1",
     "t.coop:1:31: error: syntax error: unexpected '='; to compare, write '==' (or '>=', '<=')"},
    {"partnership p(a: npo, b: npo) { factor f = 1 forms when count(x: npo where x.c = 1) > f }",
     "t.coop:1:80: error: syntax error: unexpected '='; to compare, write '=='"},
    {"actor for : npo { }", "t.coop:1:7: error: syntax error: unexpected 'for', expected identifier ('for' is a reserved word)"},
    {"expect bid(t, 1).price == 1", "t.coop:1:8: error: a bid is named by its tender and its bidder"},
    {"expect max(a, b).x > 1", "t.coop:1:8: error: 'max(...)' has no fields; a bid's field is written"},
    /* time: the words after an event's name, dates where dates go, ranges */
    {"event e 2014 { a.x = 1 }", "t.coop:1:9: error: syntax error: unexpected number, expected 'at', 'every', 'on' or 'while'"},
    {"event e at x { a.x = 1 }", "t.coop:1:12: error: syntax error: unexpected identifier, expected a date (2014, 2014-Q3"},
    {"timeline 2010 - 2018 by year", "t.coop:1:15: error: syntax error: unexpected '-', expected '..'"},
    {"timeline 2010 .. 2018", "t.coop:1:22: error: syntax error: the timeline's step is missing: write 'by year', "
                              "'by quarter', 'by month' or 'by day' after its dates"},
    {"timeline 2010 .. 2018\n\nactor a : npo {}", "t.coop:1:22: error: syntax error: the timeline's step is missing"},
    {"timeline 2010 .. 2018 bye year", "t.coop:1:23: error: syntax error: unexpected identifier, expected 'by'"},
    {"event e every 2 { a.x = 1 }", "t.coop:1:17: error: syntax error: unexpected '{', expected identifier"},
    {"event e every year to 2014 too 2015 { a.x = 1 }",
     "t.coop:1:28: error: expected 'from DATE' or 'to DATE' after the period, not 'too'; did you mean 'to'?"},
    {"event e every year to 2014 to 2015 { a.x = 1 }", "t.coop:1:28: error: event says 'to' twice"},
    {"event e at 2014 { a.x = 1 b.y += 2, }", "t.coop:1:37: error: syntax error: unexpected '}', expected identifier"},
    {"event e at 2014 { a.x = 1\n", "t.coop:2:1: error: syntax error: unexpected end of input"},
    {"relation r(npo, npo) default 0.5 range 0 1", "t.coop:1:42: error: syntax error: unexpected number, expected '..'"},
    {"attribute x : npo", "t.coop:1:18: error: syntax error: unexpected end of input, expected 'range'"},
    {"attribute x range 0 .. 1", "t.coop:1:13: error: syntax error: unexpected identifier, expected"},
    {"bid x : npo range 0 .. 1",
     "t.coop:1:1: error: expected a declaration, not 'bid'; an attribute's range is written 'attribute NAME : KIND range"},
    {"actor event : npo { }", "t.coop:1:7: error: syntax error: unexpected 'event', expected identifier ('event' is a reserved word)"},
    {"actor a : npo { timeline = 1 }", "t.coop:1:17: error: syntax error: unexpected 'timeline'"},
};

START_TEST(syntax_errors)
{
    const char *out = load_error(bad[_i].in);
    ck_assert_msg(strncmp(out, bad[_i].msg, strlen(bad[_i].msg)) == 0, "got:\n%s\nwant:\n%s", out, bad[_i].msg);
}
END_TEST

/* A slip is said once, with its fix, and read as what it stands for: the
 * expression parses to what was meant. */
static const struct { const char *in, *out, *msg; } slips[] = {
    {"{a，b} == {a, b}", "{a, b} == {a, b}", "t.coop:1:10: error: full-width comma '，' (U+FF0C): write ','"},
    {"a。b >= 1", "a.b >= 1", "t.coop:1:9: error: ideographic full stop '。' (U+3002): write '.'"},
    {"(1 + 2） * 3", "(1 + 2) * 3", "t.coop:1:14: error: full-width right parenthesis '）' (U+FF09): write ')'"},
    {"a ≥ 1", "a >= 1", "t.coop:1:10: error: greater-than or equal sign '≥' (U+2265): write '>='"},
    {"a ！＝ b", "a != b", "t.coop:1:10: error: full-width '！＝' (U+FF01 U+FF1D): write '!='"},
    {"a && b", "a and b", "t.coop:1:10: error: coop has no '&&': write 'and'"},
    {"a || b", "a or b", "t.coop:1:10: error: coop has no '||': write 'or'"},
    {"!a", "not a", "t.coop:1:8: error: coop has no '!': write 'not'"},
    {"1 <> 2", "1 != 2", "t.coop:1:10: error: coop has no '<>': write '!='"},
    {".5 == 0.5", "0.5 == 0.5", "t.coop:1:8: error: a number starts with a digit: write '0.5'"},
    {"40 % == 0.4", "0.4 == 0.4", "t.coop:1:8: error: a percentage has no space before '%': write '40%'"},
    {"40％ == 0.4", "0.4 == 0.4", "t.coop:1:10: error: full-width percent sign '％' (U+FF05): write '%'"},
    {"“a b” == \"a b\"", "\"a b\" == \"a b\"", "t.coop:1:8: error: left double quotation mark '“' (U+201C): write '\"'"},
    {"\"a b” == a.s", "\"a b\" == a.s", "t.coop:1:12: error: right double quotation mark '”' (U+201D): write '\"'"},
    {"a ；", "a", "t.coop:1:10: error: full-width semicolon '；' (U+FF1B): delete it (statements need no separator)"},
};

START_TEST(slips_read_as_meant)
{
    arena a;
    arena_init(&a);
    coop_diags *d = coop_diags_new();
    char *text = arena_printf(&a, "expect %s\n", slips[_i].in);
    source src = {.name = "t.coop", .text = text, .len = strlen(text)};
    program p;
    ck_assert_int_eq(parse_source(&src, &a, d, &p), -1);
    const char *out = diag_text(d);
    ck_assert_msg(coop_diags_errors(d) == 1, "%s", out);
    ck_assert_msg(strncmp(out, slips[_i].msg, strlen(slips[_i].msg)) == 0, "got:\n%s\nwant:\n%s", out, slips[_i].msg);
    ck_assert_int_eq(p.n, 1);
    ck_assert_str_eq(ast_text(&a, p.v[0]->u.expect.e), slips[_i].out);
    coop_diags_free(d);
    arena_free(&a);
}
END_TEST

/* Slips decided by the parser: one error each, naming the fix. */
static const struct { const char *in, *msg; } parser_slips[] = {
    {"expect 1 = 1", "t.coop:1:10: error: syntax error: unexpected '='; to compare, write '==' (or '>=', '<=')"},
    {"partnership p(a: npo, b: npo) { factor f = 1 forms when f = 1 }",
     "t.coop:1:59: error: syntax error: unexpected '='; to compare, write '==' (or '>=', '<=')"},
    /* '=' outside a condition is no comparison slip */
    {"actor a : npo { x = 1 = 2 }", "t.coop:1:23: error: syntax error: unexpected '=', expected identifier or '}'"},
    {"partnership p(a: npo, b: npo) { f = 1 forms when f > 0 }",
     "t.coop:1:33: error: a factor is declared with 'factor': write 'factor f = ...'"},
    {"partnership p(a: npo, b: npo) { factor f = 1 factor g = 1 f -> g by 0.5 forms when f > 0 }",
     "t.coop:1:59: error: an influence is declared with 'influence': write 'influence f -> g by ...'"},
    {"actor a : npo { x = 1, y = 2, z = 3 }", "t.coop:1:22: error: attributes are separated by spaces or newlines, not ','"},
    {"expect 1 ~= 1\nexpect 1 == 1", "t.coop:1:10: error: '~=' needs a tolerance: write 'X ~= Y within 0.01'"},
    {"expect 1 ~= 1", "t.coop:1:10: error: '~=' needs a tolerance: write 'X ~= Y within 0.01'"},
    {"// a\n/* b */ actor a : npo { }\n// c", "t.coop:1:1: error: coop has no '//': comments start with '#'"},
    {"expect 1 => 1", "t.coop:1:10: error: coop has no '=>': write '>='"},
};

START_TEST(parser_slips_said_once)
{
    coop_diags *d;
    coop_script *s = load(parser_slips[_i].in, &d);
    ck_assert_ptr_null(s);
    const char *out = diag_text(d);
    ck_assert_msg(coop_diags_errors(d) == 1, "%s", out);
    ck_assert_msg(strncmp(out, parser_slips[_i].msg, strlen(parser_slips[_i].msg)) == 0, "got:\n%s\nwant:\n%s", out,
                  parser_slips[_i].msg);
    coop_diags_free(d);
}
END_TEST

START_TEST(slips_are_not_incomplete)
{
    /* a session reads more after a line that ends too soon, but a line
     * with a slip is said at once, even where it ends too soon */
    static const char *const said[] = {
        "partnership p(a: npo，b: npo) {\n",
        "partnership p(a: npo, b: npo) {\n  f = 1\n",
        "expect 1 &&\n",
        "expect (1，\n",
    };
    for (size_t i = 0; i < sizeof said / sizeof said[0]; i++) {
        coop_diags *d;
        coop_script *s = load(said[i], &d);
        ck_assert_ptr_null(s);
        ck_assert_msg(!coop_diags_incomplete(d), "%s", said[i]);
        ck_assert_msg(coop_diags_errors(d) == 1, "%s: %s", said[i], diag_text(d));
        coop_diags_free(d);
    }
    coop_diags *d;
    coop_script *s = load("expect 1 and\n", &d);
    ck_assert_ptr_null(s);
    ck_assert(coop_diags_incomplete(d));
    coop_diags_free(d);
}
END_TEST

START_TEST(slip_holds_back_only_its_declaration)
{
    /* the '.' the slip stands for breaks the number: that syntax error is
     * the slip's echo, but the next declaration's is said */
    coop_diags *d;
    coop_script *s = load("actor a : npo { x = 0。5 }\nactor b : npo { y = }\n", &d);
    ck_assert_ptr_null(s);
    const char *out = diag_text(d);
    ck_assert_int_eq(coop_diags_errors(d), 2);
    ck_assert_ptr_nonnull(strstr(out, "t.coop:1:22: error: ideographic full stop"));
    ck_assert_ptr_nonnull(strstr(out, "t.coop:2:21: error: syntax error: unexpected '}'"));
    coop_diags_free(d);
}
END_TEST

/* Words a slip would be, where a script declares them, are its names. */
START_TEST(declared_boolean_words_are_names)
{
    expect_all_pass("kind org\n"
                    "actor yes : org { c = 1 }\n"
                    "actor no : org { c = 0 }\n"
                    "actor other : npo { c = 0 }\n"
                    "partnership p(True: org, b: npo) {\n"
                    "  factor FALSE = True.c\n"
                    "  forms when FALSE > 0\n"
                    "}\n"
                    "expect yes.c == 1\n"
                    "expect p(yes, other)\n"
                    "expect not p(no, other)\n");
}
END_TEST

/* The declarations of time, as the parser reads them. */
START_TEST(time_declarations)
{
    arena a;
    arena_init(&a);
    coop_diags *d = coop_diags_new();
    const char *text = "timeline 2010-01 .. 2018-12 by month\n"
                       "event gala at 2014-08 \"gala\" { a.x = 1, r(a, b) += 0.1 bid(t, a).price -= 2 }\n"
                       "event rep every 3 month from 2014-09 to 2016 { a.x += 1 }\n"
                       "event trig on coop(g, n) { a.y = true }\n"
                       "event held while a.x > 1 \"held\" { a.y = false }\n"
                       "event once every year { a.x = 1 }\n"
                       "relation trust(government, npo) default 0.3 range 0 .. 1\n"
                       "attribute publicity : npo range 0 .. 100%\n"
                       "actor a : npo { x = 1 range -1 .. 2  y = 2 }\n";
    source src = {.name = "t.coop", .text = text, .len = strlen(text)};
    program p;
    ck_assert_int_eq(parse_source(&src, &a, d, &p), 0);
    ck_assert_int_eq(p.n, 9);
    const decl *tl = p.v[0];
    ck_assert_int_eq(tl->k, D_TIMELINE);
    ck_assert(!tl->u.timeline.from->is_num && tl->u.timeline.from->ok);
    ck_assert_int_eq(tl->u.timeline.from->d.y, 2010);
    ck_assert_int_eq(tl->u.timeline.from->d.unit, DATE_MONTH);
    ck_assert_int_eq(tl->u.timeline.to->d.m, 12);
    ck_assert_str_eq(tl->u.timeline.unit.s, "month");
    const event_def *e = p.v[1]->u.event;
    ck_assert_int_eq(p.v[1]->k, D_EVENT);
    ck_assert_str_eq(p.v[1]->n.s, "gala");
    ck_assert_int_eq(e->kind, EVENT_AT);
    ck_assert_int_eq(e->at->d.m, 8);
    ck_assert_str_eq(e->label, "gala");
    ck_assert_int_eq(e->nch, 3);
    ck_assert(!e->ch[0].is_rel && e->ch[0].op == CH_SET);
    ck_assert(e->ch[1].is_rel && e->ch[1].op == CH_ADD);
    ck_assert(e->ch[2].is_bid && e->ch[2].op == CH_SUB);
    e = p.v[2]->u.event;
    ck_assert_int_eq(e->kind, EVENT_EVERY);
    ck_assert(e->every == 3);
    ck_assert_str_eq(e->unit.s, "month");
    ck_assert_int_eq(e->from->d.m, 9);
    ck_assert(e->to->is_num && e->to->num == 2016); /* a year: checked by the resolver */
    e = p.v[3]->u.event;
    ck_assert_int_eq(e->kind, EVENT_ON);
    ck_assert_str_eq(ast_text(&a, e->cond), "coop(g, n)");
    e = p.v[4]->u.event;
    ck_assert_int_eq(e->kind, EVENT_WHILE);
    ck_assert_str_eq(ast_text(&a, e->cond), "a.x > 1");
    ck_assert_str_eq(e->label, "held");
    e = p.v[5]->u.event;
    ck_assert(e->every == 1 && !e->from && !e->to);
    ck_assert_int_eq(e->every_loc.col, 18); /* no N: said at the unit */
    const decl *rel = p.v[6];
    ck_assert_str_eq(ast_text(&a, rel->u.rel.range.lo), "0");
    ck_assert_str_eq(ast_text(&a, rel->u.rel.range.hi), "1");
    ck_assert_int_eq(rel->u.rel.range.at.col, 45);
    ck_assert_int_eq(p.v[7]->k, D_ATTRIBUTE);
    ck_assert_str_eq(p.v[7]->n.s, "publicity");
    ck_assert_str_eq(p.v[7]->u.attribute.kind.s, "npo");
    ck_assert_str_eq(ast_text(&a, p.v[7]->u.attribute.range.hi), "1");
    const attrdef *x = &p.v[8]->u.actor.attrs[0], *y = &p.v[8]->u.actor.attrs[1];
    ck_assert_str_eq(ast_text(&a, x->range.lo), "-1");
    ck_assert_ptr_null(y->range.lo);
    coop_diags_free(d);
    arena_free(&a);
}
END_TEST

/* The words of time are tokens only where the parser takes them: names
 * anywhere else, an actor `at`, an attribute `range`, a relation `range`
 * (after a default, told by the '(' after it), an event `every`. */
START_TEST(time_words_are_names_elsewhere)
{
    expect_all_pass("actor at : npo { at = 0  every = 1  on = 2  while = 3  range = 4  from = 5  to = 6 }\n"
                    "actor b : npo { x = 0.2 range 0 .. 1  range = 0.5 }\n"
                    "relation range(npo, npo) default 0.5 range 0 .. 1\n"
                    "relation other(npo, npo) default 0.1\n"
                    "range(at, b) = 0.7\n"
                    "relation third(npo, npo) default 0.1 range 0 .. 1\n"
                    "range(b, at) = 0.2\n"
                    "timeline 2010 .. 2012 by year\n"
                    "event every every year { at.every += 1 }\n"
                    "event on on at.on > 1 { at.on = 1 }\n"
                    "event at at 2011 { at.at = 1, range(at, b) = 1 }\n"
                    "event while while range(at, b) > at.range { b.range = 0 }\n"
                    "expect at.range == 4 and b.range == 0.5 and b.x == 0.2\n"
                    /* as the last step ends: at.every 1 + 3 years, at.on set the year after
                     * it turned true, range(at, b) set at 2011; the while never held */
                    "expect range(at, b) == 1 and range(b, at) == 0.2 and other(at, b) == 0.1\n"
                    "expect at.every == 4 and at.on == 1 and at.at == 1\n");
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
    tcase_add_loop_test(t, slips_read_as_meant, 0, sizeof slips / sizeof slips[0]);
    tcase_add_loop_test(t, parser_slips_said_once, 0, sizeof parser_slips / sizeof parser_slips[0]);
    tcase_add_test(t, slips_are_not_incomplete);
    tcase_add_test(t, slip_holds_back_only_its_declaration);
    tcase_add_test(t, declared_boolean_words_are_names);
    tcase_add_test(t, unclosed_brace_is_incomplete);
    tcase_add_test(t, recovers_and_reports_several);
    tcase_add_test(t, parameter_lists_and_ordered);
    tcase_add_test(t, time_declarations);
    tcase_add_test(t, time_words_are_names_elsewhere);
    suite_add_tcase(s, t);
    return s;
}
