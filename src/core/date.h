/*
 * Dates and timestamps in every form the bundle spec allows.
 * A date is a day number (days since 1970-01-01); a timestamp is seconds
 * since the epoch, UTC.  A timestamp without a zone is Asia/Taipei (+08:00),
 * and a timestamp's date is its date in Taipei.
 */
#ifndef FC_DATE_H
#define FC_DATE_H
#include <stdbool.h>
#include <stdint.h>

#define FC_TZ_TAIPEI (8 * 3600)
#define FC_NO_DATE INT32_MIN

int32_t fc_days_from_civil(int y, int m, int d);
void fc_civil_from_days(int32_t z, int *y, int *m, int *d);
bool fc_valid_ymd(int y, int m, int d);

/* Accepted: 2026-11-01, 2026/11/01, 20261101, 113/11/01 (ROC year),
 * 11/1/2026 (US, as Export-Csv writes it), and any timestamp form below
 * (its Taipei date).  Returns false on anything else. */
bool fc_date_parse(const char *s, int32_t *days);

/* Accepted: ISO 8601 with T or space, optional seconds, fraction and zone
 * (Z, +08:00, +0800); PowerShell "11/1/2026 9:30:00 AM"; ctime-style
 * "Thu Sep 15 10:01:48 2022" (Nessus HOST_START); a plain date (midnight
 * Taipei); Windows FILETIME integers (AD pwdLastSet/lastLogon).
 * never = 0 / 0x7FFFFFFFFFFFFFFF FILETIME gives *never = true. */
bool fc_ts_parse(const char *s, int64_t *secs, bool *never);

/* Syslog "Nov  1 09:30:00" (RFC 3164): the year is taken from the as-of
 * date; a time more than a day after as-of belongs to the previous year
 * (year roll-over).  Returns the number of bytes consumed, 0 on failure. */
int fc_syslog_ts(const char *s, int len, int32_t asof_days, int64_t *secs);

int32_t fc_ts_day(int64_t secs); /* Taipei date of a timestamp */
int64_t fc_day_ts(int32_t days); /* midnight Taipei */
/* YYYY-MM-DD into out[11]; "" for FC_NO_DATE */
void fc_date_fmt(int32_t days, char out[11]);
/* ISO 8601 with +08:00 into out[26] */
void fc_ts_fmt(int64_t secs, char out[26]);
/* Month from a 3-letter English abbreviation, 1..12, 0 if none */
int fc_month_abbr(const char *s);

#endif
