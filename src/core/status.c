#include "status.h"

const char *fc_status_str(enum fc_status st)
{
	switch (st) {
	case FC_OK: return "ok";
	case FC_ENOMEM: return "out of memory";
	case FC_EIO: return "input/output error";
	case FC_EPARSE: return "malformed input";
	case FC_ELIMIT: return "input exceeds a limit";
	case FC_EUSAGE: return "usage error";
	case FC_ENOTFOUND: return "not found";
	}
	return "unknown status";
}
