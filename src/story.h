/*
 * story.h - one tuple's story over a model's timeline (docs/language.md,
 * "The story of a verdict"): the steps at which a value its rule reads
 * changed, found by comparing each step's writes (the run's journal,
 * timeline.h) with what the rule reads (model.h, rule_deps), so that the
 * tuple is decided again only there; the events that acted at those
 * steps, and how its factors, score and verdict moved (explain R(a, b)
 * from D1 to D2).  And `why R(a, b) at D`: the last step at or before D
 * at which its verdict changed, and the events that changed what it reads
 * from the step its earlier verdict began.
 *
 * It is a record of what changed what the rule reads, not of causes: an
 * event that acted is not thereby one without which the verdict would
 * differ.
 */
#ifndef COOP_STORY_H
#define COOP_STORY_H

#include "result.h"
#include "timeline.h"

/* A value of the world a step changed, as it was before the step; the
 * journal's write says which value it is and what the step left it. */
typedef struct story_cell {
    const tl_write *w;
    vtype type;            /* T_NUM, T_BOOL, T_STR (a string's id) or T_SET */
    int had;               /* it had a value before (an attribute may have had none) */
    double before;
    uint64_t *bits;        /* a set's members before (the world's setwords words), else NULL */
} story_cell;

/* One step at which a value the tuple reads changed; its arrays are the
 * story's until its next step is read. */
typedef struct story_step {
    int k;
    const int *acted;      /* every event that acted (indices into m->events), by name */
    int nacted;
    const unsigned char *moved; /* per acted event: it wrote one of cells */
    const story_cell *cells; /* the values the tuple reads that changed */
    int ncells;
    int others;            /* values the step changed that the tuple does not read */
    const explain_result *before, *after; /* the tuple as the step before ends, and as this one does */
} story_step;

/* What an event's change wrote of a value the tuple reads over some
 * steps: the value before the first of them and after the last (last
 * NULL: it changed none there), and the other events that changed the same
 * value from the first to the last (indices into m->events, by name): the
 * move is theirs too. */
typedef struct story_wrote {
    story_cell first;      /* as it was before the event's first such step */
    const tl_write *last;  /* what its last such step left it */
    int k1, k2;            /* those steps */
    int *with;
    int nwith;
} story_wrote;

typedef struct story_event {
    int event;
    int times;             /* the steps at which it changed a value the tuple reads */
    int first, last;       /* the first and last of them */
    story_wrote *ch;       /* per change of the event */
} story_event;

/* `why R(a, b) at D`. */
/* A value the tuple reads that an event changed at a step (why's
 * evidence, kept to tell whose a move is). */
typedef struct story_write {
    int k, event;
    const tl_write *w;
} story_write;

typedef struct story_why {
    int at;                /* D's step */
    int flip;              /* the last step, at or before `at`, whose verdict differs
                              from the step before's; -1: none since the first step */
    int since;             /* the first step of the evidence: the step the earlier
                              verdict began at (the flip before, or the first step) */
    int until;             /* its last step: flip, or `at` when none */
    story_step step;       /* flip's (when flip >= 0) */
    explain_result now;    /* the tuple as `at` ends */
    int have_now;
    /* the events that changed a value the tuple reads from since to until,
     * the last to do so first (then by name) */
    story_event *events;
    int nevents;
    VEC(story_write) log;  /* every value an event changed from since to until */
} story_why;

/* A story's reading: the tuple, the run, scratch. */
typedef struct story {
    query *q;              /* q->tl: the run, with its journal */
    const model *m;
    int rule;
    int tuple[COOP_MAX_PARAMS];
    int changed, quiet;    /* steps, of the last story_span */
    int flips;             /* of the last story_span */
    int first_verdict;     /* the verdict before the span's first step */
    int last_flip;         /* the last flip's step, or -1 */
    /* the step being read */
    VEC(story_cell) cells;
    VEC(unsigned char) moved;
    explain_result x[2];   /* the tuple before and after it */
    int have[2];
    story_why why;
} story;

/* A story of tuple `tuple` of partnership `rule`, read in q's run (which
 * keeps a journal); free it with story_free. */
void story_init(story *s, query *q, int rule, const int *tuple);
void story_free(story *s);

/* The tuple as step k1 - 1 ends (the declared world before the first
 * step), into s->x[0]: where a span from k1 starts.  Then story_span
 * calls fn for each step from k1 to k2 at which a value the tuple reads
 * changed, and counts in s the steps that changed and that were quiet,
 * and the flips.  Each 0, or -1 after a runtime error or an interrupt
 * (recorded in s->q, with the step). */
int story_start(story *s, int k1);
int story_span(story *s, int k1, int k2, void (*fn)(void *ctx, const story_step *st), void *ctx);

/* `why` at step `at`, into s->why.  0, or -1 as story_span. */
int story_why_at(story *s, int at);

/* Is the value the write w changed one that tuple t of rule `rule` reads
 * (model.h, rule_deps)?  A rule that reads a contract reads the whole
 * world: the contract is decided from it. */
int story_reads(const model *m, int rule, const int *t, const tl_write *w);
/* Does one of event e's changes write the value w wrote? */
int story_writes(const model *m, int event, const tl_write *w);

#endif
