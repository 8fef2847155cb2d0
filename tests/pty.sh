#!/bin/sh
# pty.sh COOP - drives `coop repl` through a real terminal: tmux gives it a
# pseudo-terminal, keys are sent as a person would type them, and the screen
# is read back.  Covers what a pipe cannot: the prompts, Tab completion,
# Ctrl-C, Ctrl-D and the history file.
#   sh tests/pty.sh ./coop            (make pty)
#   sh tests/pty.sh build/san/coop    (make pty SANITIZE=1)
# Run from the repository root.  Prints one line per check, then
# "pty: N passed, M failed"; exits 1 if any check failed, 2 if it could not
# run at all.  Nothing waits a fixed time: every step polls the screen
# (every 0.1 s, up to PTY_TIMEOUT seconds, 10 by default) until it shows what
# is expected, so a run takes a few seconds and a slow (sanitizer) build only
# makes it slower.  On a timeout the check fails and the screen is printed.
#
# A private tmux server (its own socket, no configuration file) runs each
# session in a 120x40 window, TERM=screen, LANG=C.UTF-8, no inputrc, and
# HOME and XDG_STATE_HOME in a temporary directory; the server and the
# directory are removed on exit.  Panes stay after their process ends
# (remain-on-exit), so a session's exit status can be read: it must be 0,
# which under ASan also means no leak was reported.

