/* test_session.c - sessions: inputs and their statuses, replacement in
 * place, what if and set, undo, save, and memory that stays flat over
 * thousands of failing inputs. */
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util.h"

#if defined(__SANITIZE_ADDRESS__)
/* ASan's own allocator: glibc's counters do not see it (the header that
 * declares this is not always installed) */
size_t __sanitizer_get_current_allocated_bytes(void);
static size_t heap_in_use(void) { return __sanitizer_get_current_allocated_bytes(); }
#else
static size_t heap_in_use(void) { return mallinfo2().uordblks; }
#endif

static char out[1 << 16];

typedef struct fixture {
    FILE *f;
    coop_session *s;
    coop_diags *d;
} fixture;

static void open_session(fixture *x)
{
    x->f = fmemopen(out, sizeof out - 1, "w");
    coop_options o = {0};
    o.out = x->f;
    x->s = coop_session_new(&o);
    x->d = coop_diags_new();
    coop_status st = coop_session_input(x->s, "flagship", 1, flagship, strlen(flagship), x->d);
    ck_assert_msg(st == COOP_DONE, "%s", diag_text(x->d));
}

static coop_status in(fixture *x, const char *text)
{
    coop_diags_clear(x->d);
    rewind(x->f);
    memset(out, 0, sizeof out);
    coop_status st = coop_session_input(x->s, "<stdin>", 7, text, strlen(text), x->d);
    fflush(x->f);
    return st;
}

static void close_session(fixture *x)
{
    fclose(x->f);
    coop_session_free(x->s);
    coop_diags_free(x->d);
}

static long count_of(fixture *x)
{
    const coop_script *s = coop_session_script(x->s);
    return rule_count(s, coop_session_world(x->s), coop_rule_find(s, "alliance"));
}

START_TEST(statuses)
{
    fixture x;
    open_session(&x);
    ck_assert_int_eq(in(&x, "count(alliance)\n"), COOP_DONE);
    ck_assert_str_eq(out, "1\n");
    ck_assert_int_eq(in(&x, "actor z : npo {\n"), COOP_INCOMPLETE);
    ck_assert_int_eq(in(&x, "count(alliance) +\n"), COOP_INCOMPLETE);
    ck_assert_int_eq(in(&x, "count(alliance) +\n1\n"), COOP_DONE);
    ck_assert_str_eq(out, "2\n");
    /* a call with more than names in it is a value a later line may end,
     * not the start of a relation's value r(a, b) = v */
    ck_assert_int_eq(in(&x, "max(acme.capacity,\n"), COOP_INCOMPLETE);
    ck_assert_int_eq(in(&x, "max(acme.capacity,\n 2)\n"), COOP_DONE);
    ck_assert_str_eq(out, "2\n");
    ck_assert_int_eq(in(&x, "trust(elder_care,\n"), COOP_INCOMPLETE);
    /* an error before the end of input is an error, not an unfinished input */
    ck_assert_int_eq(in(&x, "count(alliance)) + (\n"), COOP_FAILED);
    ck_assert_int_eq(in(&x, "\n# nothing\n"), COOP_DONE);
    ck_assert_int_eq(in(&x, "nosuch(a, b)\n"), COOP_FAILED);
    ck_assert_ptr_nonnull(strstr(diag_text(x.d), "<stdin>:7:1: error: unknown"));
    close_session(&x);
}
END_TEST

START_TEST(replace_in_place)
{
    fixture x;
    open_session(&x);
    ck_assert_int_eq(count_of(&x), 1);
    ck_assert_int_eq(in(&x, "actor acme : enterprise { capacity = 0.9 media = 0.6 key_figure = true "
                            "orientation = 0.2 concerns = {elderly} }\n"), COOP_DONE);
    ck_assert_ptr_nonnull(strstr(out, "replaced actor 'acme' (declared at flagship:6)"));
    const coop_script *s = coop_session_script(x.s);
    ck_assert_int_eq(coop_actor_find(s, "acme"), 1); /* where it stood */
    ck_assert_int_eq(coop_name_count(s, COOP_NAMES_ACTOR), 2);
    /* a declaration that does not resolve changes nothing */
    ck_assert_int_eq(in(&x, "actor acme : nokind { capacity = 0.1 }\n"), COOP_FAILED);
    ck_assert_ptr_eq(coop_session_script(x.s), s);
    ck_assert_int_eq(in(&x, "undo\n"), COOP_DONE);
    ck_assert_ptr_nonnull(strstr(out, "undone: actor acme"));
    /* the flagship was typed too: undo takes it away, then there is nothing */
    ck_assert_int_eq(in(&x, "undo\n"), COOP_DONE);
    ck_assert_int_eq(coop_name_count(coop_session_script(x.s), COOP_NAMES_ACTOR), 0);
    ck_assert_int_eq(in(&x, "undo\n"), COOP_FAILED);
    ck_assert_ptr_nonnull(strstr(diag_text(x.d), "nothing to undo"));
    close_session(&x);
}
END_TEST

START_TEST(what_if_keeps_nothing_set_keeps)
{
    fixture x;
    open_session(&x);
    ck_assert_int_eq(in(&x, "what if elder_care.key_figure = false\n"), COOP_DONE);
    ck_assert_ptr_nonnull(strstr(out, "what if elder_care.key_figure = false (was true)"));
    ck_assert_ptr_nonnull(strstr(out, "alliance: 1 of 1 verdict changes"));
    ck_assert_int_eq(count_of(&x), 1);
    ck_assert_int_eq(in(&x, "set trust(elder_care, acme) -= 0.5, elder_care.concerns += {nutrition}\n"), COOP_DONE);
    ck_assert_ptr_nonnull(strstr(out, "trust(elder_care, acme) = 0.09999999999999998 (was 0.6)"));
    ck_assert_ptr_nonnull(strstr(out, "elder_care.concerns = {elderly, health, nutrition} (was {elderly, health})"));
    ck_assert_int_eq(in(&x, "changes\n"), COOP_DONE);
    ck_assert_ptr_nonnull(strstr(out, "set trust(elder_care, acme) = 0.09999999999999998, elder_care.concerns = "));
    ck_assert_int_eq(in(&x, "value(alliance(elder_care, acme), concern)\n"), COOP_DONE);
    ck_assert_str_eq(out, "0.6666666666666666\n");
    /* a failing change in a list makes none of them */
    ck_assert_int_eq(in(&x, "set elder_care.capacity = 0.1, elder_care.nosuch = 1\n"), COOP_FAILED);
    ck_assert_int_eq(in(&x, "elder_care.capacity\n"), COOP_DONE);
    ck_assert_str_eq(out, "0.7\n");
    ck_assert_int_eq(in(&x, "undo\n"), COOP_DONE);
    ck_assert_int_eq(in(&x, "value(alliance(elder_care, acme), concern)\n"), COOP_DONE);
    ck_assert_str_eq(out, "0.3333333333333333\n");
    close_session(&x);
}
END_TEST

