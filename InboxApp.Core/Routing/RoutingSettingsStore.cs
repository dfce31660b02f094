using InboxApp.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace InboxApp.Core.Routing;

/// <summary>Reads and creates an organization's <see cref="RoutingSettings"/> row.</summary>
public static class RoutingSettingsStore
{
    /// <summary>The settings (defaults when the organization never saved any; not tracked).</summary>
    public static async Task<RoutingSettings> LoadAsync(InboxDbContext db, CancellationToken ct) =>
        await db.Set<RoutingSettings>().AsNoTracking().FirstOrDefaultAsync(ct)
        ?? new RoutingSettings { OrganizationId = db.TenantId, RulesVersion = Guid.Empty };

    /// <summary>The tracked row, added when missing (save it).</summary>
    public static async Task<RoutingSettings> ForUpdateAsync(InboxDbContext db, CancellationToken ct)
    {
        var settings = await db.Set<RoutingSettings>().FirstOrDefaultAsync(ct);
        if (settings is not null) return settings;
        settings = new RoutingSettings { OrganizationId = db.TenantId };
        db.Add(settings);
        return settings;
    }

    /// <summary>The organization's business hours; null when never set.</summary>
    public static WeeklySchedule? Schedule(RoutingSettings settings) => WeeklySchedule.Parse(settings.BusinessHoursJson);
}
