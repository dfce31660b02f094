using InboxApp.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace InboxApp.Core.OptOuts;

/// <summary>Reads an organization's opt-out settings, falling back to the defaults when none were saved.</summary>
internal static class OptOutSettingsStore
{
    public static async Task<OptOutSettingsDto> LoadAsync(InboxDbContext db, CancellationToken ct)
    {
        var row = await db.Set<OptOutSettings>().AsNoTracking().FirstOrDefaultAsync(ct);
        return row is null
            ? new OptOutSettingsDto(true, OptOutKeywords.DefaultStop, OptOutKeywords.DefaultStart, OptOutKeywords.DefaultOptOutReply,
                OptOutKeywords.DefaultOptInReply, IsDefault: true, UpdatedAt: null)
            : new OptOutSettingsDto(row.KeywordsEnabled, OptOutKeywords.Split(row.StopKeywords), OptOutKeywords.Split(row.StartKeywords),
                row.OptOutReply, row.OptInReply, IsDefault: false, row.UpdatedAt);
    }
}
