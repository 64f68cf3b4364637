/* One status enum returned everywhere (curl's habit): 0 is success. */
#ifndef FC_STATUS_H
#define FC_STATUS_H

enum fc_status {
	FC_OK = 0,
	FC_ENOMEM,	/* an allocation failed */
	FC_EIO,		/* a file could not be read or written */
	FC_EPARSE,	/* input was malformed (details in the diag sink) */
	FC_ELIMIT,	/* input exceeded a limit in limits.h */
	FC_EUSAGE,	/* the caller passed something wrong */
	FC_ENOTFOUND	/* a looked-up item does not exist */
};

const char *fc_status_str(enum fc_status st);

#endif