START_TEST(save_is_atomic_and_loads)
{
    fixture x;
    open_session(&x);
    char dir[] = "/tmp/coop-session-XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(dir));
    char path[64];
    snprintf(path, sizeof path, "%s/s.coop", dir);
    ck_assert_int_eq(in(&x, "set acme.key_figure = true\n"), COOP_DONE);
    /* undo frees the changed actor's source: the model must not point at it */
    ck_assert_int_eq(in(&x, "set acme.capacity = 0.5\n"), COOP_DONE);
    ck_assert_int_eq(in(&x, "undo\n"), COOP_DONE);
    ck_assert_int_eq(coop_session_save(x.s, path, 0, x.d), COOP_DONE);
    ck_assert_int_eq(coop_session_save(x.s, path, 0, x.d), COOP_FAILED);
    ck_assert_ptr_nonnull(strstr(diag_text(x.d), "exists; write :save!"));
    ck_assert_int_eq(coop_session_save(x.s, path, 1, x.d), COOP_DONE);
    coop_diags *d = coop_diags_new();
    coop_script *s = coop_load_file(path, d);
    ck_assert_msg(s != NULL, "%s", diag_text(d));
    int failed;
    run_text(s, 0, &failed);
    ck_assert_int_eq(failed, 0); /* expectations made false are comments */
    ck_assert_int_eq(rule_count(s, NULL, coop_rule_find(s, "alliance")), count_of(&x));
    coop_script_free(s);
    coop_diags_free(d);
    unlink(path);
    rmdir(dir);
    close_session(&x);
}
END_TEST

static int occurrences(const char *path, const char *what);

/* A kept change is made again in every model a declaration builds, unless
 * the declaration replaced what it changed; undo brings each back. */
START_TEST(kept_changes_survive_rebuilds)
{
    fixture x;
    open_session(&x);
    ck_assert_int_eq(in(&x, "set elder_care.capacity = 0.2\n"), COOP_DONE);
    ck_assert_int_eq(count_of(&x), 0);
    ck_assert_int_eq(in(&x, "actor beta : enterprise { capacity = 0.5 media = 0.1 key_figure = false "
                            "orientation = 0.5 concerns = {health} }\n"),
                     COOP_DONE);
    ck_assert_int_eq(in(&x, "elder_care.capacity\n"), COOP_DONE);
    ck_assert_str_eq(out, "0.2\n");
    /* a relation value no declaration held, set, then declared: that
     * declaration replaces the set */
    ck_assert_int_eq(in(&x, "set trust(elder_care, beta) = 0.5\n"), COOP_DONE);
    ck_assert_int_eq(in(&x, "trust(elder_care, beta) = 0.7\n"), COOP_DONE);
    ck_assert_str_eq(out, "replaced trust(elder_care, beta) (set at <stdin>:7)\n");
    ck_assert_int_eq(in(&x, "undo\n"), COOP_DONE);
    ck_assert_int_eq(in(&x, "trust(elder_care, beta)\n"), COOP_DONE);
    ck_assert_str_eq(out, "0.5\n");
    /* a relation redeclared so a kept value no longer fits: refused, said
     * at the set */
    ck_assert_int_eq(in(&x, "relation bond(npo, enterprise) default 0\n"), COOP_DONE);
    ck_assert_int_eq(in(&x, "set bond(elder_care, beta) = 0.5\n"), COOP_DONE);
    ck_assert_int_eq(in(&x, "relation bond(npo) default 0\n"), COOP_FAILED);
    ck_assert_msg(strncmp(diag_text(x.d), "<stdin>:7:5: error: relation 'bond' takes 1 argument, not 2\n"
                                          "  set bond(elder_care, beta) = 0.5\n",
                          90) == 0 &&
                      strstr(diag_text(x.d), "<stdin>:7:10: note: it would replace relation 'bond' (declared at "
                                             "<stdin>:7)\n  relation bond(npo) default 0\n           ^~~~\n"
                                             "<stdin>:7:1: note: not kept: the session is as it was\n") != NULL,
                  "%s", diag_text(x.d));
    ck_assert_int_eq(in(&x, "undo\n"), COOP_DONE);
    ck_assert_int_eq(in(&x, "undo\n"), COOP_DONE);
    /* the actor redeclared: its set is replaced, and comes back with undo */
    ck_assert_int_eq(in(&x, "actor elder_care : npo { capacity = 0.9 media = 0.4 key_figure = true "
                            "orientation = 0.2 concerns = {elderly} }\n"),
                     COOP_DONE);
    ck_assert_str_eq(out, "replaced actor 'elder_care' (declared at flagship:2; set at <stdin>:7)\n");
    ck_assert_int_eq(in(&x, "elder_care.capacity\n"), COOP_DONE);
    ck_assert_str_eq(out, "0.9\n");
    ck_assert_int_eq(in(&x, "undo\n"), COOP_DONE);
    ck_assert_int_eq(in(&x, "elder_care.capacity\n"), COOP_DONE);
    ck_assert_str_eq(out, "0.2\n");
    ck_assert_int_eq(in(&x, "changes\n"), COOP_DONE);
    ck_assert_ptr_nonnull(strstr(out, "set trust(elder_care, beta) = 0.5   # was 0.3\n"));
    ck_assert_int_eq(in(&x, "undo\n"), COOP_DONE); /* the relation value */
    ck_assert_int_eq(in(&x, "trust(elder_care, beta)\n"), COOP_DONE);
    ck_assert_str_eq(out, "0.3\n");
    ck_assert_int_eq(in(&x, "undo\n"), COOP_DONE); /* beta */
    ck_assert_int_eq(in(&x, "undo\n"), COOP_DONE); /* the first set */
    ck_assert_int_eq(in(&x, "elder_care.capacity\n"), COOP_DONE);
    ck_assert_str_eq(out, "0.7\n");
    ck_assert_int_eq(count_of(&x), 1);
    close_session(&x);
}
END_TEST

