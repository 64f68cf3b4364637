# The banned-function list of STYLE.md holds over src/.
. tests/cli/lib.sh
t no_banned_functions sh scripts/lint.sh
