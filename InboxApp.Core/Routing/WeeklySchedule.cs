using System.Globalization;
using System.Text.Json;
using InboxApp.Core.Common;

namespace InboxApp.Core.Routing;

public enum Weekday { MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY, SATURDAY, SUNDAY }

/// <summary>Open from <see cref="Open"/> to <see cref="Close"/> (local "HH:mm", close "24:00" for midnight) on <see cref="Day"/>.</summary>
public sealed record ScheduleSlot(Weekday Day, string Open, string Close);

/// <summary>A dated exception: closed all day (<c>yyyy-MM-dd</c>, in the schedule's time zone).</summary>
public sealed record ScheduleHoliday(string Date, string? Name);

/// <summary>Working hours: a weekly grid in a time zone (IANA, for example <c>Europe/Berlin</c>) with holidays. Disabled: always open.</summary>
public sealed record WeeklySchedule(string Timezone, bool IsEnabled, IReadOnlyList<ScheduleSlot>? Slots, IReadOnlyList<ScheduleHoliday>? Holidays = null)
{
    public static readonly WeeklySchedule AlwaysOpen = new("UTC", false, [], []);

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    public static WeeklySchedule? Parse(string? json) => string.IsNullOrEmpty(json) ? null : JsonSerializer.Deserialize<WeeklySchedule>(json, Json);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Checks every field (400 naming it) and answers the schedule trimmed, slots sorted.</summary>
    public static WeeklySchedule Validate(WeeklySchedule? schedule)
    {
        if (schedule is null) throw InboxException.Invalid("body", "Send {timezone, isEnabled, slots}");
        var zone = schedule.Timezone?.Trim() ?? "";
        if (zone.Length == 0 || !TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _))
            throw InboxException.Invalid("timezone", "timezone must be a known time zone such as Europe/Berlin or UTC");
        var slots = schedule.Slots ?? [];
        if (slots.Count > 50) throw InboxException.Invalid("slots", "At most 50 slots");
        for (var i = 0; i < slots.Count; i++)
        {
            var slot = slots[i] ?? throw InboxException.Invalid($"slots[{i}]", "A slot is required");
            if (!Enum.IsDefined(slot.Day)) throw InboxException.Invalid($"slots[{i}].day", "day must be MONDAY … SUNDAY");
            var open = ParseTime(slot.Open, $"slots[{i}].open");
            var close = ParseTime(slot.Close, $"slots[{i}].close");
            if (close <= open) throw InboxException.Invalid($"slots[{i}].close", "close must be after open (split a slot that passes midnight in two)");
        }
        var holidays = schedule.Holidays ?? [];
        if (holidays.Count > 400) throw InboxException.Invalid("holidays", "At most 400 holidays");
        for (var i = 0; i < holidays.Count; i++)
        {
            if (holidays[i] is not { } h || !DateOnly.TryParseExact(h.Date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
                throw InboxException.Invalid($"holidays[{i}].date", "date must be yyyy-MM-dd");
            if (h.Name is { Length: > 100 }) throw InboxException.Invalid($"holidays[{i}].name", "name must be at most 100 characters");
        }
        return new WeeklySchedule(zone, schedule.IsEnabled,
            slots.OrderBy(s => s.Day).ThenBy(s => s.Open, StringComparer.Ordinal).ToList(),
            holidays.OrderBy(h => h.Date, StringComparer.Ordinal).ToList());
    }

    private static TimeSpan ParseTime(string? value, string field)
    {
        if (value == "24:00") return TimeSpan.FromHours(24);
        if (value is { Length: 5 } && TimeSpan.TryParseExact(value, @"hh\:mm", CultureInfo.InvariantCulture, out var t)) return t;
        throw InboxException.Invalid(field, $"{field.Split('.')[^1]} must be HH:mm (00:00 to 24:00)");
    }

    /// <summary>Evaluates this schedule (valid: <see cref="Validate"/> passed).</summary>
    public ScheduleClock Clock() => new(this);
}

/// <summary>Answers "open now?" and "when does that change?" for one schedule.</summary>
public sealed class ScheduleClock
{
    private readonly bool enabled;
    private readonly TimeZoneInfo zone;
    private readonly List<(DayOfWeek Day, TimeSpan Open, TimeSpan Close)> slots;
    private readonly HashSet<DateOnly> holidays;

    public ScheduleClock(WeeklySchedule schedule)
    {
        enabled = schedule.IsEnabled;
        zone = TimeZoneInfo.TryFindSystemTimeZoneById(schedule.Timezone, out var z) ? z : TimeZoneInfo.Utc;
        slots = (schedule.Slots ?? []).Select(s => (ToDayOfWeek(s.Day), Time(s.Open), Time(s.Close))).ToList();
        holidays = (schedule.Holidays ?? []).Select(h => DateOnly.ParseExact(h.Date, "yyyy-MM-dd", CultureInfo.InvariantCulture)).ToHashSet();
    }

    public bool IsEnabled => enabled;

    public bool IsOpen(DateTimeOffset at)
    {
        if (!enabled) return true;
        var local = TimeZoneInfo.ConvertTime(at, zone);
        if (holidays.Contains(DateOnly.FromDateTime(local.DateTime))) return false;
        var time = local.TimeOfDay;
        var day = local.DayOfWeek;
        foreach (var s in slots)
            if (s.Day == day && time >= s.Open && time < s.Close) return true;
        return false;
    }

    /// <summary>The next moment after <paramref name="at"/> when open turns closed or closed turns open; null when it never does (within a year).</summary>
    public DateTimeOffset? NextChange(DateTimeOffset at)
    {
        if (!enabled) return null;
        var now = IsOpen(at);
        var localDate = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, zone).DateTime);
        for (var offset = 0; offset <= 400; offset++)
        {
            var date = localDate.AddDays(offset);
            var boundaries = new List<TimeSpan> { TimeSpan.Zero };
            foreach (var s in slots.Where(s => s.Day == date.DayOfWeek)) boundaries.AddRange([s.Open, s.Close]);
            boundaries.Add(TimeSpan.FromHours(24));
            foreach (var b in boundaries.Distinct().Order())
            {
                var utc = ToUtc(date, b);
                if (utc <= at) continue;
                if (IsOpen(utc) != now) return utc;
            }
        }
        return null;
    }

    private DateTimeOffset ToUtc(DateOnly date, TimeSpan time)
    {
        var local = date.ToDateTime(TimeOnly.MinValue).Add(time);
        // A time skipped by a daylight-saving change happens an hour later.
        if (zone.IsInvalidTime(local)) local = local.AddHours(1);
        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), zone), TimeSpan.Zero);
    }

    private static TimeSpan Time(string value) => value == "24:00" ? TimeSpan.FromHours(24)
        : TimeSpan.ParseExact(value, @"hh\:mm", CultureInfo.InvariantCulture);

    private static DayOfWeek ToDayOfWeek(Weekday day) => day == Weekday.SUNDAY ? DayOfWeek.Sunday : (DayOfWeek)((int)day + 1);
}