/* An attribute set on an actor that lacked it is written into its
 * declaration when saved: before a closing brace on the same line, or on a
 * line of its own before one on its own line. */
START_TEST(save_adds_attributes)
{
    fixture x;
    open_session(&x);
    ck_assert_int_eq(in(&x, "actor gamma : media { reach = 1 } actor delta : media { }\n"
                            "actor eps : media {\n  motto = \"x\"\n}\n"),
                     COOP_DONE);
    ck_assert_int_eq(in(&x, "set delta.reach = 3, eps.reach = 2, gamma.reach += 1\n"), COOP_DONE);
    ck_assert_str_eq(out, "set delta.reach = 3 (was unset), eps.reach = 2 (was unset), gamma.reach = 2 (was 1)\n"
                          "no verdict or score changes (of 1 tuple)\n");
    char dir[] = "/tmp/coop-session-XXXXXX", path[64];
    ck_assert_ptr_nonnull(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/s.coop", dir);
    ck_assert_int_eq(coop_session_save(x.s, path, 0, x.d), COOP_DONE);
    ck_assert_int_eq(occurrences(path, "actor delta : media { reach = 3 }"), 1);
    ck_assert_int_eq(occurrences(path, "actor gamma : media { reach = 2 }"), 1);
    ck_assert_int_eq(occurrences(path, "  reach = 2"), 1);
    coop_diags *d = coop_diags_new();
    coop_script *s = coop_load_file(path, d);
    ck_assert_msg(s != NULL, "%s", diag_text(d));
    double v;
    ck_assert_int_eq(coop_world_attr(coop_script_world(s), coop_actor_find(s, "eps"), coop_attr_find(s, "reach"), &v,
                                     NULL),
                     COOP_VALUE_NUMBER);
    ck_assert(v == 2);
    coop_script_free(s);
    coop_diags_free(d);
    unlink(path);
    rmdir(dir);
    close_session(&x);
}
END_TEST

/* :save comments out an expectation the session's changes made false, but
 * keeps one that did not hold when its file was read: the saved script
 * fails as the file did. */
START_TEST(save_keeps_what_failed_before)
{
    char dir[] = "/tmp/coop-session-XXXXXX", path[64], saved[64];
    ck_assert_ptr_nonnull(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/m.coop", dir);
    snprintf(saved, sizeof saved, "%s/s.coop", dir);
    FILE *f = fopen(path, "w");
    fputs(flagship, f);
    fputs("expect count(alliance) == 5\n", f); /* never held */
    fclose(f);
    FILE *o = fopen("/dev/null", "w");
    coop_options opt = {0};
    opt.out = o;
    coop_session *s = coop_session_new(&opt);
    coop_diags *d = coop_diags_new();
    ck_assert_int_eq(coop_session_load(s, path, d), COOP_DONE);
    ck_assert_int_eq(coop_session_save(s, saved, 0, d), COOP_DONE);
    ck_assert_int_eq(occurrences(saved, "# expect"), 0);
    const char *in = "set elder_care.key_figure = false\n"; /* alliance(elder_care, acme) no longer forms */
    ck_assert_int_eq(coop_session_input(s, "<stdin>", 1, in, strlen(in), d), COOP_DONE);
    ck_assert_int_eq(coop_session_save(s, saved, 1, d), COOP_DONE);
    ck_assert_int_eq(occurrences(saved, "# expect alliance(elder_care, acme)"), 1);
    ck_assert_int_eq(occurrences(saved, "# expect count(alliance) == 1"), 1);
    ck_assert_int_eq(occurrences(saved, "expect count(alliance) == 5"), 1);
    ck_assert_int_eq(occurrences(saved, "# expect count(alliance) == 5"), 0);
    coop_session_free(s);
    coop_diags_free(d);
    fclose(o);
    unlink(path);
    unlink(saved);
    rmdir(dir);
}
END_TEST

static int occurrences(const char *path, const char *what)
{
    FILE *f = fopen(path, "r");
    ck_assert_ptr_nonnull(f);
    char line[4096];
    int n = 0;
    while (fgets(line, sizeof line, f)) n += strstr(line, what) != NULL;
    fclose(f);
    return n;
}

/* A file read twice replaces its own statements; a save through a link
 * writes its target and keeps the link. */
START_TEST(load_twice_and_save_through_link)
{
    char dir[] = "/tmp/coop-session-XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(dir));
    char model[80], target[80], link[80];
    snprintf(model, sizeof model, "%s/m.coop", dir);
    snprintf(target, sizeof target, "%s/target.coop", dir);
    snprintf(link, sizeof link, "%s/link.coop", dir);
    FILE *f = fopen(model, "w");
    fputs(flagship, f);
    fclose(f);
    f = fopen(target, "w");
    fputs("# old\n", f);
    fclose(f);
    ck_assert_int_eq(symlink("target.coop", link), 0);
    coop_options o = {0};
    coop_session *s = coop_session_new(&o);
    coop_diags *d = coop_diags_new();
    ck_assert_int_eq(coop_session_load(s, model, d), COOP_DONE);
    ck_assert_int_eq(coop_session_load(s, model, d), COOP_DONE);
    ck_assert_int_eq(coop_session_save(s, link, 0, d), COOP_FAILED);
    ck_assert_int_eq(coop_session_save(s, link, 1, d), COOP_DONE);
    struct stat st;
    ck_assert_int_eq(lstat(link, &st), 0);
    ck_assert(S_ISLNK(st.st_mode));
    ck_assert_int_eq(occurrences(target, "expect count(alliance) == 1"), 1);
    ck_assert_int_eq(occurrences(target, "actor acme"), 1);
    ck_assert_int_eq(coop_session_save(s, dir, 1, d), COOP_FAILED);
    ck_assert_ptr_nonnull(strstr(diag_text(d), "is a directory"));
    coop_session_free(s);
    coop_diags_free(d);
    unlink(link);
    unlink(target);
    unlink(model);
    rmdir(dir);
}
END_TEST

/* Errors past COOP_MAX_ERRORS are still counted: a session whose caller
 * never clears its diagnostics still refuses what fails. */
START_TEST(errors_past_the_limit)
{
    fixture x;
    open_session(&x);
    coop_diags_clear(x.d);
    for (int i = 0; i < 60; i++)
        ck_assert_int_eq(coop_session_input(x.s, "<stdin>", i + 1, "nosuch.x\n", 9, x.d), COOP_FAILED);
    ck_assert_int_eq(coop_session_input(x.s, "<stdin>", 61, "set trust(elder_care, zz) = 1\n", 30, x.d), COOP_FAILED);
    ck_assert_int_eq(coop_session_input(x.s, "<stdin>", 62, "set acme.nosuch = 1\n", 20, x.d), COOP_FAILED);
    ck_assert_int_eq(coop_session_input(x.s, "<stdin>", 63, "actor a : npo { capacity = }\n", 29, x.d), COOP_FAILED);
    ck_assert_int_eq(coop_name_count(coop_session_script(x.s), COOP_NAMES_ACTOR), 2);
    close_session(&x);
}
END_TEST

/* A file ending in a comment without a newline: what is saved after it
 * starts a line of its own; a special file is not replaced. */
START_TEST(save_after_a_last_comment)
{
    char dir[] = "/tmp/coop-session-XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(dir));
    char model[80], saved[80], fifo[80];
    snprintf(model, sizeof model, "%s/f.coop", dir);
    snprintf(saved, sizeof saved, "%s/out.coop", dir);
    snprintf(fifo, sizeof fifo, "%s/fifo", dir);
    FILE *f = fopen(model, "w");
    fputs("actor a : npo { capacity = 0.5 }\nactor e : enterprise { capacity = 0.5 } # last", f);
    fclose(f);
    coop_options o = {0};
    coop_session *s = coop_session_new(&o);
    coop_diags *d = coop_diags_new();
    ck_assert_int_eq(coop_session_load(s, model, d), COOP_DONE);
    const char *z = "actor z : npo { capacity = 0.9 }";
    ck_assert_int_eq(coop_session_input(s, "<stdin>", 1, z, strlen(z), d), COOP_DONE);
    ck_assert_int_eq(coop_session_save(s, saved, 0, d), COOP_DONE);
    coop_script *back = coop_load_file(saved, d);
    ck_assert_ptr_nonnull(back);
    ck_assert_int_eq(coop_actor_find(back, "z"), 2);
    coop_script_free(back);
    ck_assert_int_eq(mkfifo(fifo, 0600), 0);
    ck_assert_int_eq(coop_session_save(s, fifo, 1, d), COOP_FAILED);
    ck_assert_ptr_nonnull(strstr(diag_text(d), "is not a regular file"));
    struct stat st;
    ck_assert_int_eq(lstat(fifo, &st), 0);
    ck_assert(S_ISFIFO(st.st_mode));
    coop_session_free(s);
    coop_diags_free(d);
    unlink(fifo);
    unlink(saved);
    unlink(model);
    rmdir(dir);
}
END_TEST

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "wb");
    ck_assert_ptr_nonnull(f);
    fputs(text, f);
    fclose(f);
}

