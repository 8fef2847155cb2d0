/*
 * parse.h - parser glue: runs the flex scanner and the bison parser over one
 * source and returns its syntax tree.
 */
#ifndef COOP_PARSE_H
#define COOP_PARSE_H

#include "ast.h"
#include "diag.h"

/* An opening brace the parser has not yet seen closed. */
typedef struct open_brace {
    coop_loc loc;
    const char *what; /* "partnership 'alliance'", or NULL */
} open_brace;

/* The state shared by scanner and parser (bison's parse-param, flex's
 * extra): no globals, so many sources can be parsed in one process. */
typedef struct parse_state {
    arena *mem;
    const source *src;
    coop_diags *diags;
    alist decls;
    int parens;                           /* open ( */
    open_brace braces[COOP_MAX_DEPTH + 1];
    int nbraces;
    int fatal;                            /* stop: no further syntax errors */
    int depth_reported;                   /* the depth error of this statement was said */
    int rule_syntax_error;                /* the partnership being parsed had one */
    int in_tender;                        /* parsing a tender's body: `buyer = ...` is a setting */
    int in_contract;                      /* parsing a contract's body (no factors to expect) */
    int ended;                            /* the classifier met the end of input */
    int in_cond;                          /* reading a condition (forms when, expect) */
    coop_loc slip;                        /* the last slip said (line 0: none); the syntax
                                             errors it causes are held back */
    int syntax_said;                      /* syntax errors said (parse.c: the rest of the
                                             line of one outside a block is its echo) */
    int bracket_line;                     /* of the last '[' said: its ']' is not */
    int comment_said;                     /* a comment of another language was said */
    coop_loc approx;                      /* of the last '~=': a missing 'within' is said there */
    int after_of;                         /* the token pushed last was OF */
    coop_loc stray_of;                    /* pushing a target word after an 'of' that had to
                                             stay a name, or the token after it (line 0: not
                                             so): a syntax error says where 'of' may stand */
    coop_loc period;                      /* the period word of the last `show R by PERIOD` */
    struct {                              /* the first word of a tender's or a contract's item
                                             (require, oblige...; NULL: none since the last
                                             item) and the first tokens after it: whether
                                             they give the item its name is told by them */
        const char *word;
        coop_loc at;
        int n;
        int tok[3];
        const char *str;                  /* the first of them, an identifier's name */
    } item;
    const char *stmt_word;                /* the statement being read (show, explain,
                                             dominance, why), NULL after another
                                             declaration's keyword */
    int stmt_dates;                       /* the words of dates (at, from, to) it has */
    int data_actors, data_kind;           /* the `data` statement being read is `data actors`;
                                             its `kind` was read (parse.c, data_word) */
    const char *pushing;                  /* the name being pushed, or NULL: the
                                             token a syntax error is said at */
    struct {                              /* the last two tokens pushed, the last first */
        int tok;                          /* 0: none */
        const char *str;                  /* an identifier's name */
        coop_loc loc;
    } pushed[2];
} parse_state;

/* Parses src into a program whose nodes live in `mem`.  Returns 0 when the
 * source has no syntax errors. */
int parse_source(const source *src, arena *mem, coop_diags *d, program *out);

/* What a session's typed input is, told by its first tokens. */
typedef enum {
    IN_PROGRAM,  /* declarations and statements (or nothing) */
    IN_VALUE,    /* a bare expression: `count(alliance)` */
    IN_WHATIF,   /* what if CHANGE, ... [: STATEMENT] */
    IN_SET,      /* set CHANGE, ... */
    IN_WHY,      /* why R(a, b) */
    IN_CHANGE,   /* one change alone, for coop_change_parse (never classified) */
    IN_AXIS,     /* a sweep's target alone, for coop_sweep_axis (never classified):
                    a sweep of one axis without values or statement */
    IN_UNDO, IN_RESET, IN_CHANGES,
    IN_UNKNOWN,  /* two names in a row: no statement or command starts so */
    IN_COLON,    /* help, quit, load FILE...: a command that wants its ':' */
    IN_WHAT_IF,  /* what-if: the command is two words */
    IN_BARE_CHANGE /* a.b = v, r(a, b) += v, w = v: a change without set or what if */
} input_kind;

/* Classifies a session's input.  *first gets the place of its first token;
 * *where, of a token after a command word that takes none (line 0 if
 * none), or for IN_UNKNOWN of its first word.  *settled is 0 when more
 * text could change the kind: the classifier met the end of the input. */
input_kind parse_classify(const source *src, coop_loc *first, coop_loc *where, int *settled);
/* The braces src opens less those it closes (negative when it closes
 * more); *ntokens gets how many tokens it has.  Slips are not said. */
int parse_braces(const source *src, int *ntokens);
/* Parses a session's input of kind k (not a command word) into `out`. */
int parse_input(const source *src, input_kind k, arena *mem, coop_diags *d, program *out);

/* An unfinished input read a line at a time, its parser kept between
 * lines so that each line costs its own length, not the input's.  It only
 * tells when a full parse (parse_input) is worth running: every answer
 * other than "cannot end yet" sends the caller to one, which says what
 * the input is. */
typedef struct parse_more parse_more;
/* src: an input of kind k that parse_input found unfinished (settled as
 * parse_classify said); NULL when the parser cannot be kept. */
parse_more *parse_more_new(const source *src, input_kind k, int settled);
/* Adds the n bytes that follow the input so far (starting with a line
 * end).  1 when the input has no error and cannot end yet: a full parse
 * would find it unfinished; 0 when a full parse must decide (then m is
 * spent: free it). */
int parse_more_add(parse_more *m, const char *text, size_t n);
void parse_more_free(parse_more *m);

#endif
