package model

// RecurrenceRule is how a scheduled event repeats. Discord accepts only
// some combinations: daily on chosen weekdays, weekly or every two weeks
// on one weekday, monthly on the nth weekday, yearly on one date.
type RecurrenceRule struct {
	Start      Timestamp            `json:"start"`
	End        *Timestamp           `json:"end,omitempty"`
	Frequency  RecurrenceFrequency  `json:"frequency"`
	Interval   int                  `json:"interval,omitempty"`
	ByWeekday  []RecurrenceWeekday  `json:"by_weekday,omitempty"`
	ByNWeekday []RecurrenceNWeekday `json:"by_n_weekday,omitempty"`
	ByMonth    []RecurrenceMonth    `json:"by_month,omitempty"`
	ByMonthDay []int                `json:"by_month_day,omitempty"`
	ByYearDay  []int                `json:"by_year_day,omitempty"`
	Count      *int                 `json:"count,omitempty"`
}

// RecurrenceNWeekday is the nth (1..5) given weekday of a month.
type RecurrenceNWeekday struct {
	N   int               `json:"n"`
	Day RecurrenceWeekday `json:"day"`
}

// RecurrenceFrequency is how often a scheduled event repeats.
// Values Discord adds later are kept as they come.
type RecurrenceFrequency int

// RecurrenceFrequency values.
const (
	RecurrenceYearly  RecurrenceFrequency = 0
	RecurrenceMonthly RecurrenceFrequency = 1
	RecurrenceWeekly  RecurrenceFrequency = 2
	RecurrenceDaily   RecurrenceFrequency = 3
)

var recurrenceFrequencyNames = map[RecurrenceFrequency]string{0: "YEARLY", 1: "MONTHLY", 2: "WEEKLY", 3: "DAILY"}

// String is Discord's name of v, or the type and number when unknown.
func (v RecurrenceFrequency) String() string {
	return nameOf("RecurrenceFrequency", v, recurrenceFrequencyNames)
}

// RecurrenceWeekday is a day of the week, Monday being 0.
type RecurrenceWeekday int

// RecurrenceWeekday values.
const (
	Monday    RecurrenceWeekday = 0
	Tuesday   RecurrenceWeekday = 1
	Wednesday RecurrenceWeekday = 2
	Thursday  RecurrenceWeekday = 3
	Friday    RecurrenceWeekday = 4
	Saturday  RecurrenceWeekday = 5
	Sunday    RecurrenceWeekday = 6
)

// RecurrenceMonth is a month, January being 1.
type RecurrenceMonth int

// ScheduledEventException changes one occurrence of a recurring
// scheduled event: moves it, or cancels it.
type ScheduledEventException struct {
	EventID            GuildScheduledEventID `json:"event_id"`
	EventExceptionID   Snowflake             `json:"event_exception_id"`
	ScheduledStartTime *Timestamp            `json:"scheduled_start_time"`
	ScheduledEndTime   *Timestamp            `json:"scheduled_end_time"`
	IsCanceled         bool                  `json:"is_canceled"`
}