/* Saves, then reads the saved script back: it must load and run clean. */
static coop_script *save_and_load(coop_session *s, const char *path, coop_diags *d)
{
    ck_assert_int_eq(coop_session_save(s, path, 1, d), COOP_DONE);
    coop_script *back = coop_load_file(path, d);
    ck_assert_msg(back != NULL, "%s", diag_text(d));
    int failed;
    run_text(back, 0, &failed);
    ck_assert_int_eq(failed, 0);
    return back;
}

/* The text :save writes around statements made comments: what follows on
 * their line, lone-CR line ends, statements that divide by zero. */
START_TEST(save_comments_statements_safely)
{
    char dir[] = "/tmp/coop-session-XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(dir));
    char a[80], saved[80];
    snprintf(a, sizeof a, "%s/a.coop", dir);
    snprintf(saved, sizeof saved, "%s/saved.coop", dir);
    static const char *const models[] = {
        "kind org\nactor a : org { c = 1 }\nexpect a.c == 1 actor b : org { c = 2 }\n",
        "kind org\ractor a : org { c = 1 }\ractor b : org { c = 2 }\rexpect a.c ==\r  1\r",
        ("actor a : npo { c = 1 }\nactor b : enterprise { c = 1 }\n"
         "partnership p(n: npo, e: enterprise) { factor f = 1 / n.c forms when f > 0 }\nshow p\nexpect count(p) == 1\n"),
    };
    for (size_t m = 0; m < sizeof models / sizeof *models; m++) {
        write_file(a, models[m]);
        coop_options o = {0};
        coop_session *s = coop_session_new(&o);
        coop_diags *d = coop_diags_new();
        ck_assert_int_eq(coop_session_load(s, a, d), COOP_DONE);
        const char *set = m == 2 ? "set a.c = 0" : "set a.c = 5";
        ck_assert_int_eq(coop_session_input(s, "<stdin>", 1, set, strlen(set), d), COOP_DONE);
        coop_script *back = save_and_load(s, saved, d);
        ck_assert_int_eq(coop_actor_find(back, "b"), 1); /* b survived */
        coop_script_free(back);
        coop_session_free(s);
        coop_diags_free(d);
    }
    unlink(a);
    unlink(saved);
    rmdir(dir);
}
END_TEST

/* A file read again without some of its declarations and statements: they
 * go, and undo brings them back. */
