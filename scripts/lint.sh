#!/bin/sh
# Banned functions (STYLE.md; git's banned.h, curl's checksrc): unbounded
# copies, unchecked conversions, non-reentrant time functions, sscanf on
# untrusted text, and plain qsort (fc_qsort takes empty arrays).  Prints "file:line: banned: fn" and exits 1 on any use.
cd "$(dirname "$0")/.." || exit 1
pat='\b(strcpy|strcat|sprintf|vsprintf|strtok|atoi|atol|atof|gets|sscanf|localtime|gmtime|ctime|asctime|strncpy|tmpnam|mktemp|qsort)[[:space:]]*\('
out=$(grep -rnE "$pat" src/ --include='*.c' --include='*.h' | grep -vE '^\S+:[0-9]+:\s*(/\*|\*|//)' | grep -v 'lint: allow')
if [ -n "$out" ]; then
	printf '%s\n' "$out" | sed -E "s/^([^:]+:[0-9]+):.*$pat.*/\1: banned: \2/"
	exit 1
fi
exit 0
