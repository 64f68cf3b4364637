# Oversized hostile input (issue 11): one line of 70 MiB, over
# FC_MAX_LINE_BYTES (64 MiB), in an inventory CSV, an sshd log, an
# e-trading login CSV and an iptables-save file.  Each must end in exit 2
# with "FILE:LINE: error: ..." (line longer than the limit), never a crash,
# a hang or an out-of-memory kill.  Writes ~300 MB under $TMP; about 10 s
# with the normal build, a minute with ASan.
HOSTILE_BIG=1 HOSTILE_ONLY=longline . tests/cli/test_hostile.sh