START_TEST(reread_file_drops_what_it_lost)
{
    char dir[] = "/tmp/coop-session-XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(dir));
    char v[80], saved[80];
    snprintf(v, sizeof v, "%s/v.coop", dir);
    snprintf(saved, sizeof saved, "%s/saved.coop", dir);
    write_file(v, "kind org\nactor a : org { c = 1 }\nactor b : org { c = 2 }\nexpect b.c == 2\n");
    coop_options o = {0};
    coop_session *s = coop_session_new(&o);
    coop_diags *d = coop_diags_new();
    ck_assert_int_eq(coop_session_load(s, v, d), COOP_DONE);
    ck_assert_int_eq(coop_session_input(s, "<stdin>", 1, "set b.c = 3", 11, d), COOP_DONE);
    write_file(v, "kind org\nactor a : org { c = 1 }\n");
    ck_assert_int_eq(coop_session_load(s, v, d), COOP_DONE);
    ck_assert_int_eq(coop_actor_find(coop_session_script(s), "b"), -1);
    coop_script *back = save_and_load(s, saved, d);
    ck_assert_int_eq(coop_actor_find(back, "b"), -1);
    coop_script_free(back);
    ck_assert_int_eq(occurrences(saved, "expect"), 0);
    ck_assert_int_eq(coop_session_input(s, "<stdin>", 2, "undo", 4, d), COOP_DONE);
    ck_assert_int_eq(coop_actor_find(coop_session_script(s), "b"), 1);
    coop_session_free(s);
    coop_diags_free(d);
    unlink(v);
    unlink(saved);
    rmdir(dir);
}
END_TEST

/* 10,000 failing inputs of every kind leave the session working and use no
 * more memory than 1,000 of them did. */
START_TEST(memory_flat)
{
    static const char *bad[] = {
        "show nosuch\n", "count(alliance)) (\n", "what if elder_care.capacity = {x}\n",
        "set nosuch.capacity = 1\n", "actor z : nokind { }\n", "foo bar\n", "1 / 0\n",
        "what if trust(elder_care) = 1\n", "undo 1\n", "\xff\n", "expect count(alliance) == 7\n",
    };
    size_t nb = sizeof bad / sizeof bad[0];
    fixture x;
    open_session(&x);
    size_t at1000 = 0;
    for (int i = 1; i <= 10000; i++) {
        ck_assert_int_eq(in(&x, bad[i % nb]), COOP_FAILED);
        coop_diags_clear(x.d); /* the diagnostics of the last input are not the session's */
        if (i == 1000) at1000 = heap_in_use();
    }
    size_t at10000 = heap_in_use();
    /* glibc counts the chunks its per-thread cache holds as in use: a few
     * KB that vary with what ran before; a leak of 2 bytes an input is 18 KB */
    ck_assert_msg(at10000 <= at1000 + 16384, "heap grew from %zu to %zu bytes", at1000, at10000);
    ck_assert_int_eq(in(&x, "count(alliance)\n"), COOP_DONE);
    ck_assert_str_eq(out, "1\n");
    close_session(&x);
}
END_TEST

/* Word w is a name where no statement or declaration takes it: an actor's,
 * and read. */
static void name_elsewhere(const char *w)
{
    char text[128];
    snprintf(text, sizeof text, "actor %s : npo { c = 1 }\nexpect %s.c == 1\n", w, w);
    coop_diags *wd;
    coop_script *ws = load_ok(text, &wd);
    coop_options wo = {0};
    ck_assert_msg(coop_run(ws, NULL, &wo, wd) == 0, "%s: %s", w, diag_text(wd));
    coop_script_free(ws);
    coop_diags_free(wd);
}

/* CSV is coop_run's: a session given it prints as text, every statement
 * (none refused), a notice too; coop_run prints show R by year and show R
 * as CSV and refuses explain R(a, b). */
START_TEST(csv_is_coop_runs)
{
    static const char *const model =
        "timeline 2014 .. 2015 by year\n"
        "actor bureau : government {}\nactor emil : npo { x = 1 }\n"
        "partnership p(g: government, n: npo) { factor f = n.x  forms when f > 0 }\n";
    char *t = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&t, &len);
    coop_options o = {0};
    o.out = f;
    o.format = COOP_FORMAT_CSV;
    coop_session *s = coop_session_new(&o);
    coop_diags *d = coop_diags_new();
    ck_assert_int_eq(coop_session_input(s, "t.coop", 1, model, strlen(model), d), COOP_DONE);
    const char *in = "show p\nshow p by year\n";
    ck_assert_int_eq(coop_session_input(s, "<stdin>", 1, in, strlen(in), d), COOP_DONE);
    fflush(f);
    ck_assert_ptr_nonnull(strstr(t, "show p(g: government, n: npo)\n"));
    ck_assert_ptr_nonnull(strstr(t, "  at 2015: 1 of 1 tuple forms; none flips from 2014 to 2015\n"));
    ck_assert_ptr_null(strstr(t, "period,"));
    coop_session_free(s);
    fclose(f);
    free(t);
    t = NULL;
    f = open_memstream(&t, &len);
    coop_diags_clear(d);
    char script[512];
    snprintf(script, sizeof script, "%sshow p by year\nshow p\nexplain p(bureau, emil)\nexpect p(bureau, emil)\n",
             model);
    coop_script *sc = coop_load("t.coop", script, strlen(script), d);
    ck_assert_ptr_nonnull(sc);
    o.out = f;
    ck_assert_int_eq(coop_run(sc, NULL, &o, d), 0); /* the explain skipped, said; the expect held */
    fclose(f);
    ck_assert_str_eq(t, "period,g,n,verdict,score\n2014,bureau,emil,1,\n2015,bureau,emil,1,\n\n"
                        "g,n,verdict,score,f\nbureau,emil,1,,1\n");
    ck_assert_ptr_nonnull(strstr(diag_text(d), "t.coop:7:1: warning: skipped: this explain has no table in CSV"));
    ck_assert_int_eq((int)coop_diags_errors(d), 0);
    coop_script_free(sc);
    coop_diags_free(d);
    free(t);
}
END_TEST

