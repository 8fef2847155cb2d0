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
    int start;                            /* a start token to give the parser first, or 0 */
    int in_cond;                          /* reading a condition (forms when, expect) */
    coop_loc slip;                        /* the last slip said (line 0: none); the syntax
                                             errors it causes are held back */
    int bracket_line;                     /* of the last '[' said: its ']' is not */
    int comment_said;                     /* a comment of another language was said */
    coop_loc approx;                      /* of the last '~=': a missing 'within' is said there */
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
    IN_UNDO, IN_RESET, IN_CHANGES,
    IN_UNKNOWN,  /* two names in a row: no statement or command starts so */
    IN_COLON,    /* help, quit, load FILE...: a command that wants its ':' */
    IN_WHAT_IF,  /* what-if: the command is two words */
    IN_BARE_CHANGE /* a.b = v, r(a, b) += v: a change without set or what if */
} input_kind;

/* Classifies a session's input.  *first gets the place of its first token;
 * *where, of a token after a command word that takes none (line 0 if
 * none), or for IN_UNKNOWN of its first word. */
input_kind parse_classify(const source *src, coop_loc *first, coop_loc *where);
/* The braces src opens less those it closes (negative when it closes
 * more); *ntokens gets how many tokens it has.  Slips are not said. */
int parse_braces(const source *src, int *ntokens);
/* Parses a session's input of kind k (not a command word) into `out`. */
int parse_input(const source *src, input_kind k, arena *mem, coop_diags *d, program *out);

#endif
