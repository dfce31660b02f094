using System.Globalization;
using InboxApp.Core.Conversations;

namespace InboxApp.Features.Inbox;

/// <summary>How the inbox shows times, days and statuses, in the viewer's time zone (their own, else the organization's).</summary>
public static class InboxTime
{
    /// <summary>"14:05" today, "Tue" this week, "12 Nov" this year, else "12 Nov 2025"; a future day is its date.</summary>
    public static string Short(DateTimeOffset at, TimeZoneInfo zone, DateTimeOffset? now = null)
    {
        var local = TimeZoneInfo.ConvertTime(at, zone);
        var today = TimeZoneInfo.ConvertTime(now ?? DateTimeOffset.UtcNow, zone).Date;
        var days = (today - local.Date).TotalDays;
        return days switch
        {
            // A future day (a follow-up's due date) shows as a date, never as a bare time.
            < 0 => local.ToString(local.Year == today.Year ? "d MMM" : "d MMM yyyy", CultureInfo.InvariantCulture),
            < 1 => local.ToString("HH:mm", CultureInfo.InvariantCulture),
            < 7 => local.ToString("ddd", CultureInfo.InvariantCulture),
            _ when local.Year == today.Year => local.ToString("d MMM", CultureInfo.InvariantCulture),
            _ => local.ToString("d MMM yyyy", CultureInfo.InvariantCulture),
        };
    }

    /// <summary>A due time: "today 14:05", else "4 May 14:05" (with the year when it is not this year's).</summary>
    public static string Due(DateTimeOffset at, TimeZoneInfo zone, DateTimeOffset? now = null)
    {
        var local = TimeZoneInfo.ConvertTime(at, zone);
        var today = TimeZoneInfo.ConvertTime(now ?? DateTimeOffset.UtcNow, zone).Date;
        var day = local.Date == today ? "today" : local.ToString(local.Year == today.Year ? "d MMM" : "d MMM yyyy", CultureInfo.InvariantCulture);
        return $"{day} {local.ToString("HH:mm", CultureInfo.InvariantCulture)}";
    }

    /// <summary>The heading of a day in the thread: "Today", "Yesterday" or the date.</summary>
    public static string Day(DateTime localDate, TimeZoneInfo zone, DateTimeOffset? now = null)
    {
        var today = TimeZoneInfo.ConvertTime(now ?? DateTimeOffset.UtcNow, zone).Date;
        if (localDate == today) return "Today";
        if (localDate == today.AddDays(-1)) return "Yesterday";
        return localDate.ToString(localDate.Year == today.Year ? "dddd d MMMM" : "d MMMM yyyy", CultureInfo.InvariantCulture);
    }

    public static string StatusLabel(ConversationStatus status) => status switch
    {
        ConversationStatus.BOT_HANDLING => "Bot",
        ConversationStatus.HUMAN_HANDLING => "Agent",
        ConversationStatus.OPEN => "Open",
        ConversationStatus.WAITING_FOR_CUSTOMER => "Waiting",
        _ => "Resolved",
    };

    public static TimeZoneInfo Zone(string? id)
    {
        if (id is not null && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone)) return zone;
        return TimeZoneInfo.Utc;
    }
}