START_TEST(names_for_completion)
{
    fixture x;
    open_session(&x);
    const coop_script *s = coop_session_script(x.s);
    ck_assert_int_eq(coop_name_count(s, COOP_NAMES_FACTOR), 6);
    ck_assert_str_eq(coop_name(s, COOP_NAMES_FACTOR, 5), "trust");
    ck_assert_ptr_null(coop_name(s, COOP_NAMES_FACTOR, 6));
    ck_assert_str_eq(coop_name(s, COOP_NAMES_RELATION, 0), "trust");
    ck_assert_str_eq(coop_name(s, COOP_NAMES_RULE, 0), "alliance");
    ck_assert_str_eq(coop_name(s, COOP_NAMES_KIND, 6), "foundation");
    ck_assert(coop_actor_has(s, 0, "concerns"));
    ck_assert(!coop_actor_has(s, 0, "nosuch"));
    /* every declared name, class by class in the declarations' order:
     * 7 kinds, 2 actors, 1 relation, 1 partnership, 6 factors */
    ck_assert_int_eq(coop_name_count(s, COOP_NAMES_DECLARED), 17);
    ck_assert_str_eq(coop_name(s, COOP_NAMES_DECLARED, 0), "government");
    ck_assert_str_eq(coop_name(s, COOP_NAMES_DECLARED, 7), "elder_care");
    ck_assert_str_eq(coop_name(s, COOP_NAMES_DECLARED, 9), "trust");
    ck_assert_str_eq(coop_name(s, COOP_NAMES_DECLARED, 10), "alliance");
    ck_assert_str_eq(coop_name(s, COOP_NAMES_DECLARED, 16), "trust");
    ck_assert_ptr_null(coop_name(s, COOP_NAMES_DECLARED, 17));
    ck_assert_int_eq(coop_name_count(s, COOP_NAMES_CONTRACT), 0);
    /* a contract, declared last: last among the declared names too */
    ck_assert_int_eq(in(&x, "contract care(buyer = elder_care, supplier = acme) { term = 1 }\n"), COOP_DONE);
    s = coop_session_script(x.s);
    ck_assert_int_eq(coop_name_count(s, COOP_NAMES_CONTRACT), 1);
    ck_assert_str_eq(coop_name(s, COOP_NAMES_CONTRACT, 0), "care");
    ck_assert_int_eq(coop_name_count(s, COOP_NAMES_DECLARED), 18);
    ck_assert_str_eq(coop_name(s, COOP_NAMES_DECLARED, 17), "care");
    /* the fixed words */
    ck_assert_str_eq(coop_word(COOP_WORDS_KEYWORD, 0), "actor");
    ck_assert_str_eq(coop_word(COOP_WORDS_COMMAND, 0), "what if");
    ck_assert_str_eq(coop_word(COOP_WORDS_COMMAND, 3), "flip");
    ck_assert_ptr_null(coop_word(COOP_WORDS_COMMAND, 12)); /* the short forms are not offered */
    ck_assert_int_eq(coop_command_find("flip", 4), COOP_CMD_FLIP);
    for (int i = 0; coop_word(COOP_WORDS_FUNCTION, i); i++)
        ck_assert_str_ne(coop_word(COOP_WORDS_FUNCTION, i), "score"); /* a keyword, listed there */
    ck_assert_ptr_null(coop_word(COOP_WORDS_KEYWORD, -1));
    /* the names that are keywords where a statement takes them, sweep's
     * words among them: each a name elsewhere (an actor's, read) */
    int sweep_words = 0;
    for (int i = 0; coop_word(COOP_WORDS_CONTEXT, i); i++) {
        const char *w = coop_word(COOP_WORDS_CONTEXT, i);
        sweep_words += !strcmp(w, "sweep") || !strcmp(w, "from") || !strcmp(w, "to") || !strcmp(w, "step");
        name_elsewhere(w);
    }
    ck_assert_int_eq(sweep_words, 4);
    /* every word that starts a declaration or a statement is offered (Tab
     * completes it): a keyword, a statement's word, or a declaration's
     * that is a name elsewhere (param, data, bid, attribute) */
    static const char *const starts[] = {"kind", "actor", "relation", "partnership", "tender", "bid", "contract",
                                         "timeline", "attribute", "param", "event", "data", "show", "explain",
                                         "dominance", "expect", "why", "flip", "sweep"};
    for (size_t k = 0; k < sizeof starts / sizeof starts[0]; k++) {
        int offered = 0;
        for (coop_words l = COOP_WORDS_KEYWORD; l <= COOP_WORDS_DECLARATION; l++)
            for (int i = 0; coop_word(l, i); i++) offered |= !strcmp(coop_word(l, i), starts[k]);
        ck_assert_msg(offered, "%s is not offered", starts[k]);
    }
    /* a declaration's word followed by a name starts one (it waits for
     * the rest), where another word is refused; and it is a name elsewhere */
    int declaration_words = 0;
    for (int i = 0; coop_word(COOP_WORDS_DECLARATION, i); i++, declaration_words++) {
        const char *w = coop_word(COOP_WORDS_DECLARATION, i);
        char text[128];
        snprintf(text, sizeof text, "%s zz", w);
        ck_assert_msg(in(&x, text) == COOP_INCOMPLETE, "%s: %s", text, diag_text(x.d));
        name_elsewhere(w);
    }
    ck_assert_int_eq(declaration_words, 4);
    ck_assert_int_eq(in(&x, "zork zz"), COOP_FAILED);
    ck_assert_int_eq(coop_command_find(":q", 2), COOP_CMD_QUIT);
    ck_assert_int_eq(coop_command_find("what if", 7), COOP_CMD_WHATIF);
    ck_assert_int_eq(coop_command_find("what", 4), COOP_CMD_NONE);
    close_session(&x);
}
END_TEST

/* An input refused with a brace open is discarded: the lines that go on
 * with it are skipped (no error each) up to the '}' that closes it, and a
 * line that starts a declaration is read afresh. */
START_TEST(slip_discards_its_lines)
{
    fixture x;
    open_session(&x);
    ck_assert_int_eq(in(&x, "partnership p(n: npo, e: enterprise) {\n  factor c = n.capacity\n  m = n.media"), COOP_FAILED);
    ck_assert_int_eq(coop_diags_errors(x.d), 1);
    ck_assert_msg(strstr(diag_text(x.d), "note: the partnership begun here is discarded"), "%s", diag_text(x.d));
    static const char *const rest[] = {"  factor k = {a, b}", "", "  forms when c > 0", "}"};
    for (size_t i = 0; i < sizeof rest / sizeof rest[0]; i++) {
        ck_assert_int_eq(in(&x, rest[i]), COOP_DONE);
        ck_assert_int_eq(coop_diags_count(x.d), 0);
    }
    ck_assert_int_eq(in(&x, "count(alliance)"), COOP_DONE); /* read as usual again */
    ck_assert_str_eq(out, "1\n");
    /* a whole value is read while lines are skipped, and they still are */
    ck_assert_int_eq(in(&x, "partnership p(n: npo, e: enterprise) {\n  m = n.media"), COOP_FAILED);
    ck_assert_int_eq(in(&x, "count(alliance)"), COOP_DONE);
    ck_assert_str_eq(out, "1\n");
    ck_assert_int_eq(in(&x, "  forms when m > 0"), COOP_DONE);
    ck_assert_int_eq(in(&x, "}"), COOP_DONE);
    ck_assert_int_eq(coop_diags_count(x.d), 0);
    /* a declaration typed again ends the skipping */
    ck_assert_int_eq(in(&x, "partnership p(n: npo, e: enterprise) {\n  m = n.media"), COOP_FAILED);
    ck_assert_int_eq(in(&x, "partnership p(n: npo, e: enterprise) { factor m = n.media forms when m > 0 }"), COOP_DONE);
    ck_assert_int_eq(coop_rule_find(coop_session_script(x.s), "p"), 1);
    close_session(&x);
}
END_TEST