coop=${1:?usage: sh tests/pty.sh COOP}
case $coop in
/*) ;;
*) coop=$(pwd)/$coop ;;
esac
[ -x "$coop" ] || { echo "pty.sh: $coop is not executable" >&2; exit 2; }
command -v tmux >/dev/null 2>&1 || { echo "pty: tmux is needed: apt-get install tmux" >&2; exit 2; }
root=$(pwd)
model=examples/npo_enterprise.coop
[ -f "$root/$model" ] || { echo "pty.sh: run it from the repository root" >&2; exit 2; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/coop-pty.XXXXXX") || exit 2
sock=coop-pty-$$
unset TMUX TMUX_PANE # when run from inside tmux: this server is another one

tm() { tmux -L "$sock" -f /dev/null "$@"; }
cleanup() {
    # kill-server leaves the socket behind: remove it too
    sockpath=$(tm display-message -p '#{socket_path}' 2>/dev/null) &&
        tm kill-server >/dev/null 2>&1 && rm -f "$sockpath"
    rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 2' INT TERM HUP

timeout=${PTY_TIMEOUT:-10}
polls=$((timeout * 10))
nl='
'
pass=0
fail=0
why=$tmp/why # what the failing step says, printed under FAIL

# ---- sessions and keys --------------------------------------------------

# start SESSION DIR ENV-ARGS... COMMAND...: a new session in DIR running
# COMMAND through env(1); HOME is $tmp/home, XDG_STATE_HOME unset unless
# ENV-ARGS set it.  $s names the session the other helpers act on.  A shell
# around COMMAND writes its exit status to $tmp/SESSION.status (tmux's
# pane_dead_status is not always there); it ignores Ctrl-C, COMMAND does not.
start() {
    s=$1
    dir=$2
    shift 2
    rm -f "$tmp/$s.status"
    # shellcheck disable=SC2016 # $@ and $0 are the inner shell's
    tm start-server \; set-option -g remain-on-exit on \; set-option -g status off \; \
        new-session -d -s "$s" -x 120 -y 40 -c "$dir" -- \
        sh -c 'trap : INT; "$@"; echo $? >"$0.tmp" && mv "$0.tmp" "$0"' "$tmp/$s.status" \
        env -u LC_ALL -u XDG_STATE_HOME -u COLUMNS -u LINES TERM=screen LANG=C.UTF-8 INPUTRC=/dev/null HOME="$tmp/home" "$@"
}

# text STRING: types STRING; key KEY...: presses keys (Enter, Tab, C-c, Up...)
text() { tm send-keys -t "$s" -l -- "$1"; }
key() { tm send-keys -t "$s" "$@"; }

# poll: $dead (1 once the pane's command has ended and written its exit
# status), the cursor at $cx,$cy (from 0,0) and $cur, the screen: wrapped
# lines joined, trailing spaces and empty lines removed (a prompt's space is
# told by where the cursor is).
poll() {
    cur=$(tm display-message -p -t "$s" '#{pane_dead}:#{cursor_x}:#{cursor_y}' \; \
        capture-pane -p -J -t "$s" | sed 's/ *$//')
    IFS=: read -r dead cx cy <<EOF
${cur%%"$nl"*}
EOF
    [ -s "$tmp/$s.status" ] || dead=0
    case $cur in
    *"$nl"*) cur=${cur#*"$nl"} ;;
    *) cur= ;;
    esac
}

# until_ok WHAT TEST...: polls until TEST (run with the screen in $cur) holds;
# fails at once if the process ended without it holding, else after the
# timeout, leaving WHAT and the screen in $why.
until_ok() {
    what=$1
    shift
    i=0
    while :; do
        poll
        "$@" && return 0
        is_dead && { what="$what (the REPL has exited)"; break; }
        [ "$i" -ge "$polls" ] && { what="$what (${timeout}s)"; break; }
        sleep 0.1
        i=$((i + 1))
    done
    {
        echo "waited for $what; the screen (the cursor at $cx,$cy):"
        printf '%s\n' "$cur" | sed 's/^/     | /'
    } >"$why"
    return 1
}

# trim TEXT: $trimmed is TEXT without the trailing spaces of its lines.
trim() { trimmed=$(printf '%s\n' "$1" | sed 's/ *$//'); }

# is_screen TEXT: the screen is TEXT, the cursor just after it.
is_screen() {
    trim "$1"
    last=${1##*"$nl"}
    [ "$cur" = "$trimmed" ] && [ "$cx" = "${#last}" ] &&
        [ "$cy" = "$(($(printf '%s\n' "$1" | wc -l) - 1))" ]
}
# last_line TEXT: the screen's last line is TEXT, the cursor just after it.
last_line() {
    trim "$1"
    [ "${cur##*"$nl"}" = "$trimmed" ] && [ "$cx" = "${#1}" ]
}
is_dead() { [ "$dead" = 1 ]; }
has_line() { printf '%s\n' "$cur" | grep -q "$@"; }

# screen TEXT: waits until the screen is exactly TEXT (after fresh) and the
# cursor just after it; the waiting message shows the cursor as |.
screen() { until_ok "the screen to be:$nl$1|" is_screen "$1"; }
# at TEXT: waits until the screen's last line is TEXT, the cursor after it.
at() { until_ok "the last line to be '$1|'" last_line "$1"; }
# shows GREP-ARGS: waits until a line of the screen matches.
shows() { until_ok "a line matching: $*" has_line "$@"; }

# submit LINE: presses Enter on LINE, the line being edited; counts it in
# $lines and, unless it repeats the line before, adds it to $tmp/typed, the
# history file expected.  enter LINE: types LINE, then submits it.
lines=0
: >"$tmp/typed"
submit() {
    key Enter || return 1
    lines=$((lines + 1))
    [ "$(tail -n 1 "$tmp/typed")" = "$1" ] || printf '%s\n' "$1" >>"$tmp/typed"
}
enter() { text "$1" && submit "$1"; }

# fresh: clears the screen (readline's C-l) and waits for the bare prompt on it.
fresh() {
    key C-l
    screen 'coop> '
}

# ended: waits for the REPL to exit; it must exit with status 0 and, under
# a sanitizer, report nothing.
ended() {
    until_ok "the REPL to exit" is_dead || return 1
    st=$(cat "$tmp/$s.status")
    if [ "$st" != 0 ] || has_line -E 'Sanitizer|runtime error'; then
        {
            echo "the REPL exited with status $st; the screen:"
            printf '%s\n' "$cur" | sed 's/^/     | /'
        } >"$why"
        return 1
    fi
}

# check NAME FUNCTION: runs FUNCTION, whose steps end it at the first failure.
check() {
    : >"$why"
    if "$2"; then
        pass=$((pass + 1))
        echo "ok   $1"
    else
        fail=$((fail + 1))
        echo "FAIL $1"
        cut -c1-200 "$why" | sed 's/^/     /'
        key C-c 2>/dev/null # back to a bare prompt for the next check
    fi
}

# ---- the first session --------------------------------------------------

state=$tmp/state
mkdir -p "$tmp/home" "$state" || exit 2

t_banner() {
    start one "$root" XDG_STATE_HOME="$state" "$coop" repl -j 2 "$model" || return 1
    shows -F "loaded $model: 4 actors, 1 relation, 1 partnership" &&
        shows -E '^coop [^ ]+: ask what-if questions of a model\. :help lists the commands; Ctrl-D leaves\.$' &&
        at 'coop> '
}
check "the banner, then the prompt" t_banner

t_expr() {
    fresh && enter 'count(alliance)' &&
        screen "coop> count(alliance)${nl}2${nl}coop> "
}
check "a bare expression prints its value" t_expr

t_more() {
    fresh && enter 'count(alliance) +' &&
        screen "coop> count(alliance) +$nl  ... " &&
        enter '1' &&
        screen "coop> count(alliance) +$nl  ... 1${nl}3${nl}coop> "
}
check "an unfinished input: the continuation prompt, then its value" t_more

t_tab_keyword() {
    fresh && text 'expl' && key Tab && screen 'coop> explain ' &&
        key C-u && screen 'coop> '
}
check "Tab completes a keyword" t_tab_keyword

t_tab_list() {
    fresh && text 'dom' && key Tab && screen 'coop> dominan' && key C-u &&
        fresh && text 'dominan' && key Tab Tab &&
        screen "coop> dominan${nl}dominance  dominant${nl}coop> dominan" &&
        key C-u && at 'coop> '
}
check "Tab completes what the candidates share, Tab Tab lists them" t_tab_list

t_tab_actor() {
    fresh && text 'eld' && key Tab && screen 'coop> elder_care' &&
        text '.cap' && key Tab && screen 'coop> elder_care.capacity ' &&
        submit 'elder_care.capacity ' && screen "coop> elder_care.capacity ${nl}0.7${nl}coop> "
}
check "Tab completes an actor (no space after it), then its attribute" t_tab_actor

# a name is followed by '(' or '.' or ',' as often as by a space: none is added
t_tab_names() {
    fresh && text 'alli' && key Tab && screen 'coop> alliance' && key C-u &&
        fresh && text 'found' && key Tab && screen 'coop> foundation' && key C-u &&
        fresh && text 'key_' && key Tab && screen 'coop> key_figure' && key C-u &&
        fresh
}
check "Tab completes partnership, kind and factor names (no space after them)" t_tab_names

# a parameter's name, after what if as at the start
t_tab_param() {
    fresh && text 'what if w_tr' && key Tab && screen 'coop> what if w_trust' &&
        text ' = 0.4' && submit 'what if w_trust = 0.4' && shows 'alliance: 1 of 4 verdicts changes' && fresh &&
        text 'thresh' && key Tab && screen 'coop> threshold' && key C-u && fresh
}
check "Tab completes a parameter's name" t_tab_param

t_tab_command() {
    fresh && text ':sa' && key Tab && screen 'coop> :save' &&
        key C-u && screen 'coop> '
}
check "Tab completes a command" t_tab_command

# sweep and its words, names elsewhere, complete as keywords (a space after)
t_tab_sweep() {
    fresh && text 'swe' && key Tab && screen 'coop> sweep ' &&
        text 'w_trust fr' && key Tab && screen 'coop> sweep w_trust from ' &&
        text '0.1 to 0.3 st' && key Tab && screen 'coop> sweep w_trust from 0.1 to 0.3 step ' &&
        key C-u && screen 'coop> '
}
check "Tab completes sweep, from and step" t_tab_sweep

# the names that start a declaration complete as keywords do (a space after)
t_tab_declaration() {
    fresh && text 'para' && key Tab && screen 'coop> param ' && key C-u &&
        fresh && text 'dat' && key Tab && screen 'coop> data ' && key C-u &&
        fresh && text 'attr' && key Tab && screen 'coop> attribute ' && key C-u &&
        fresh && text 'bi' && key Tab && screen 'coop> bid ' && key C-u && screen 'coop> '
}
check "Tab completes param, data, attribute and bid" t_tab_declaration

t_ctrl_c_more() {
    fresh && enter 'actor x : npo {' && screen "coop> actor x : npo {$nl  ... " &&
        key C-c && shows -F '^C' && at 'coop> ' &&
        fresh && enter 'count(alliance)' && screen "coop> count(alliance)${nl}2${nl}coop> "
}
check "Ctrl-C abandons an unfinished input, the session stays" t_ctrl_c_more

t_ctrl_c_line() {
    fresh && text 'count(alli' && screen 'coop> count(alli' &&
        key C-c && shows -F '^C' && at 'coop> ' &&
        fresh && enter '1 + 1' && screen "coop> 1 + 1${nl}2${nl}coop> "
}
check "Ctrl-C abandons a partly typed line" t_ctrl_c_line

# Where ^C lands.  With readline 8.1 and later, rl_callback_handler_remove()
# leaves bracketed-paste mode by writing "\033[?2004l\r": printed after it,
# ^C goes to the start of the line, over the prompt ("^Cop> count(alli").
t_ctrl_c_echo() {
    fresh && text 'count(alli' && screen 'coop> count(alli' &&
        key C-c && screen "coop> count(alli^C${nl}coop> " &&
        fresh && enter 'actor y : npo {' && screen "coop> actor y : npo {$nl  ... " &&
        key C-c && screen "coop> actor y : npo {$nl  ... ^C${nl}coop> "
}
check "Ctrl-C: ^C follows the abandoned input, the prompt intact" t_ctrl_c_echo

# A command that runs long: 2000 x 2000 tuples shown, row by row (kinds of
# their own, out of alliance's way).  Once rows appear, Ctrl-C stops it
# (coop_options.interrupt): the REPL says so and prompts again, and the
# session is as it was.
awk 'BEGIN {
    print "kind bn\nkind be"
    for (i = 0; i < 2000; i++) printf "actor n%d : bn { c = 1 }\nactor e%d : be { }\n", i, i
    print "partnership big(n: bn, e: be) {\n  factor f = n.c\n  score = f\n  forms when score > 0\n}"
}' >"$tmp/big.coop"
# (the terminal's own echo of ^C may land at the start of the error's line
# when the key comes between two rows: it is not coop's output)
t_ctrl_c_command() {
    fresh && enter ":load $tmp/big.coop" && shows -F "loaded $tmp/big.coop: 4000 actors" && at 'coop> ' &&
        fresh && enter 'show big' && shows -E '^  n[0-9]+ +e[0-9]+ +forms' &&
        key C-c && shows -E "^(\\^C)?<stdin>:$lines:1: error: interrupted$" && at 'coop> ' &&
        fresh && enter 'count(alliance)' && screen "coop> count(alliance)${nl}2${nl}coop> "
}
check "Ctrl-C stops a running command, the session stays" t_ctrl_c_command

# A sweep's points in worker processes (-j 2), each point every tuple's
# Shapley values: rows come as points are decided; Ctrl-C ends the workers
# with the REPL's command, which says so and prompts again.
t_ctrl_c_sweep() {
    fresh && enter 'sweep n0.c from 1 to 60 step 1 : dominant(big)' && shows -E '^ +[0-9]+  f$' &&
        key C-c && shows -E "^(\\^C)?<stdin>:$lines:[0-9]+: error: interrupted$" && at 'coop> ' &&
        fresh && enter 'count(alliance)' && screen "coop> count(alliance)${nl}2${nl}coop> "
}
check "Ctrl-C stops a sweep's worker processes, the session stays" t_ctrl_c_sweep

t_error() {
    fresh && enter 'show nothing' &&
        screen "coop> show nothing$nl<stdin>:$lines:6: error: unknown partnership 'nothing'$nl  show nothing$nl       ^~~~~~~${nl}coop> " &&
        fresh && enter 'count(alliance)' && screen "coop> count(alliance)${nl}2${nl}coop> "
}
check "an error names its line and column, the session goes on" t_error

# Ctrl-D on a line with text deletes the character under the cursor.
t_ctrl_d() {
    fresh && text 'count(alliance) * 100' && key Left C-d && screen 'coop> count(alliance) * 10' &&
        key End && submit 'count(alliance) * 10' && screen "coop> count(alliance) * 10${nl}20${nl}coop> " &&
        key C-d && ended
}
check "Ctrl-D deletes a character, on an empty line leaves (status 0)" t_ctrl_d

# same_file FILE EXPECTED: FILE has exactly the lines of EXPECTED.
same_file() {
    [ -f "$1" ] || { echo "$1 does not exist" >"$why"; return 1; }
    cmp -s "$1" "$2" || {
        echo "$1 is not as expected (diff expected actual):"
        diff "$2" "$1" | sed 's/^/     | /'
    } >"$why"
}

t_history_file() { same_file "$state/coop/history" "$tmp/typed"; }
check "the history file has the lines entered, repeats once, no abandoned line" t_history_file

t_history_up() {
    start two "$root" XDG_STATE_HOME="$state" "$coop" repl "$model" && at 'coop> ' &&
        fresh && key Up && screen 'coop> count(alliance) * 10' &&
        key Up && screen 'coop> count(alliance)' && key Down && screen 'coop> count(alliance) * 10' &&
        submit 'count(alliance) * 10' && screen "coop> count(alliance) * 10${nl}20${nl}coop> " &&
        enter ':quit' && ended && same_file "$state/coop/history" "$tmp/typed"
}
check "a second session: Up recalls the first one's lines, :quit leaves" t_history_up

t_history_home() {
    : >"$tmp/typed"
    start three "$root" "$coop" repl "$model" && at 'coop> ' &&
        fresh && enter 'count(alliance) - 2' && screen "coop> count(alliance) - 2${nl}0${nl}coop> " &&
        key C-d && ended && same_file "$tmp/home/.local/state/coop/history" "$tmp/typed"
}
check "no XDG_STATE_HOME: the history is in ~/.local/state/coop" t_history_home

t_history_relative() {
    mkdir -p "$tmp/cwd" &&
        start four "$tmp/cwd" XDG_STATE_HOME=relative "$coop" repl && at 'coop> ' &&
        fresh && key Up && screen 'coop> count(alliance) - 2' && key C-u &&
        enter '1 + 2' && screen "coop> 1 + 2${nl}3${nl}coop> " &&
        key C-d && ended && same_file "$tmp/home/.local/state/coop/history" "$tmp/typed" &&
        if [ -e "$tmp/cwd/relative" ]; then echo "a relative XDG_STATE_HOME was used" >"$why"; false; fi
}
check "a relative XDG_STATE_HOME is ignored, ~/.local/state/coop used" t_history_relative

# a tender's model: Tab completes a bid's fields after bid(TENDER, BIDDER).
t_tab_bid() {
    start five "$root" XDG_STATE_HOME="$tmp/five" "$coop" repl examples/association_purchase.coop && at 'coop> ' &&
        fresh && text 'what if bid(train' && key Tab && screen 'coop> what if bid(training_2016' &&
        text ', hot' && key Tab && screen 'coop> what if bid(training_2016, hotel_assoc' &&
        text ').q' && key Tab && screen 'coop> what if bid(training_2016, hotel_assoc).quality ' &&
        key C-u && fresh && text 'hotel_assoc.' && key Tab Tab &&
        screen "coop> hotel_assoc.${nl}hotel_assoc.capacity  hotel_assoc.services  hotel_assoc.years${nl}coop> hotel_assoc." &&
        key C-u && key C-d && ended
}
check "Tab completes a bid's field after bid(TENDER, BIDDER); an actor's attributes are not its bids' fields" t_tab_bid

# ---- coop sweep ---------------------------------------------------------

# On a terminal a sweep that takes a while shows a progress bar on stderr;
# Ctrl-C stops it between points, the workers with it: it says how far it
# got, takes the bar away, leaves no -o file, and exits 130.
# (a shell around it says its status and waits: tmux may blank a pane whose
# process ends at once after its last words)
t_sweep_bar() {
    # shellcheck disable=SC2016 # $0 and $@ are the inner shell's
    start six "$root" sh -c 'trap "" INT; "$0" "$@"; echo "status $?"; sleep 60' "$coop" sweep -j 2 \
        -p 'elder_care.capacity=0.000001:1:0.000001' --query 'count(alliance)' --force -o "$tmp/bar.csv" "$model" &&
        shows -E '^\[#*\.*\] [0-9]+/1000000 points, [0-9]+:[0-9][0-9] left$' &&
        key C-c && shows -E '^(\^C)?coop: interrupted after [0-9]+ of 1000000 points; nothing written to ' &&
        shows -x 'status 130' || return 1
    if has_line -F '[#' || [ -e "$tmp/bar.csv" ] || ls "$tmp"/bar.csv.* >/dev/null 2>&1; then
        echo "the bar or a file left; the screen:" >"$why"
        printf '%s\n' "$cur" | sed 's/^/     | /' >>"$why"
        return 1
    fi
    tm kill-session -t six
}
check "coop sweep: a progress bar on a terminal; Ctrl-C stops it, 130" t_sweep_bar

# ---- the end ------------------------------------------------------------

echo "pty: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
