/* SPDX-License-Identifier: MIT */
/* The CMOS real-time clock, read once at boot for the wallclock. */
#include <arch/io.h>
#include <arch/rtc.h>

#define CMOS_INDEX	0x70
#define CMOS_DATA	0x71
#define RTC_SECONDS	0x00
#define RTC_MINUTES	0x02
#define RTC_HOURS	0x04
#define RTC_DAY		0x07
#define RTC_MONTH	0x08
#define RTC_YEAR	0x09
#define RTC_STATUS_A	0x0a
#define RTC_STATUS_B	0x0b
#define RTC_UPDATING	0x80
#define RTC_BINARY	0x04
#define RTC_24H		0x02

static uint8_t cmos_read(uint8_t reg)
{
	outb(CMOS_INDEX, reg);
	return inb(CMOS_DATA);
}

static unsigned int from_bcd(uint8_t v)
{
	return (v & 0x0f) + (v >> 4) * 10;
}

/* Days from 1970-01-01 to y-m-d (proleptic Gregorian). */
static uint64_t days_since_epoch(unsigned int y, unsigned int m, unsigned int d)
{
	/* Shift the year so it starts in March: the leap day comes last. */
	y -= m <= 2;
	uint64_t era = y / 400, yoe = y - era * 400;
	uint64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	uint64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + doe - 719468;
}

uint64_t rtc_read_unix(void)
{
	unsigned int sec, min, hour, day, mon, year;
	uint8_t b;

	while (cmos_read(RTC_STATUS_A) & RTC_UPDATING)
		;
	sec = cmos_read(RTC_SECONDS);
	min = cmos_read(RTC_MINUTES);
	hour = cmos_read(RTC_HOURS);
	day = cmos_read(RTC_DAY);
	mon = cmos_read(RTC_MONTH);
	year = cmos_read(RTC_YEAR);
	b = cmos_read(RTC_STATUS_B);
	if (!(b & RTC_BINARY)) {
		bool pm = hour & 0x80;

		sec = from_bcd(sec);
		min = from_bcd(min);
		hour = from_bcd(hour & 0x7f) | (pm ? 0x80 : 0);
		day = from_bcd(day);
		mon = from_bcd(mon);
		year = from_bcd(year);
	}
	if (!(b & RTC_24H) && (hour & 0x80))
		hour = ((hour & 0x7f) + 12) % 24;
	hour &= 0x7f;
	return days_since_epoch(2000 + year, mon, day) * 86400 + hour * 3600 + min * 60 + sec;
}