/* An input given a line at a time (coop_session_input_more, as the REPL
 * gives it) has, after every line, the status and the diagnostics the whole
 * input so far has when given at once: the parser kept between lines only
 * spares parsing it again. */
START_TEST(input_by_lines)
{
    static const char *const inputs[] = {
        "actor b : npo {\n  c = = 1\n  media = 2\n}",
        "actor b : npo {\n  capacity = 0.5\n  media = 2\n  key_figure = true orientation = 0.1\n  concerns = {elderly,\n  health}\n}",
        "count(\nalliance)",
        "count(alliance,\n   )",
        "acme.\nmedia",
        "acme.\nmedia = 3",
        "set\nacme.media = 0.4",
        "why\nalliance(elder_care, acme)",
        "trust(elder_care,\nacme) = 0.9",
        "trust(elder_care,\nacme)",
        "what if\n acme.media = 0.9 :\n show alliance",
        "(1 +\n2\n) * 3",
        "1 +\n\n\n2",
        "actor z : npo { \"unterminated\n}",
        "expect 1 ==\n  1",
        "actor q : npo {\nc = 1\nkind k\n}",
        "partnership p(n: npo,\n e: enterprise) {\n factor f = n.capacity\n forms when f > 0\n}\nshow p",
        "actor w : npo { capacity = (((\n1 +\n2)))\n media = 1 key_figure = true orientation = 0 concerns = {} }",
    };
    for (size_t i = 0; i < sizeof inputs / sizeof *inputs; i++) {
        fixture a, b;
        open_session(&a);
        open_session(&b);
        const char *t = inputs[i];
        size_t from = 0;
        int more = 0;
        for (const char *e = t;; e++) {
            if (*e != '\n' && *e) continue;
            size_t len = (size_t)(e - t);
            coop_diags_clear(a.d);
            coop_diags_clear(b.d);
            coop_status sa = coop_session_input_more(a.s, "<stdin>", 3, t, len, more ? from : 0, a.d);
            coop_status sb = coop_session_input(b.s, "<stdin>", 3, t, len, b.d);
            ck_assert_msg(sa == sb, "input %zu, %zu bytes: status %d line by line, %d whole", i, len, sa, sb);
            if (sa != COOP_INCOMPLETE) {
                ck_assert_str_eq(diag_text(a.d), diag_text(b.d));
                break;
            }
            more = 1;
            from = len;
            ck_assert_int_ne(*e, 0); /* every input ends complete or in error */
        }
        close_session(&a);
        close_session(&b);
    }
}
END_TEST

/* A `from` that does not continue the unfinished input is not trusted. */
START_TEST(input_more_not_trusted)
{
    fixture x;
    open_session(&x);
    const char *a = "actor q : npo {", *b = "1 +\n2";
    ck_assert_int_eq(coop_session_input_more(x.s, "<stdin>", 1, a, strlen(a), 0, x.d), COOP_INCOMPLETE);
    /* another input: a different line, or a from that is not the last length */
    ck_assert_int_eq(coop_session_input_more(x.s, "<stdin>", 2, b, strlen(b), strlen(a), x.d), COOP_DONE);
    ck_assert_int_eq(coop_session_input_more(x.s, "<stdin>", 1, a, strlen(a), 0, x.d), COOP_INCOMPLETE);
    ck_assert_int_eq(coop_session_input_more(x.s, "<stdin>", 1, b, strlen(b), 3, x.d), COOP_DONE);
    close_session(&x);
}
END_TEST

/* A transcript: what a session printed, and each input's diagnostics
 * after it, as the REPL shows them. */
typedef struct transcript {
    FILE *out;       /* the session's */
    char *outbuf;
    size_t outlen;
    FILE *all;       /* both, in order */
    char *text;
    size_t len;
    size_t seen;     /* of outbuf, copied to all */
} transcript;

static void said(transcript *t, coop_diags *d, coop_status st)
{
    fflush(t->out);
    fwrite(t->outbuf + t->seen, 1, t->outlen - t->seen, t->all);
    t->seen = t->outlen;
    fputs(diag_text(d), t->all); /* a run of inputs kept is one status, not one each: */
    if (st == COOP_FAILED) fputs("[failed]\n", t->all); /* what the REPL counts */
    coop_diags_clear(d);
}

/* Declarations piped in wait and are built as a run (coop_session_defer):
 * the transcript is byte for byte the one of each input carried out when
 * given, through forward references, failures in a run, replacements,
 * warnings, sets, statements and undo. */
START_TEST(deferred_inputs_as_given)
{
#define NPO(n, extra) "actor " n " : npo { capacity = 0.5 media = 0.2 key_figure = false orientation = 0.1 concerns = {health} " extra "}"
    static const char *const inputs[] = {
        NPO("a1", ""), "# a comment", "", NPO("a2", ""), "trust(a1, acme) = 0.9", NPO("a3", ""),
        NPO("f1", "") "\nactor f2 : fund { capacity = 1 media = 1 key_figure = true orientation = 0 concerns = {} }",
        "kind fund : npo", "actor f3 : fund { capacity = 1 media = 1 key_figure = true orientation = 0 concerns = {} }",
        NPO("a4", ""), "actor bad : npo { capacity = 1 }", NPO("a5", ""), NPO("a6", "capacity = \"x\" "), NPO("a7", ""),
        NPO("a1", "media = 0.9 "), "count(alliance)", NPO("a8", ""), "set a8.capacity = 0.9", NPO("a9", ""),
        "trust(a9, acme) = 0.1\ntrust(a9, acme) = 0.2", NPO("a10", ""), NPO("a11", ""), "undo", "undo", "changes",
        "show alliance(a2, acme)", NPO("a12", ""), "nosuch(", "1 + 1", "kind k2 : k3", "kind k3 : npo", NPO("a13", ""),
        NPO("a14", ""), "actor a15 : npo { capacity = 0.5 media = 0.2 key_figure = false orientation = 0.1 concerns = {helth} }",
        NPO("a16", ""), NPO("a17", ""),
    };
#undef NPO
    size_t n = sizeof inputs / sizeof *inputs;
    transcript t[2];
    for (int w = 0; w < 2; w++) {
        transcript *x = &t[w];
        memset(x, 0, sizeof *x);
        x->out = open_memstream(&x->outbuf, &x->outlen);
        x->all = open_memstream(&x->text, &x->len);
        coop_options o = {0};
        o.out = x->out;
        coop_session *s = coop_session_new(&o);
        coop_diags *d = coop_diags_new();
        ck_assert_int_eq(coop_session_input(s, "flagship", 1, flagship, strlen(flagship), d), COOP_DONE);
        said(x, d, COOP_DONE);
        coop_session_defer(s, w);
        size_t waited = 0;
        for (size_t i = 0; i <= n; i++) {
            coop_status st = i < n ? coop_session_input(s, "<stdin>", (int)i + 1, inputs[i], strlen(inputs[i]), d)
                                   : COOP_DEFERRED;
            if (st == COOP_INCOMPLETE) {
                coop_diags_clear(d);
                continue;
            }
            if (st != COOP_DEFERRED) {
                said(x, d, st);
                continue;
            }
            waited += i < n;
            if (i < n && !coop_session_due(s)) continue; /* at the end, or when due: as the REPL does */
            while (coop_session_pending(s) > 0) {
                st = coop_session_flush(s, d);
                said(x, d, st);
            }
        }
        ck_assert(w ? waited > n / 2 : waited == 0);
        coop_session_free(s);
        coop_diags_free(d);
        fclose(x->out);
        fclose(x->all);
    }
    if (strcmp(t[1].text, t[0].text) != 0) { /* the first line that differs: a whole transcript is too long a message */
        size_t i = 0, l = 0;
        while (t[0].text[i] == t[1].text[i]) l = t[0].text[i++] == '\n' ? i : l;
        ck_abort_msg("deferred:\n%.300s\nas given:\n%.300s", t[1].text + l, t[0].text + l);
    }
    ck_assert_ptr_nonnull(strstr(t[0].text, "unknown kind 'fund'")); /* the forward reference fails */
    ck_assert_ptr_nonnull(strstr(t[0].text, "undone: actor a11"));
    ck_assert_ptr_nonnull(strstr(t[0].text, "symbol 'helth' appears nowhere else")); /* a warning inside a run */
    for (int w = 0; w < 2; w++) {
        free(t[w].outbuf);
        free(t[w].text);
    }
}
END_TEST

/* ---- a timeline's what-if ---- */

static const char moved[] = "timeline 2010 .. 2020 by year\nactor g : government {}\nactor a : npo { x = 0 }\n"
                            "event up at 2015 { a.x += 1 }\n"
                            "partnership p(g: government, n: npo) { factor x = n.x  forms when x >= 1 }\n";

/* An interrupt met comparing the verdicts at every step (an event moved:
 * the last step's are the same, so nothing else is evaluated first) is
 * said at the what-if's input, as one met anywhere else in it is; with
 * the flag down the comparison is made. */
START_TEST(interrupted_over_time)
{
    static volatile sig_atomic_t stop;
    FILE *f = fmemopen(out, sizeof out - 1, "w");
    coop_options o = {0};
    o.out = f;
    o.interrupt = &stop;
    coop_session *s = coop_session_new(&o);
    coop_diags *d = coop_diags_new();
    ck_assert_int_eq(coop_session_input(s, "m.coop", 1, moved, strlen(moved), d), COOP_DONE);
    const char *what = "what if up at 2012";
    stop = 1;
    ck_assert_int_eq(coop_session_input(s, "<stdin>", 9, what, strlen(what), d), COOP_FAILED);
    ck_assert_str_eq(diag_text(d), "<stdin>:9:1: error: interrupted\n  what if up at 2012\n  ^~~~~~~~~~~~~~~~~~\n");
    stop = 0;
    coop_diags_clear(d);
    rewind(f);
    memset(out, 0, sizeof out);
    ck_assert_int_eq(coop_session_input(s, "<stdin>", 10, what, strlen(what), d), COOP_DONE);
    fflush(f);
    ck_assert_msg(strstr(out, "p(g, a): now forms from 2015; what if forms from 2012 (differs from 2012)"), "%s", out);
    coop_session_free(s);
    coop_diags_free(d);
    fclose(f);
}
END_TEST

Suite *suite_session(void)
{
    Suite *s = suite_create("session");
    TCase *t = tcase_create("session");
    tcase_set_timeout(t, 120);
    tcase_add_test(t, statuses);
    tcase_add_test(t, slip_discards_its_lines);
    tcase_add_test(t, replace_in_place);
    tcase_add_test(t, what_if_keeps_nothing_set_keeps);
    tcase_add_test(t, save_is_atomic_and_loads);
    tcase_add_test(t, memory_flat);
    tcase_add_test(t, load_twice_and_save_through_link);
    tcase_add_test(t, errors_past_the_limit);
    tcase_add_test(t, save_after_a_last_comment);
    tcase_add_test(t, save_comments_statements_safely);
    tcase_add_test(t, reread_file_drops_what_it_lost);
    tcase_add_test(t, names_for_completion);
    tcase_add_test(t, kept_changes_survive_rebuilds);
    tcase_add_test(t, save_adds_attributes);
    tcase_add_test(t, save_keeps_what_failed_before);
    tcase_add_test(t, input_by_lines);
    tcase_add_test(t, input_more_not_trusted);
    tcase_add_test(t, deferred_inputs_as_given);
    tcase_add_test(t, csv_is_coop_runs);
    tcase_add_test(t, interrupted_over_time);
    suite_add_tcase(s, t);
    return s;
}
